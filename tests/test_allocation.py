import datetime as dt
import itertools
from pathlib import Path

import duckdb
import geopandas as gpd
import numpy as np
import pandas as pd
import pytest
import shapely

import queries
from analytics import allocation
from analytics.allocation import Constraints, InfeasiblePlan, solver
from reports import settings
from tests.seed import REGION, TODAY, seed_db  # noqa: F401

REFERENCE = Path(__file__).resolve().parents[2] / "shared" / "reference"


# --- brute force ------------------------------------------------------------------------------


def brute_force(b, p, total, lo=None, hi=None, unit_pool=None, pools=None):
    """The least makespan over every whole allocation with sum <= total that meets the bounds
    and the pools; inf when none finishes."""
    b, p = np.asarray(b, float), np.asarray(p, float)
    grid = np.array(list(itertools.product(range(total + 1), repeat=len(b))))
    grid = grid[grid.sum(axis=1) <= total]
    ok = np.ones(len(grid), bool)
    if lo is not None:
        ok &= (grid >= np.where(b > 0, lo, 0)).all(axis=1)
    if hi is not None:
        ok &= (grid <= hi).all(axis=1)
    if pools is not None:
        free = total - sum(pools.values())
        keys = np.asarray(unit_pool)
        overflow = grid[:, ~np.isin(keys, list(pools))].sum(axis=1)
        for key, size in pools.items():
            overflow = overflow + np.maximum(0, grid[:, keys == key].sum(axis=1) - size)
        ok &= overflow <= free
    if not ok.any():
        return np.inf
    with np.errstate(divide="ignore", invalid="ignore"):
        days = np.where(b > 0, np.where(grid > 0, b / (grid * p), np.inf), 0.0)
    return days[ok].max(axis=1).min()


def random_instance(rng, units):
    b = rng.integers(0, 60, units).astype(float)
    b[rng.random(units) < 0.2] = 0
    p = rng.choice([0.5, 1.0, 1.5, 2.0, 3.0], units)
    return b, p


def test_greedy_agrees_with_brute_force():
    rng = np.random.default_rng(6)
    checked = 0
    for _ in range(300):
        units = int(rng.integers(1, 5))
        total = int(rng.integers(0, 9))
        b, p = random_instance(rng, units)
        best = brute_force(b, p, total)
        if not np.isfinite(best):
            with pytest.raises(InfeasiblePlan):
                allocation.greedy_allocation(b, p, total)
            continue
        counts = allocation.greedy_allocation(b, p, total)
        assert allocation.makespan_days(b, p, counts) == pytest.approx(best, rel=1e-12)
        assert counts.sum() == (total if (b > 0).any() else 0)
        assert (counts[b == 0] == 0).all()
        checked += 1
    assert checked > 150


def test_constrained_agrees_with_brute_force():
    rng = np.random.default_rng(7)
    checked = infeasible = 0
    for _ in range(250):
        units = int(rng.integers(1, 5))
        total = int(rng.integers(1, 9))
        b, p = random_instance(rng, units)
        lo = rng.integers(0, 3, units)
        hi = rng.integers(1, 5, units)
        unit_pool = rng.choice(["X", "Y"], units)
        pools = None
        if rng.random() < 0.6:
            x = int(rng.integers(0, total + 1))
            y = int(rng.integers(0, total - x + 1))
            pools = {k: v for k, v in {"X": x, "Y": y}.items() if v}
        best = brute_force(b, p, total, np.maximum(lo, 1), hi, unit_pool, pools)
        kwargs = dict(minimum=lo, maximum=hi, unit_pool=unit_pool, pools=pools)
        if not np.isfinite(best):
            with pytest.raises(InfeasiblePlan):
                allocation.allocate(b, p, total, **kwargs)
            infeasible += 1
            continue
        counts = allocation.allocate(b, p, total, **kwargs)
        assert allocation.makespan_days(b, p, counts) == pytest.approx(best, rel=1e-9)
        if (b > 0).any():
            # The solver alone, before the spare enumerators are placed, is already optimal.
            lo_b, hi_b = solver._bounds(b, lo, hi)
            free = total - sum((pools or {}).values())
            solved, _ = solver._milp_makespan(b, p, total, lo_b, hi_b, unit_pool, pools, free)
            assert allocation.makespan_days(b, p, solved) == pytest.approx(best, rel=1e-9)
        assert counts.sum() <= total and (counts <= hi).all()
        assert (counts[b > 0] >= np.maximum(lo, 1)[b > 0]).all() and (counts[b == 0] == 0).all()
        checked += 1
    assert checked > 80 and infeasible > 20


