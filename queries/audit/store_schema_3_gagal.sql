-- SQLite, the session store: failed sign-ins in a row per login name, and the lock's end.
-- Parameters: none. Output: none.
create table if not exists gagal_masuk (
    nama_pengguna text primary key,
    gagal integer not null,
    terkunci_sampai text
)
