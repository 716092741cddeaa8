-- SQLite, the session store: set the failed sign-ins in a row of one login name.
-- Parameters: $nama_pengguna, $gagal (count), $terkunci_sampai (ISO text, UTC, or null).
-- Output: none.
insert into gagal_masuk (nama_pengguna, gagal, terkunci_sampai) values ($nama_pengguna, $gagal, $terkunci_sampai)
on conflict (nama_pengguna) do update set gagal = excluded.gagal, terkunci_sampai = excluded.terkunci_sampai
