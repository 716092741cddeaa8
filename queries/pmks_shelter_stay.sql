-- Shelter (UPT) length of stay as of a day, per shelter and over all of them, of the stays of
-- the PMKS cases of a region that overlap a period (no personal attribute of the case): the
-- figures of analytics.cases.length_of_stay computed here over the stays of the schema macro
-- shelter_stays.
-- Parameters: as pmks_shelter_daily.sql ($kode_region, $kategori, $sumber, $dari, $sampai,
--   $scope_kelurahan, $kelurahan, $shelter_code, $shelter_upt), and $tanggal (the date the
--   figures are taken on).
-- Output, one row per shelter with a stay (total false) and one over every stay (total true,
--   upt null, none without stays): upt (the shelter's number, 0 for stays no shelter takes),
--   total, stays_count, discharged_count (discharged by $tanggal), median_days, p90_days, mean_days
--   (discharge - admission in days over those, linear interpolation as numpy, null without one),
--   current_count (admitted by $tanggal and not discharged by it), current_median_days (their days so far).
with assigned as (
    select * from shelter_stays(
        $kode_region, $scope_kelurahan, $kelurahan, $kategori, $sumber, $dari, $sampai, $shelter_code, $shelter_upt
    )
),

final as (
    select
        upt,
        grouping(upt) = 1 as total,
        count(*) as stays_count,
        count(*) filter (where done) as discharged_count,
        quantile_cont(date_diff('day', masuk, keluar), 0.5) filter (where done) as median_days,
        quantile_cont(date_diff('day', masuk, keluar), 0.9) filter (where done) as p90_days,
        avg(date_diff('day', masuk, keluar)) filter (where done) as mean_days,
        count(*) filter (where still) as current_count,
        quantile_cont(date_diff('day', masuk, cast($tanggal as date)), 0.5) filter (where still) as current_median_days
    from (
        select
            upt,
            masuk,
            keluar,
            coalesce(keluar <= cast($tanggal as date), false) as done,
            masuk <= cast($tanggal as date) and not coalesce(keluar <= cast($tanggal as date), false) as still
        from assigned
    )
    group by grouping sets ((upt), ())
)

select upt, total, stays_count, discharged_count, median_days, p90_days, mean_days, current_count, current_median_days
from final
order by total, upt
