-- One account with its password hash, for signing in.
-- Parameters: $nama_pengguna (the login name, lowercase).
-- Output: nama_pengguna, peran, kode_kelurahan (list), kode_kecamatan (list), hash_sandi
-- (argon2id or null), aktif (boolean); no row for an unknown name.
with final as (
    select nama_pengguna, peran, kode_kelurahan, kode_kecamatan, hash_sandi, aktif
    from pengguna
    where nama_pengguna = $nama_pengguna
)
select * from final
