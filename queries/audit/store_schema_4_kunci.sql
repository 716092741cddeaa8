-- SQLite, the session store: the secret that signs session cookies, made once per store.
-- Parameters: none. Output: none.
create table if not exists kunci_rahasia (
    id integer primary key check (id = 1),
    nilai text not null
)
