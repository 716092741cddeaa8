-- The TRC response figures of the PMKS cases of a region for a period and filter (analytics
-- table pmks_respons, 25_pmks_respons.sql): per group, the cases, the arrivals, the median and
-- 90th percentile response time (linear interpolation between order statistics, as numpy) and
-- the arrivals within the target, computed from the cases' exact response times.
-- Parameters: $kode_region (kab/kota code, dotted), $kategori (list of category codes, or
--   null for all), $sumber (list of source codes, or null for all), $dari and $sampai
--   (report dates, inclusive, null for open-ended), $scope_kelurahan (the kelurahan codes the
--   user may see, a list, or null for no limit), $kelurahan (one kelurahan code, or null for
--   all), $report_sources (list of the source codes whose cases are reports the TRC responds
--   to), $hour_shift (list of 24 shift names: the shift of a report at hour h is element h + 1),
--   $target_minutes (the target: an arrival within it, inclusive, meets it).
-- Output, one row per group with at least one case: dimension ('total': the report cases,
--   'sumber': every case per source, 'shift', 'kategori', 'kelurahan': the report cases per
--   shift, category or kelurahan), kode (the source, shift, category or kelurahan code, null for
--   'total'), nama (kelurahan name, for 'kelurahan'), cases_count, arrived_count,
--   within_target_count (cases), median_minutes, p90_minutes (minutes, null without arrivals),
--   and dimension 'answered': per shift (kode), answered_count (every case of the shift the TRC
--   answered, reports or not, the other columns null). Ordered by dimension and kode.
with cases as (
    select
        kode_kelurahan,
        kategori,
        sumber,
        list_extract($hour_shift, jam + 1) as shift,
        answered,
        response_minutes,
        cases_count,
        list_contains($report_sources, sumber) as is_report
    from pmks_days_reported('pmks_respons', $kode_region, $kategori, $sumber, $dari, $sampai, $scope_kelurahan)
    where $kelurahan is null or kode_kelurahan = $kelurahan
),

-- One row per case again, so that the percentiles are those of the cases (exact).
each_case as (
    select c.* exclude (cases_count)
    from cases as c, range(c.cases_count)
),

groups as (
    select 'total' as dimension, null as kode, * exclude (is_report)
    from each_case
    where is_report
    union all
    select 'sumber' as dimension, sumber as kode, * exclude (is_report)
    from each_case
    union all
    select 'shift' as dimension, shift as kode, * exclude (is_report)
    from each_case
    where is_report
    union all
    select 'kategori' as dimension, kategori as kode, * exclude (is_report)
    from each_case
    where is_report
    union all
    select 'kelurahan' as dimension, kode_kelurahan as kode, * exclude (is_report)
    from each_case
    where is_report
),

-- Each arrival's rank in its group (0 the fastest) and the group's arrivals, for the order
-- statistics.
ranked as (
    select
        dimension,
        kode,
        response_minutes as m,
        row_number() over (partition by dimension, kode order by response_minutes) - 1 as r,
        count(*) over (partition by dimension, kode) as n
    from groups
    where response_minutes is not null
),

ranks as (
    select *, cast(n - 1 as double) * 0.9 as h, cast(floor(cast(n - 1 as double) * 0.9) as bigint) as lo
    from ranked
),

-- The order statistics the median and the 90th percentile read: the median is the middle one
-- (the mean of the two middle ones for an even count), the 90th percentile lies at rank
-- h = 0.9 (n - 1), between ranks floor(h) and floor(h) + 1, interpolated with numpy's formula
-- (from the upper one when the fraction is 0.5 or more), so that the figures are numpy's to the
-- last bit.
percentiles as (
    select
        dimension,
        kode,
        any_value(n) as n,
        any_value(h - lo) as gamma,
        max(m) filter (where r = least(lo, n - 1)) as p90_lo,
        max(m) filter (where r = least(lo + 1, n - 1)) as p90_hi,
        max(m) filter (where r = (n - 1) // 2) as median_lo,
        max(m) filter (where r = n // 2) as median_hi
    from ranks
    group by dimension, kode
),

figures as (
    select
        g.dimension,
        g.kode,
        count(*) as cases_count,
        count(g.response_minutes) as arrived_count,
        count(*) filter (where g.response_minutes <= $target_minutes) as within_target_count,
        any_value(case when p.n % 2 = 1 then p.median_lo else (p.median_lo + p.median_hi) / 2 end) as median_minutes,
        any_value(
            case
                when p.gamma >= 0.5 then p.p90_hi - (p.p90_hi - p.p90_lo) * (1 - p.gamma)
                else p.p90_lo + (p.p90_hi - p.p90_lo) * p.gamma
            end
        ) as p90_minutes
    from groups as g
    left join percentiles as p on p.dimension = g.dimension and p.kode is not distinct from g.kode
    group by g.dimension, g.kode
),

answered as (
    select 'answered' as dimension, shift as kode, sum(cases_count) as answered_count
    from cases
    where answered
    group by shift
),

final as (
    select
        f.dimension,
        f.kode,
        w.nama,
        f.cases_count,
        f.arrived_count,
        f.within_target_count,
        f.median_minutes,
        f.p90_minutes,
        null as answered_count
    from figures as f
    left join wilayah as w on f.dimension = 'kelurahan' and w.kode = f.kode
    union all
    select dimension, kode, null, null, null, null, null, null, answered_count
    from answered
)

select * from final
order by dimension, kode
