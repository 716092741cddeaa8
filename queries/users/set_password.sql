-- Replace an account's password hash.
-- Parameters: $nama_pengguna, $hash_sandi (argon2id), $waktu (UTC timestamp).
-- Output: nama_pengguna of the changed row (none for an unknown name).
update pengguna set hash_sandi = $hash_sandi, diubah = $waktu
where nama_pengguna = $nama_pengguna
returning nama_pengguna