# --- each constraint, by hand ---------------------------------------------------------------


def test_plain_greedy_by_hand():
    # 100, 30 and 10 households at one a day: 4 enumerators -> [2, 1, 1] (50 days);
    # the 5th goes to the first (33.3 days), the 6th to the second (30 > 33.3? no: first 33.3).
    assert allocation.greedy_allocation([100, 30, 10], [1, 1, 1], 4).tolist() == [2, 1, 1]
    assert allocation.greedy_allocation([100, 30, 10], [1, 1, 1], 6).tolist() == [4, 1, 1]
    assert allocation.greedy_allocation([100, 0, 10], [1, np.nan, 1], 5).tolist() == [4, 0, 1]


def test_minimum_is_honoured():
    counts = allocation.allocate([100, 1, 1], [1, 1, 1], 6, minimum=2)
    assert counts.tolist() == [2, 2, 2]
    assert allocation.allocate([100, 1, 0], [1, 1, 1], 6, minimum=2).tolist() == [4, 2, 0], "no one to a finished unit"


def test_cap_is_honoured():
    counts = allocation.allocate([100, 10], [1, 1], 5, maximum=2)
    assert counts.tolist() == [2, 2], "one enumerator finds no place under the cap"
    assert allocation.makespan_days([100, 10], [1, 1], counts) == 50


def test_own_kecamatan_is_honoured():
    b, p = [100, 10], [1, 1]
    assert allocation.allocate(b, p, 4).tolist() == [3, 1]
    counts = allocation.allocate(b, p, 4, unit_pool=["X", "Y"], pools={"X": 1, "Y": 3})
    assert counts.tolist() == [1, 3]
    # One enumerator without a home kecamatan goes where the need is.
    counts = allocation.allocate(b, p, 4, unit_pool=["X", "Y"], pools={"X": 1, "Y": 2})
    assert counts.tolist() == [2, 2]


def test_island_travel_costs_one_day_a_week():
    assert Constraints().island_factor == 1.0
    assert Constraints(island_travel=True).island_factor == pytest.approx(0.8)
    six_days = Constraints(island_travel=True, travel_days_per_week=2, work_days_per_week=6)
    assert six_days.island_factor == pytest.approx(4 / 6)


def test_infeasible_requests_say_why():
    with pytest.raises(InfeasiblePlan) as exc:
        allocation.allocate([5, 5, 5], [1, 1, 1], 5, minimum=2)
    assert exc.value.kind == "minimums"
    assert str(exc.value).startswith("the minimums need 6 enumerators")
    assert "only 5 are available" in str(exc.value)
    with pytest.raises(InfeasiblePlan, match="only 2 are available"):
        allocation.greedy_allocation([5, 5, 5], [1, 1, 1], 2)
    with pytest.raises(InfeasiblePlan, match="kelurahan Beta needs at least 3 enumerators but the cap is 2") as exc:
        allocation.allocate([5, 5], [1, 1], 9, minimum=[1, 3], maximum=2, names=["Alpha", "Beta"])
    assert exc.value.values == {"unit": "Beta", "needed": 3, "cap": 2}
    with pytest.raises(InfeasiblePlan, match="kecamatan Y need 2 enumerators more") as exc:
        allocation.allocate([5, 5, 5], [1, 1, 1], 4, unit_pool=["X", "Y", "Y"], pools={"X": 3}, minimum=0)
    assert exc.value.values["available"] == 1


