-- SQLite, the session store: forget the failed sign-ins of one login name (after a success).
-- Parameters: $nama_pengguna.
-- Output: none.
delete from gagal_masuk where nama_pengguna = $nama_pengguna
