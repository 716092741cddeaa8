-- SQLite, the session store: record one event of the dashboard.
-- Parameters: $waktu (ISO text, UTC), $nama_pengguna, $peristiwa (event kind), $objek, $rincian (JSON text).
-- Output: none.
insert into audit_log (waktu, nama_pengguna, peristiwa, objek, rincian)
values ($waktu, $nama_pengguna, $peristiwa, $objek, $rincian)
