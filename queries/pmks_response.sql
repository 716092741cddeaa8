-- Report, response and arrival times of the PMKS cases of a region for a period and filter,
-- for the TRC response-time figures (no personal attribute of the case).
-- Parameters: $kode_region (kab/kota code, dotted), $kategori (list of category codes, or
--   null for all), $sumber (list of source codes, or null for all), $dari and $sampai
--   (report dates, inclusive, null for open-ended), $scope_kelurahan (the kelurahan codes the
--   user may see, a list, or null for no limit).
-- Output, one row per case: kode_kelurahan, nama (kelurahan name), kategori, sumber,
--   waktu_lapor, waktu_respons, waktu_tiba (timestamps, local time, the last two null when
--   not recorded).
with cases as (
    select kode_kelurahan, kategori, sumber, waktu_lapor, waktu_respons, waktu_tiba
    from pmks_cases_reported($kode_region, $kategori, $sumber, $dari, $sampai, $scope_kelurahan)
),

final as (
    select c.kode_kelurahan, w.nama, c.kategori, c.sumber, c.waktu_lapor, c.waktu_respons, c.waktu_tiba
    from cases as c
    left join wilayah as w on w.kode = c.kode_kelurahan
)

select * from final
order by waktu_lapor
