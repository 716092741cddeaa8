-- SQLite, the session store: open a session.
-- Parameters: $hash_token (sha256 hex), $nama_pengguna, $waktu (ISO text, UTC).
-- Output: none.
insert into sesi (hash_token, nama_pengguna, dibuat, terakhir) values ($hash_token, $nama_pengguna, $waktu, $waktu)
