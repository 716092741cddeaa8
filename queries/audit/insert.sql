-- Record one event in the warehouse's audit log (inside the transaction of what it records).
-- Parameters: $waktu (UTC timestamp), $nama_pengguna, $peristiwa (event kind), $objek, $rincian (JSON text).
-- Output: none.
insert into audit_log (id_audit, waktu, nama_pengguna, peristiwa, objek, rincian)
select coalesce(max(id_audit), 0) + 1, $waktu, $nama_pengguna, $peristiwa, $objek, $rincian
from audit_log
