-- The synthetic warehouse of bench/bench_six_t.py (run in file-name order): eight PKH quarters from 2025-T1.
-- Parameters: none.
-- Output: none (inserts rows).
insert into bansos_tahap
select 'PKH', printf('%d-T%d', 2025 + q // 4, 1 + q % 4),
    make_date(2025 + q // 4, 1 + 3 * (q % 4), 1),
    make_date(2025 + q // 4, 1 + 3 * (q % 4), 1) + interval 3 month - interval 1 day,
    750000, null
from range(8) as r(q)
