-- Disable an account (it stays, so the audit log's names keep meaning someone).
-- Parameters: $nama_pengguna, $waktu (UTC timestamp).
-- Output: nama_pengguna of the changed row (none for an unknown name).
update pengguna set aktif = false, diubah = $waktu
where nama_pengguna = $nama_pengguna
returning nama_pengguna
