-- SQLite, the session store: one session.
-- Parameters: $hash_token (sha256 hex).
-- Output: nama_pengguna, dibuat, terakhir (ISO text, UTC); no row for an unknown or ended session.
select nama_pengguna, dibuat, terakhir from sesi where hash_token = $hash_token
