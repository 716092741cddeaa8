-- The yardstick of bench/bench_demo.py: as many rows of plain random numbers as the demo
-- writes, so that the ratio of the two build times compares across machines.
-- Parameters: $rows (number of rows to write).
-- Output: none (creates table reference: id, a, b (random in [0, 1)), c (integer below 1e6)).
create table reference as
select range as id, random() as a, random() as b, cast(random() * 1e6 as bigint) as c
from range($rows)
