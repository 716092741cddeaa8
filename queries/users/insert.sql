-- Add an account.
-- Parameters: $nama_pengguna, $peran, $kode_kelurahan (list), $kode_kecamatan (list),
-- $hash_sandi (argon2id or null), $demo (boolean), $waktu (UTC timestamp).
-- Output: none.
insert into pengguna (nama_pengguna, peran, kode_kelurahan, kode_kecamatan, hash_sandi, aktif, demo, dibuat, diubah)
values ($nama_pengguna, $peran, $kode_kelurahan, $kode_kecamatan, $hash_sandi, true, $demo, $waktu, $waktu)
