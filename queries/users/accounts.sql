-- Every account, by name.
-- Parameters: none.
-- Output: nama_pengguna, peran, kode_kelurahan (list), kode_kecamatan (list), punya_sandi
-- (boolean: a local password is set), aktif (boolean), demo (boolean), dibuat, diubah (UTC).
with final as (
    select nama_pengguna, peran, kode_kelurahan, kode_kecamatan, hash_sandi is not null as punya_sandi,
        aktif, demo, dibuat, diubah
    from pengguna
    order by nama_pengguna
)
select * from final
