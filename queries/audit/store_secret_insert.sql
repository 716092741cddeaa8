-- SQLite, the session store: keep a new cookie-signing secret unless another process made one first.
-- Parameters: $nilai (hex text).
-- Output: none.
insert or ignore into kunci_rahasia (id, nilai) values (1, $nilai)
