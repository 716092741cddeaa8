-- The PMKS cases of a region for a period and filter counted per grid cell, for the heat layer
-- (issue 14.1: a bounded number of cells comes back, not a row per case, and no other attribute
-- of the case).
-- Parameters: $kode_region (kab/kota code, dotted), $kategori (list of category codes, or
--   null for all), $sumber (list of source codes, or null for all), $dari and $sampai
--   (report dates, inclusive, null for open-ended), $scope_kelurahan (the kelurahan codes the
--   user may see, a list, or null for no limit), $cell_lon and $cell_lat (the finest cell's
--   sides, degrees of longitude and latitude), $max_cells (most cells to return, unless
--   $max_scale forbids cells that large), $max_scale (the largest cell side as a multiple of
--   the finest, up to 2^8.5).
-- The cells are a lon/lat grid anchored at (0, 0), their sides are the finest ones times
-- sqrt(2)^k, k = 0..17 with sqrt(2)^k <= $max_scale, the smallest such k whose cells with a
-- case number at most $max_cells (the largest such k when none does). Each point is counted once on the finest grid and on the one
-- sqrt(2) coarser, and every other grid is one of those two with 2^j x 2^j cells merged.
-- Output, one row per cell with at least one case with coordinates: lon, lat (the cell's
-- centre, degrees, EPSG:4326), cases_count (cases in it), cell_scale (the cells' side as a
-- multiple of the finest, sqrt(2)^k, the same on every row).
with points as (
    select lon, lat
    from pmks_cases_reported($kode_region, $kategori, $sumber, $dari, $sampai, $scope_kelurahan)
    where lon is not null and lat is not null
),

parities as (
    select parity, pow(2, parity / 2.0) as base_scale
    from range(0, 2) as p (parity)
),

fine as (
    select
        s.parity,
        s.base_scale,
        floor(p.lon / ($cell_lon * s.base_scale)) as col,
        floor(p.lat / ($cell_lat * s.base_scale)) as row,
        count(*) as cases_count
    from points as p
    cross join parities as s
    group by all
),

merged as (
    select
        f.parity + 2 * j.merge as k,
        f.base_scale * pow(2, j.merge) as cell_scale,
        floor(f.col / pow(2, j.merge)) as col,
        floor(f.row / pow(2, j.merge)) as row,
        f.cases_count
    from fine as f
    cross join range(0, 9) as j (merge)
),

cells_per_scale as (
    select k, count(distinct (col, row)) as cells_count
    from merged
    where cell_scale <= $max_scale * (1 + 1e-9)
    group by k
),

chosen as (
    select coalesce(min(k) filter (where cells_count <= $max_cells), max(k)) as k
    from cells_per_scale
),

final as (
    select
        (col + 0.5) * $cell_lon * cell_scale as lon,
        (row + 0.5) * $cell_lat * cell_scale as lat,
        cast(sum(cases_count) as bigint) as cases_count,
        cell_scale
    from merged
    where k = (select k from chosen)
    group by col, row, cell_scale
)

select * from final
order by lat, lon
