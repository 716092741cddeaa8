-- The full and display geometry of every unit that has a display geometry (bench/bench_boundaries.py
-- compares them). No parameters.
-- Output: geom, geom_display (WKB, EPSG:4326); one row per unit, by kode.
select geom, geom_display
from wilayah
where geom_display is not null
order by kode
