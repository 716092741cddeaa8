-- SQLite, the session store: open sessions. hash_token: sha256 of the cookie's random token (the
-- token itself is only in the browser). Times are ISO 8601 text in UTC.
-- Parameters: none. Output: none.
create table if not exists sesi (
    hash_token text primary key,
    nama_pengguna text not null,
    dibuat text not null,
    terakhir text not null
)
