-- The warehouse's audit events in a period, newest first. Filters left null match everything.
-- Parameters: $dari, $sampai (UTC timestamps; $sampai exclusive), $nama_pengguna, $peristiwa.
-- Output: waktu (UTC), nama_pengguna, peristiwa, objek, rincian (JSON text).
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
