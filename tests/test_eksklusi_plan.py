"""The plan of eksklusi_keluarga (queries/schema/36_eksklusi_keluarga.sql): each household's
tahap, history and payments are joined with left joins, none turned by the planner into a right
join that builds its hash table on the households x tahap side. Built that way, four such hash
tables of every household were alive at once, and 40_eksklusi_rumah_tangga ran out of 5.5 GB
on the 10 M-household country (bench/bench_national.py --refresh measures it there)."""

from __future__ import annotations

import re

import duckdb

import queries
from tests.seed import seed_db  # noqa: F401 (a fixture)


def test_every_household_join_is_a_left_join_built_on_the_small_side(seed_db):  # noqa: F811
    with duckdb.connect(str(seed_db), read_only=True) as con:
        plan = con.execute(queries.load("tests/eksklusi_plan/eksklusi_keluarga")).fetchall()[0][1]
    joins = re.findall(r"Join Type: (\w+)", plan)
    # judged (tahap of the kab/kota), since, ranked, desil_then and paid
    assert joins.count("LEFT") == 5
    assert "RIGHT" not in joins