def test_enumerators_needed_matches_the_optimiser():
    b, p = [100, 30, 0], [2, 1, np.nan]
    # 10 working days: 100 / (2 * 10) = 5 and 30 / 10 = 3 enumerators.
    need = allocation.enumerators_needed(b, p, 10)
    assert need == 8
    assert allocation.makespan_days(b, p, allocation.allocate(b, p, need)) <= 10
    assert allocation.makespan_days(b, p, allocation.allocate(b, p, need - 1)) > 10
    assert allocation.enumerators_needed(b, p, 10, minimum=4) == 9
    with pytest.raises(InfeasiblePlan, match="cap is 4"):
        allocation.enumerators_needed(b, p, 10, maximum=4)


def test_working_days_and_finish_dates():
    saturday = dt.date(2026, 2, 28)
    assert allocation.finish_date(saturday, 2.5) == dt.date(2026, 3, 4), "Mon, Tue, Wed"
    assert allocation.finish_date(saturday, 3.0000000001) == dt.date(2026, 3, 4)
    assert allocation.finish_date(dt.date(2026, 3, 6), 1) == dt.date(2026, 3, 9), "Friday -> Monday"
    assert allocation.finish_date(saturday, 0) == saturday
    assert allocation.finish_date(saturday, np.inf) is None
    assert allocation.working_days_until(saturday, dt.date(2026, 3, 6)) == 5
    assert allocation.working_days_until(saturday, dt.date(2026, 3, 1)) == 0


# --- productivity -----------------------------------------------------------------------------


def test_productivity_on_a_hand_made_history():
    history = pd.DataFrame(
        {
            "id_petugas": ["a", "b", "c", "d"],
            "visits_count": [40, 100, 0, 12],
            "active_days_count": [4, 20, 0, 2],
        }
    )
    # Own rates 10, 5, (none), 6 a day: median 6.
    regional = allocation.regional_productivity(history)
    assert regional == 6.0
    shrunk = allocation.enumerator_productivity(history, regional)
    # (x + 10 * 6) / (d + 10): a 100/14, b 160/30, c the median, d 72/12.
    assert shrunk.tolist() == pytest.approx([100 / 14, 160 / 30, 6.0, 6.0], abs=1e-12)
    assert allocation.enumerator_productivity(history, regional, prior_days=1).iloc[0] == pytest.approx(46 / 5)
    assert np.isnan(allocation.regional_productivity(history.iloc[[2]]))


# --- geography --------------------------------------------------------------------------------


def test_island_units_by_hand():
    shapes = gpd.GeoDataFrame(
        {"kode": ["A", "B", "C", "D", "E"]},
        geometry=[
            shapely.box(104.0, 1.0, 104.1, 1.1),
            shapely.box(104.1, 1.0, 104.2, 1.1),
            shapely.box(104.5, 1.5, 104.55, 1.55),
            # A sliver on the mainland and most of its area on an island.
            shapely.MultiPolygon([shapely.box(104.2, 1.0, 104.201, 1.001), shapely.box(104.6, 1.0, 104.7, 1.1)]),
            None,
        ],
        crs="EPSG:4326",
    )
    assert allocation.island_units(shapes).tolist() == [False, False, True, True, False]
    # A 40 m strait is within the gap tolerance: C joins the mainland.
    near = shapes.iloc[[0, 2]].copy()
    near.geometry = [shapes.geometry[0], shapely.box(104.10036, 1.0, 104.2, 1.1)]
    assert allocation.island_units(near).tolist() == [False, False]
    assert allocation.island_units(shapes.iloc[[4]]).tolist() == [False]


@pytest.mark.skipif(not REFERENCE.is_dir(), reason="reference boundaries not present")
def test_island_kelurahan_of_batam_from_the_official_boundaries():
    shapes = gpd.read_file(REFERENCE / "boundaries_batam.geojson")
    islands = shapes.loc[allocation.island_units(shapes)]
    assert len(islands) == 21
    assert set(islands["kecamatan"]) == {"Belakang Padang", "Bulang", "Galang", "Nongsa"}
    assert islands.loc[islands["kecamatan"] == "Nongsa", "kelurahan"].tolist() == ["Ngenang"]


