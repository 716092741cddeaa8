-- SQLite, the session store: end every session of a user (disabled account, new password).
-- Parameters: $nama_pengguna.
-- Output: none.
delete from sesi where nama_pengguna = $nama_pengguna
