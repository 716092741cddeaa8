-- The time the PMKS cases of a region (period, filter) spent in each lifecycle stage (analytics
-- table pmks_tahap_durasi, 26_pmks_tahap_durasi.sql): per stage, the completed stays with their
-- median, 90th percentile (linear interpolation between order statistics, as numpy) and mean
-- in hours, and the cases in the stage now with the median time they have spent there so far.
-- Parameters: $kode_region (kab/kota code, dotted), $kategori (list of category codes, or
--   null for all), $sumber (list of source codes, or null for all), $dari and $sampai
--   (report dates, inclusive, null for open-ended), $scope_kelurahan (the kelurahan codes the
--   user may see, a list, or null for no limit), $kelurahan (one kelurahan code, or null for
--   all), $tanggal (the data date: a case still in a stage has spent the time until the end of
--   that day there).
-- Output, one row per stage with a recorded stay: tahap, completed_count (stays that ended),
--   median_hours, p90_hours, mean_hours (hours, over the completed stays, null without one),
--   open_count (cases in the stage now), open_median_hours (hours, their median time so far,
--   null without one). Ordered by tahap.
with rows_ as (
    select
        tahap,
        coalesce(hours, greatest(epoch(cast($tanggal as date) + interval 1 day - waktu_mulai), 0) / 3600.0) as v,
        hours is null as open,
        cases_count
    from pmks_days_reported('pmks_tahap_durasi', $kode_region, $kategori, $sumber, $dari, $sampai, $scope_kelurahan)
    where $kelurahan is null or kode_kelurahan = $kelurahan
),

-- One row per stay again, so that the percentiles are those of the stays (exact).
each_stay as (
    select s.* exclude (cases_count)
    from rows_ as s, range(s.cases_count)
),

-- Each stay's rank among the completed or the open stays of its stage (0 the shortest).
ranks as (
    select
        tahap,
        open,
        v,
        row_number() over (partition by tahap, open order by v) - 1 as r,
        count(*) over (partition by tahap, open) as n,
        cast(floor(cast(count(*) over (partition by tahap, open) - 1 as double) * 0.9) as bigint) as lo,
        cast(count(*) over (partition by tahap, open) - 1 as double) * 0.9 as h
    from each_stay
),

-- The median is the middle value (the mean of the two middle ones for an even count); the
-- 90th percentile lies at rank h = 0.9 (n - 1), between ranks floor(h) and floor(h) + 1,
-- interpolated with numpy's formula (from the upper one when the fraction is 0.5 or more).
groups as (
    select
        tahap,
        open,
        any_value(n) as n,
        any_value(h - lo) as gamma,
        avg(v) as mean_v,
        max(v) filter (where r = least(lo, n - 1)) as p90_lo,
        max(v) filter (where r = least(lo + 1, n - 1)) as p90_hi,
        max(v) filter (where r = (n - 1) // 2) as median_lo,
        max(v) filter (where r = n // 2) as median_hi
    from ranks
    group by tahap, open
),

figures as (
    select
        tahap,
        open,
        n,
        mean_v,
        case when n % 2 = 1 then median_lo else (median_lo + median_hi) / 2 end as median_v,
        case
            when gamma >= 0.5 then p90_hi - (p90_hi - p90_lo) * (1 - gamma)
            else p90_lo + (p90_hi - p90_lo) * gamma
        end as p90_v
    from groups
),

final as (
    select
        tahap,
        cast(coalesce(max(n) filter (where not open), 0) as bigint) as completed_count,
        max(median_v) filter (where not open) as median_hours,
        max(p90_v) filter (where not open) as p90_hours,
        max(mean_v) filter (where not open) as mean_hours,
        cast(coalesce(max(n) filter (where open), 0) as bigint) as open_count,
        max(median_v) filter (where open) as open_median_hours
    from figures
    group by tahap
)

select * from final
order by tahap