def test_count_classes_are_whole_numbers_shared_by_both_maps():
    now, proposed = pd.Series([0, 1, 1, np.nan]), pd.Series([1, 2, 3, np.nan])
    a, b = allocation.count_classes(now, proposed)
    assert a.bins == b.bins == (0.0, 1.0, 2.0, 3.0) and a.lower == 0
    assert a.index.tolist() == [0, 1, 1, -1] and b.index.tolist() == [1, 2, 3, -1]
    assert a.counts == (1, 2, 0, 0) and b.counts == (0, 1, 1, 1) and a.missing_count == 1
    # 1..20 twice, four classes: quartiles 5.75, 10.5, 15.25, 20 rounded up.
    many, _ = allocation.count_classes(pd.Series(range(1, 21)), pd.Series(range(1, 21)), max_classes=4)
    assert many.bins == (6.0, 11.0, 16.0, 20.0) and many.counts == (6, 5, 5, 4)
    # Zero keeps its own class; 1..8 twice (16 values) get terciles at sorted positions 5 and 10.
    with_zero, _ = allocation.count_classes(pd.Series(range(9)), pd.Series(range(9)), max_classes=4)
    assert with_zero.bins == (0.0, 3.0, 6.0, 8.0) and with_zero.counts == (1, 3, 3, 2)


# --- the plan ---------------------------------------------------------------------------------


def seed_units():
    return pd.DataFrame(
        {
            "kode": ["99.71.01.1001", "99.71.01.1002", "99.71.01.2003", "99.71.01.2004"],
            "nama": ["Alpha", "Beta", "Gamma", "Delta"],
            "kode_kecamatan": ["99.71.01"] * 4,
            "kecamatan": ["Kecamatan Satu"] * 4,
            "backlog_count": [2, 5, 0, 1],
        }
    )


def seed_staff():
    return pd.DataFrame(
        {
            "id_petugas": ["p1"],
            "nama": ["Petugas Uji"],
            "kode_kelurahan_asal": ["99.71.01.1001"],
            "kode_kecamatan_asal": ["99.71.01"],
            "kode_kelurahan_kini": ["99.71.01.1002"],
            "visits_count": [5],
            "active_days_count": [5],
        }
    )


def test_plan_on_the_seed_figures():
    plan = allocation.build_plan(seed_units(), seed_staff(), 4, TODAY)
    units = plan.units
    # p1: 5 visits on 5 days = 1 a day, also the median. Backlogs 2, 5, 0, 1: one each,
    # the fourth to Beta (5 / 1 is the largest) -> 2.5 working days from Saturday 28/02.
    assert units["enumerators_now_count"].tolist() == [0, 1, 0, 0]
    assert units["enumerators_proposed_count"].tolist() == [1, 2, 0, 1]
    assert units["finish_proposed_days"].tolist() == [2.0, 2.5, 0.0, 1.0]
    assert units["finish_proposed"].tolist() == [dt.date(2026, 3, 3), dt.date(2026, 3, 4), TODAY, dt.date(2026, 3, 2)]
    assert units["finish_now"].tolist() == [None, dt.date(2026, 3, 6), TODAY, None]
    assert plan.finish_now is None and plan.finish_proposed == dt.date(2026, 3, 4) and plan.change_days is None
    assert plan.uncovered_now_count == 2, "Alpha and Delta have nobody today"
    assert plan.start == dt.date(2026, 3, 2) and plan.unassigned_count == 0
    people = plan.assignments
    assert len(people) == 4 and people["additional"].sum() == 3
    p1 = people[people["id_petugas"] == "p1"].iloc[0]
    assert p1["kode_proposed"] == "99.71.01.1002" and not p1["moved"], "p1 stays where they work"
    places = people["kode_proposed"].value_counts().to_dict()
    assert places == {"99.71.01.1002": 2, "99.71.01.1001": 1, "99.71.01.2004": 1}


