-- Shelter (UPT) stays of the PMKS cases of a region that overlap a period, for occupancy and
-- length of stay (no personal attribute of the case).
-- Parameters: $kode_region (kab/kota code, dotted), $kategori (list of category codes, or
--   null for all), $sumber (list of source codes, or null for all), $dari and $sampai
--   (dates, inclusive, null for open-ended): stays admitted by $sampai and not discharged
--   before $dari. $scope_kelurahan (the kelurahan codes the user may see, a list, or null for no limit).
-- Output, one row per stay: kode_kelurahan (where the case was reported), kategori, hasil (outcome, null while open),
--   tanggal_masuk_shelter (admission date), tanggal_keluar_shelter (discharge date, null
--   while the person is still there).
with final as (
    select kode_kelurahan, kategori, hasil, tanggal_masuk_shelter, tanggal_keluar_shelter
    from pmks_kasus
    where starts_with(kode_kelurahan, $kode_region || '.')
        and ($scope_kelurahan is null or list_contains($scope_kelurahan, kode_kelurahan))
        and tanggal_masuk_shelter is not null
        and ($kategori is null or list_contains($kategori, kategori))
        and ($sumber is null or list_contains($sumber, sumber))
        and ($sampai is null or tanggal_masuk_shelter <= cast($sampai as date))
        and ($dari is null or tanggal_keluar_shelter is null or tanggal_keluar_shelter >= cast($dari as date))
)

select * from final
order by tanggal_masuk_shelter
