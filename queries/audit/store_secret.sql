-- SQLite, the session store: the cookie-signing secret.
-- Parameters: none.
-- Output: nilai (hex text; no row before the first one is made).
select nilai from kunci_rahasia where id = 1