def test_plan_what_ifs_and_constraints():
    units, staff = seed_units(), seed_staff()
    # 20 % less: 0.8 a day; Beta with 2: 5 / 1.6 = 3.125 -> 4 working days.
    slower = allocation.build_plan(units, staff, 4, TODAY, productivity_change=-0.2)
    assert slower.makespan_proposed_days == pytest.approx(3.125)
    assert slower.finish_proposed == dt.date(2026, 3, 5)
    # Delta on an island: 0.8 a day there; still one enumerator is enough (1.25 days).
    island = allocation.build_plan(
        units, staff, 4, TODAY, Constraints(island_travel=True), island_codes={"99.71.01.2004"}
    )
    assert island.units["productivity_per_day"].tolist() == pytest.approx([1, 1, 1, 0.8])
    assert island.units["island"].tolist() == [False, False, False, True]
    kept = allocation.build_plan(units, staff, 4, TODAY, Constraints(keep_current=True, max_per_unit=1))
    assert kept.units["enumerators_proposed_count"].tolist() == [1, 1, 0, 1]
    assert kept.unassigned_count == 1
    with pytest.raises(InfeasiblePlan) as exc:
        allocation.build_plan(units, staff, 1, TODAY)
    assert exc.value.values == {"needed": 3, "units": 3, "available": 1}
    with pytest.raises(InfeasiblePlan, match="no enumerator has a ground-check result"):
        allocation.build_plan(units, staff.assign(visits_count=0, active_days_count=0), 4, TODAY)


def test_own_kecamatan_in_the_plan_keeps_people_home():
    units = pd.DataFrame(
        {
            "kode": ["1.01.1", "1.02.1"],
            "nama": ["North", "South"],
            "kode_kecamatan": ["1.01", "1.02"],
            "kecamatan": ["K1", "K2"],
            "backlog_count": [100, 10],
        }
    )
    staff = pd.DataFrame(
        {
            "id_petugas": ["a", "b", "c"],
            "nama": ["A", "B", "C"],
            "kode_kecamatan_asal": ["1.02", "1.02", None],
            "kode_kelurahan_kini": ["1.02.1", "1.02.1", "1.02.1"],
            "visits_count": [10, 10, 10],
            "active_days_count": [1, 1, 1],
        }
    )
    free = allocation.build_plan(units, staff, 3, TODAY)
    assert free.units["enumerators_proposed_count"].tolist() == [2, 1]
    home = allocation.build_plan(units, staff, 3, TODAY, Constraints(own_kecamatan=True))
    assert home.units["enumerators_proposed_count"].tolist() == [1, 2]
    where = home.assignments.set_index("id_petugas")["kode_proposed"].to_dict()
    assert where == {"a": "1.02.1", "b": "1.02.1", "c": "1.01.1"}, "only c may leave kecamatan K2"


def test_fewer_enumerators_than_staff_keeps_the_rest_in_reserve():
    staff = pd.concat([seed_staff(), seed_staff().assign(id_petugas="p2", nama="Dua", visits_count=1)])
    units = seed_units().assign(backlog_count=[0, 5, 0, 0])
    plan = allocation.build_plan(units, staff, 1, TODAY)
    people = plan.assignments.set_index("id_petugas")
    assert people.loc["p1", "kode_proposed"] == "99.71.01.1002", "the more productive one is planned"
    # Median of 1 and 0.2 a day is 0.6; shrunk: p1 11/15, p2 7/15, Beta's mean 0.6 a day.
    # Now both in Beta: 5 / 1.2 = 4.2 -> Friday 06/03; p1 alone: 5 / 0.6 = 8.3 -> Thursday 12/03.
    assert (plan.finish_now, plan.finish_proposed) == (dt.date(2026, 3, 6), dt.date(2026, 3, 12))
    assert plan.change_days == 4
    assert pd.isna(people.loc["p2", "kode_proposed"]) and pd.isna(people.loc["p2", "start"])


# --- the query --------------------------------------------------------------------------------


