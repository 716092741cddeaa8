-- The records of one pendataan campaign per day in a region (within the user's scope), for the
-- page's progress chart.
-- Parameters: $kode_region (kab/kota code, dotted), $scope_kelurahan (varchar[] of the
--   kelurahan codes the user may see, null: no limit), $kode_kampanye (the campaign's code),
--   $tanggal (the data date: records up to it).
-- Output, one row per date with records, oldest first: tanggal (date), records_count (records).
with final as (
    select c.tanggal, count(*) as records_count
    from pendataan_catatan as c
    inner join region_kelurahan($kode_region, p_scope := $scope_kelurahan) as u on u.kode = c.kode_kelurahan
    where c.kode_kampanye = $kode_kampanye and c.tanggal <= $tanggal
    group by c.tanggal
)

select * from final
order by tanggal
