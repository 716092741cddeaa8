-- SQLite, the session store: its audit events in a period, newest first. Filters left null
-- match everything; times are ISO 8601 text in UTC, which sorts as time.
-- Parameters: $dari, $sampai (ISO text; $sampai exclusive), $nama_pengguna, $peristiwa.
-- Output: waktu (ISO text, UTC), nama_pengguna, peristiwa, objek, rincian (JSON text).
with final as (
    select waktu, nama_pengguna, peristiwa, objek, rincian
    from audit_log
    where ($dari is null or waktu >= $dari)
        and ($sampai is null or waktu < $sampai)
        and ($nama_pengguna is null or nama_pengguna = $nama_pengguna)
        and ($peristiwa is null or peristiwa = $peristiwa)
    order by waktu desc, id_audit desc
)
select * from final