def test_enumerator_postings_on_the_seed(seed_db):
    con = duckdb.connect(str(seed_db), read_only=True)
    try:
        out = queries.run(
            con, "enumerator_postings", kode_region=REGION, siklus="S1", tanggal=TODAY, scope_kelurahan=None
        )
        earlier = queries.run(
            con,
            "enumerator_postings",
            kode_region=REGION,
            siklus="S1",
            tanggal=dt.date(2026, 2, 1),
            scope_kelurahan=None,
        )
        old = queries.run(
            con, "enumerator_postings", kode_region=REGION, siklus="S0", tanggal=TODAY, scope_kelurahan=None
        )
    finally:
        con.close()
    row = out.iloc[0].to_dict()
    # h1, h2, h4 (cycle S0), h5 and h11 by 28/02 on five different days; h6 (05/03) is later.
    # The latest result of S1 is h11's (25/02) in Beta.
    assert len(out) == 1 and row["id_petugas"] == "p1" and row["kode_kecamatan_asal"] == "99.71.01"
    assert row["kode_kelurahan_kini"] == "99.71.01.1002"
    assert (row["visits_count"], row["active_days_count"]) == (5, 5)
    assert pd.Timestamp(row["last_visit"]).date() == dt.date(2026, 2, 25)
    # By 01/02 the latest S1 result is h1 (10/01) in Alpha: h5 came earlier.
    assert earlier.iloc[0]["kode_kelurahan_kini"] == "99.71.01.1001" and earlier.iloc[0]["visits_count"] == 3
    # In S0 there is h4 in Alpha.
    assert old.iloc[0]["kode_kelurahan_kini"] == "99.71.01.1001"


def test_enumerators_needed_by_a_date():
    staff = allocation.staff_productivity(seed_staff())
    friday = dt.date(2026, 3, 6)
    # Five working days: backlogs 2, 5, 1 at one a day need one enumerator each.
    assert allocation.enumerators_needed_by(allocation.planning_units(seed_units(), staff), TODAY, friday) == 3
    # 20 % slower: Beta needs 5 / (0.8 * 5) = 1.25 -> 2.
    slower = allocation.planning_units(seed_units(), staff, productivity_change=-0.2)
    assert allocation.enumerators_needed_by(slower, TODAY, friday) == 4
    kept = allocation.planning_units(seed_units(), staff, Constraints(min_per_unit=2))
    assert kept["minimum_count"].tolist() == [2, 2, 2, 2]
    assert allocation.enumerators_needed_by(kept, TODAY, friday) == 6, "no one for finished Gamma"
    with pytest.raises(InfeasiblePlan) as exc:
        allocation.enumerators_needed_by(kept, TODAY, dt.date(2026, 3, 1))
    assert exc.value.kind == "deadline" and exc.value.values["date"] == "2026-03-01"


# --- the rolling plan -------------------------------------------------------------------------


def brute_force_rolling(b, f, r, cap=None):
    """The least makespan over every choice the rolling model allows: at the start and whenever
    a kelurahan is done, each free enumerator joins any kelurahan not done and below the cap.
    Exhaustive (branches are cut only when they cannot beat the best found)."""
    b, f, r = (np.asarray(x, float) for x in (b, f, r))
    limit = len(r) if cap is None else cap
    best = [np.inf]

    def event(left, at, t):
        done = left <= 1e-12
        if done.all():
            best[0] = min(best[0], t)
            return
        if t + (left / f).sum() / r.sum() >= best[0] - 1e-12:
            return
        free = [j for j in range(len(r)) if at[j] < 0]

        def choose(k, at):
            if k == len(free):
                advance(left, at, t)
                return
            size = np.bincount([i for i in at if i >= 0], minlength=len(b))
            options = [i for i in range(len(b)) if not done[i] and size[i] < limit]
            for i in options or [-1]:
                choose(k + 1, tuple(i if n == free[k] else a for n, a in enumerate(at)))

        choose(0, at)

    def advance(left, at, t):
        rate = np.zeros(len(b))
        for j, i in enumerate(at):
            if i >= 0:
                rate[i] += r[j] * f[i]
        working = (left > 1e-12) & (rate > 0)
        if not working.any():
            return
        step = left[working] / rate[working]
        dt_ = step.min()
        left = left.copy()
        left[working] -= rate[working] * dt_
        ended = set(np.flatnonzero(working)[step <= dt_ * (1 + 1e-12)])
        left[list(ended)] = 0.0
        event(left, tuple(-1 if i in ended else i for i in at), t + dt_)

    event(b.copy(), tuple([-1] * len(r)), 0.0)
    return best[0]


