-- Shelter (UPT) length of stay as of a day, per shelter and over all of them, of the stays of
-- the PMKS cases of a region that overlap a period (no personal attribute of the case): the
-- figures of analytics.cases.length_of_stay computed here.
-- Parameters: as pmks_shelter_daily.sql ($kode_region, $kategori, $sumber, $dari, $sampai,
--   $scope_kelurahan, $kelurahan, $shelter_code, $shelter_upt), and $tanggal (the date the
--   figures are taken on).
-- Output, one row per shelter with a stay (total false) and one over every stay (total true,
--   upt null, none without stays): upt (the shelter's number, 0 for stays no shelter takes),
--   total, stays_count, discharged_count (discharged by $tanggal), median_days, p90_days, mean_days
--   (discharge - admission in days over those, linear interpolation as numpy, null without one),
--   current_count (admitted by $tanggal and not discharged by it), current_median_days (their days so far).
with stays as (
    select kode_kelurahan, tanggal_masuk_shelter as masuk, tanggal_keluar_shelter as keluar
    from pmks_kasus
    where starts_with(kode_kelurahan, $kode_region || '.')
        and ($scope_kelurahan is null or list_contains($scope_kelurahan, kode_kelurahan))
        and ($kelurahan is null or kode_kelurahan = $kelurahan)
        and tanggal_masuk_shelter is not null
        and ($kategori is null or list_contains($kategori, kategori))
        and ($sumber is null or list_contains($sumber, sumber))
        and tanggal_masuk_shelter <= cast($sampai as date)
        and (tanggal_keluar_shelter is null or tanggal_keluar_shelter >= cast($dari as date))
),

codes as (
    select
        unnest(cast($shelter_code as varchar[])) as code,
        unnest(cast($shelter_upt as integer[])) as upt,
        unnest(range(1, len(cast($shelter_code as varchar[])) + 1)) as preference
),

unit_upt as (
    select u.kode_kelurahan, min_by(c.upt, c.preference) as upt
    from (select distinct kode_kelurahan from stays) as u
    inner join codes as c on u.kode_kelurahan = c.code or starts_with(u.kode_kelurahan, c.code || '.')
    group by u.kode_kelurahan
),

assigned as (
    select coalesce(unit_upt.upt, 0) as upt, stays.masuk, stays.keluar
    from stays
    left join unit_upt on stays.kode_kelurahan = unit_upt.kode_kelurahan
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
