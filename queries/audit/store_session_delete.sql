-- SQLite, the session store: end a session.
-- Parameters: $hash_token (sha256 hex).
-- Output: none.
delete from sesi where hash_token = $hash_token
