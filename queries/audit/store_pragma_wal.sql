-- SQLite, the session store: write-ahead logging, so that many dashboard sessions read and
-- write it at once (readers never wait for the one writer).
-- Parameters: none.
-- Output: journal_mode.
pragma journal_mode = wal