def test_rolling_plan_of_3_for_5_matches_brute_force():
    rng = np.random.default_rng(16)
    for _ in range(6):
        b = rng.integers(5, 60, 5).astype(float)
        f = np.where(rng.random(5) < 0.3, 0.8, 1.0)
        r = rng.uniform(2, 8, 3)
        plan = allocation.rolling_schedule(b, f, r)
        best = brute_force_rolling(b, f, r)
        assert plan.makespan == pytest.approx(best, rel=1e-9)
        # Without a cap nobody waits, so the plan reaches the capacity bound.
        assert plan.makespan == pytest.approx(allocation.lower_bound_days(b, f, r), rel=1e-9)
        # Everyone works from day 0 to the end without a gap, and the backlog is visited once.
        for j in range(3):
            mine = plan.enumerator == j
            assert plan.start[mine][0] == 0 and plan.end[mine][-1] == pytest.approx(plan.makespan)
            assert plan.start[mine][1:] == pytest.approx(plan.end[mine][:-1])
        visited = np.bincount(plan.unit, weights=r[plan.enumerator] * f[plan.unit] * (plan.end - plan.start))
        assert visited == pytest.approx(b)
        # Sparing moves for less than a day costs at most that day.
        spared = allocation.rolling_schedule(b, f, r, min_days=1.0)
        assert best - 1e-9 <= spared.makespan <= allocation.upper_bound_days(b, f, r, min_days=1.0) + 1e-9
        assert allocation.upper_bound_days(b, f, r, min_days=1.0) == pytest.approx(best + 1.0)


def test_capped_rolling_plan_stays_within_its_proven_bound():
    # With a cap, people may wait for a place: the rule is no longer optimal, but it stays
    # between the best plan and L + max b_k / (c r_min f_k).
    rng = np.random.default_rng(12)
    for cap in (1, 2):
        for _ in range(2):
            b = rng.integers(5, 60, 5).astype(float)
            f, r = np.ones(5), rng.uniform(2, 8, 3)
            got = allocation.rolling_schedule(b, f, r, cap=cap).makespan
            best = brute_force_rolling(b, f, r, cap=cap)
            assert allocation.lower_bound_days(b, f, r, cap) <= best + 1e-9 <= got + 2e-9
            assert got <= allocation.upper_bound_days(b, f, r, cap) + 1e-9


def test_rolling_plan_by_hand():
    # Two enumerators at 4 and 1 households a day, kelurahan of 8 and 2. The fast one takes
    # the 8 (2 days), the slow one the 2 (2 days): both done after 2 days = 10 / 5.
    s = allocation.rolling_schedule([8, 2], [1, 1], [4, 1])
    assert s.makespan == pytest.approx(2.0) and s.unit.tolist() == [0, 1]
    # Kelurahan of 6 and 6, one each: after 1.5 days the fast one is done, the slow one has
    # 4.5 left; together 5 a day, 0.9 more days: 2.4 = 12 / 5.
    s = allocation.rolling_schedule([6, 6], [1, 1], [4, 1])
    assert s.makespan == pytest.approx(2.4)
    assert list(zip(s.enumerator.tolist(), s.unit.tolist())) == [(0, 0), (1, 1), (0, 1)]
    assert s.start.tolist() == pytest.approx([0, 0, 1.5]) and s.end.tolist() == pytest.approx([1.5, 2.4, 2.4])
    # A cap of 1 keeps the fast one out: the slow one needs 6 days. The rule does not hold the
    # slow one back (the fast one alone would need 3); it stays within L + 6 / (1 * 1) = 8.4.
    assert allocation.rolling_schedule([6, 6], [1, 1], [4, 1], cap=1).makespan == pytest.approx(6.0)
    assert allocation.lower_bound_days([6, 6], [1, 1], [4, 1], cap=1) == pytest.approx(2.4)
    assert allocation.upper_bound_days([6, 6], [1, 1], [4, 1], cap=1) == pytest.approx(8.4)
    # Kept postings: the slow one starts in the 8, the fast one in the 2, then helps.
    kept = allocation.rolling_schedule([8, 2], [1, 1], [4, 1], first=[1, 0])
    assert kept.makespan == pytest.approx(2.0), "8 - 0.5 = 7.5 left after 0.5 days, 5 a day: 1.5 more"
    # Nobody allowed in the second kelurahan: it never finishes.
    alone = allocation.rolling_schedule([8, 2], [1, 1], [4, 1], allowed=np.array([[True, False], [True, False]]))
    assert alone.finish.tolist() == [pytest.approx(1.6), np.inf]


