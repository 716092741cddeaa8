-- Shelter (UPT) occupancy per shelter per day of a period, of the stays of the PMKS cases of a
-- region that overlap it (no personal attribute of the case): the counting of
-- analytics.cases.shelter_occupancy done here over the stays of the schema macro shelter_stays,
-- so that a few rows per day come back, not a row per stay.
-- Parameters: $kode_region (kab/kota code, dotted), $kategori (list of category codes, or
--   null for all), $sumber (list of source codes, or null for all), $dari and $sampai
--   (dates, inclusive, both given): stays admitted by $sampai and not discharged before $dari.
--   $scope_kelurahan (the kelurahan codes the user may see, a list, or null for no limit),
--   $kelurahan (one kelurahan code, or null for all), $shelter_code and $shelter_upt (parallel
--   lists: area codes in order of preference, longest first, and the 1-based number of the shelter
--   each belongs to): a stay counts for the first code that is its kelurahan's code or a prefix of it.
-- Output, one row per shelter with a stay and day from $dari to $sampai: upt (the shelter's
--   number, 0 for stays no shelter takes), tanggal (date), occupants_count (persons admitted on
--   or before the day and not discharged by it), admissions_count, discharges_count (persons that day).
with assigned as (
    select * from shelter_stays(
        $kode_region, $scope_kelurahan, $kelurahan, $kategori, $sumber, $dari, $sampai, $shelter_code, $shelter_upt
    )
),

days as (
    select cast(d as date) as tanggal
    from range(cast($dari as timestamp), cast($sampai as timestamp) + interval 1 day, interval 1 day) as t(d)
),

before as (
    select
        upt,
        count(*) filter (where masuk < cast($dari as date)) as in_before,
        count(*) filter (where keluar < cast($dari as date)) as out_before
    from assigned
    group by upt
),

admitted as (
    select upt, masuk as tanggal, count(*) as n from assigned group by upt, masuk
),

discharged as (
    select upt, keluar as tanggal, count(*) as n from assigned where keluar is not null group by upt, keluar
),

final as (
    select
        b.upt,
        d.tanggal,
        b.in_before + sum(coalesce(a.n, 0)) over w - b.out_before - sum(coalesce(x.n, 0)) over w as occupants_count,
        coalesce(a.n, 0) as admissions_count,
        coalesce(x.n, 0) as discharges_count
    from before as b
    cross join days as d
    left join admitted as a on b.upt = a.upt and d.tanggal = a.tanggal
    left join discharged as x on b.upt = x.upt and d.tanggal = x.tanggal
    window w as (partition by b.upt order by d.tanggal rows between unbounded preceding and current row)
)

select upt, tanggal, occupants_count, admissions_count, discharges_count
from final
order by upt, tanggal
