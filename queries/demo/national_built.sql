-- What the synthetic country was built with (warehouse.demo.national writes it into metadata),
-- for bench/bench_national.py to time an existing national warehouse.
-- No parameters.
-- Output: kunci (nasional_units, nasional_households), nilai (the number, as text); none for a
-- warehouse that is no national build.
select kunci, nilai
from metadata
where kunci in ('nasional_units', 'nasional_households')
order by kunci
