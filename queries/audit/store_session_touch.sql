-- SQLite, the session store: note activity in a session.
-- Parameters: $hash_token (sha256 hex), $waktu (ISO text, UTC).
-- Output: none.
update sesi set terakhir = $waktu where hash_token = $hash_token
