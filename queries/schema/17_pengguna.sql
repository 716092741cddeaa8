-- Local accounts of the dashboard (issue 13). nama_pengguna: the login name, lowercase (for the
-- identity provider's users, their e-mail address). peran: a role of domain/roles.py.
-- kode_kelurahan, kode_kecamatan: the units a scoped user may see (empty: the whole region).
-- hash_sandi: an argon2id hash (argon2-cffi), never the password; null for accounts that only
-- sign in through the identity provider. aktif: false once disabled. Times in UTC.
create table if not exists pengguna (
    nama_pengguna varchar primary key,
    peran varchar not null check (peran in ('kepala', 'perencana', 'auditor', 'operator', 'admin')),
    kode_kelurahan varchar[] not null default [],
    kode_kecamatan varchar[] not null default [],
    hash_sandi varchar,
    aktif boolean not null default true,
    demo boolean not null default false,
    dibuat timestamp not null,
    diubah timestamp not null
);
