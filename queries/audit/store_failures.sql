-- SQLite, the session store: failed sign-ins in a row of one login name.
-- Parameters: $nama_pengguna.
-- Output: gagal (count), terkunci_sampai (ISO text, UTC, or null); no row after a success.
select gagal, terkunci_sampai from gagal_masuk where nama_pengguna = $nama_pengguna