def test_rolling_plan_for_fewer_enumerators_than_kelurahan():
    # The seed: p1 (1 a day, also the median) and 1 additional; backlogs 2, 5, 0, 1 (8 in
    # all): 8 / 2 = 4 working days from Saturday 28/02, Thursday 5 March. The static plan
    # needs 3 and refuses.
    units, staff = seed_units(), seed_staff()
    with pytest.raises(InfeasiblePlan):
        allocation.build_plan(units, staff, 2, TODAY)
    plan = allocation.build_rolling_plan(units, staff, 2, TODAY)
    assert plan.makespan_days == pytest.approx(4.0) and plan.lower_bound_days == pytest.approx(4.0)
    # Proven: at most the bound plus the one working day spared for short moves.
    assert plan.gap_rate == pytest.approx(0.0) and plan.upper_bound_days == pytest.approx(5.0)
    assert plan.finish == dt.date(2026, 3, 5) and plan.lower_bound_finish == dt.date(2026, 3, 5)
    assert plan.start == dt.date(2026, 3, 2) and plan.reserve_count == 0
    posts = plan.postings
    assert posts.groupby("kode")["households_count"].sum().to_dict() == pytest.approx(
        {"99.71.01.1001": 2, "99.71.01.1002": 5, "99.71.01.2004": 1}
    )
    for _, mine in posts.groupby("id_petugas", dropna=False):
        assert mine["urutan"].tolist() == list(range(1, len(mine) + 1))
        assert mine["start_days"].iloc[1:].tolist() == pytest.approx(mine["end_days"].iloc[:-1].tolist())
    assert posts["start"].min() == dt.date(2026, 3, 2) and posts["end"].max() == dt.date(2026, 3, 5)
    assert plan.units["finish_rolling"].tolist()[2] == TODAY, "Gamma has no backlog"
    assert plan.units["enumerators_rolling_count"].tolist()[2] == 0 and plan.never.empty
    # Every posting kept: p1 starts in Beta, where they work now.
    kept = allocation.build_rolling_plan(units, staff, 2, TODAY, Constraints(keep_current=True))
    first = kept.postings[(kept.postings["id_petugas"] == "p1") & (kept.postings["urutan"] == 1)].iloc[0]
    assert first["kode"] == "99.71.01.1002" and kept.makespan_days == pytest.approx(4.0)


def test_rolling_plan_counts_a_faster_enumerator_and_the_calendar():
    # p1 with 90 visits on 10 days (9 a day) and p2 with 10 on 10 (1 a day): the median is 5,
    # so p1 counts (90 + 50) / 20 = 7 and p2 (10 + 50) / 20 = 3 a day: 10 a day in all.
    staff = pd.concat([seed_staff(), seed_staff().assign(id_petugas="p2", nama="Petugas Dua")], ignore_index=True)
    staff = staff.assign(visits_count=[90, 10], active_days_count=[10, 10])
    units = seed_units().assign(backlog_count=[40, 50, 0, 10])
    plan = allocation.build_rolling_plan(units, staff, 2, dt.date(2026, 12, 18))
    assert plan.postings.groupby("id_petugas")["households_count"].sum().to_dict() == pytest.approx(
        {"p1": 70.0, "p2": 30.0}
    )
    assert plan.makespan_days == pytest.approx(10.0)
    assert plan.finish == dt.date(2027, 1, 1), "Monday to Friday"
    # The agency's calendar: 24, 25 December and 1 January off.
    batam = settings.work_calendar("21.71")
    assert allocation.build_rolling_plan(units, staff, 2, dt.date(2026, 12, 18), calendar=batam).finish == dt.date(
        2027, 1, 7
    )
