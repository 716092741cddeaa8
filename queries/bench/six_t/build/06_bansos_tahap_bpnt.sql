-- The synthetic warehouse of bench/bench_six_t.py (run in file-name order): 24 BPNT months from 2024-12.
-- Parameters: none.
-- Output: none (inserts rows).
insert into bansos_tahap
select 'BPNT', strftime(d, '%Y-%m'), d, d + interval 1 month - interval 1 day, 200000, 200000
from (select cast(date '2024-12-01' + to_months(m) as date) as d from range(24) as r(m))
