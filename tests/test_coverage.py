import datetime as dt

import duckdb
import pandas as pd
import pytest

import queries
from analytics import coverage
from reports import settings
from tests.seed import REGION, seed_db  # noqa: F401

TODAY = dt.date(2026, 2, 28)


def counts(**cols):
    base = {c: [0] for c in coverage.COUNT_COLUMNS}
    base.update({k: [v] for k, v in cols.items()})
    return pd.DataFrame(base)


def test_update_coverage_by_hand():
    df = pd.DataFrame(
        {
            "kode": ["A", "B", "C", "D"],
            "households_count": [4, 7, 0, 1],
            "updated_count": [2, 2, 0, 0],
            "updated_7d_ago_count": [2, 1, 0, 0],
            "updated_28d_count": [1, 1, 0, 0],
            "members_count": [3, 2, 0, 0],
            "padan_count": [2, 1, 0, 0],
        }
    )
    out = coverage.update_coverage(df, TODAY)
    assert out["kode"].tolist() == ["A", "B", "C", "D"]
    assert out["coverage_rate"].tolist()[:2] == pytest.approx([0.5, 2 / 7], abs=1e-12)
    assert pd.isna(out.loc[2, "coverage_rate"]) and out.loc[3, "coverage_rate"] == 0.0
    assert out["coverage_7d_ago_rate"].tolist()[:2] == pytest.approx([0.5, 1 / 7], abs=1e-12)
    assert out["backlog_count"].tolist() == [2, 5, 0, 1]
    assert out["pace_per_day"].tolist() == pytest.approx([1 / 28, 1 / 28, 0, 0], abs=1e-12)
    # A: 2 households at 1/28 a day = 56 days; B: 5 at 1/28 = 140 days; C: nothing left;
    # D: a backlog and no pace, so no date.
    assert out["projected_finish"].tolist() == [
        dt.date(2026, 4, 25),
        dt.date(2026, 7, 18),
        TODAY,
        None,
    ]
    assert out["padan_rate"].tolist()[:2] == pytest.approx([2 / 3, 0.5], abs=1e-12)
    assert out["padan_rate"].isna().tolist() == [False, False, True, True]


def test_region_coverage_sums_units():
    df = pd.concat(
        [
            counts(households_count=4, updated_count=2, updated_28d_count=1, members_count=3, padan_count=2),
            counts(households_count=8, updated_count=2, updated_28d_count=1, members_count=2, padan_count=1),
        ]
    )
    region = coverage.region_coverage(df, TODAY)
    assert region["households_count"] == 12 and region["updated_count"] == 4
    assert region["coverage_rate"] == pytest.approx(1 / 3, abs=1e-12)
    assert region["backlog_count"] == 8
    assert region["pace_per_day"] == pytest.approx(2 / 28, abs=1e-12)
    assert region["projected_finish"] == TODAY + dt.timedelta(days=112)
    assert region["padan_rate"] == pytest.approx(0.6, abs=1e-12)


def test_region_coverage_of_nothing():
    region = coverage.region_coverage(counts().iloc[0:0], TODAY)
    assert region["households_count"] == 0
    assert pd.isna(region["coverage_rate"])
    assert region["projected_finish"] == TODAY


@pytest.mark.parametrize(
    "backlog, pace, expected",
    [
        (0, 0.0, TODAY),
        (10, 0.0, None),
        (10, float("nan"), None),
        (10, 3.0, TODAY + dt.timedelta(days=4)),
        (9, 3.0, TODAY + dt.timedelta(days=3)),
    ],
)
def test_projected_finish(backlog, pace, expected):
    assert coverage.projected_finish(backlog, pace, TODAY) == expected


# coverage_units.sql on the seed, and the analytics built on it.

START, END = dt.date(2026, 1, 1), dt.date(2026, 3, 31)
KODES = ["99.71.01.1001", "99.71.01.1002", "99.71.01.2003", "99.71.01.2004"]


@pytest.fixture(scope="module")
def con(seed_db):
    c = duckdb.connect(str(seed_db), read_only=True)
    yield c
    c.close()


@pytest.fixture(scope="module")
def units_rows(con):
    return queries.run(con, "coverage_units", kode_region=REGION, siklus="S1", tanggal=TODAY, scope_kelurahan=None)


def test_coverage_units_levels_add_up(units_rows):
    assert units_rows["level"].tolist() == ["region", "kecamatan"] + ["kelurahan"] * 4
    assert units_rows["kode"].tolist() == [REGION, "99.71.01", *KODES]
    kel = coverage.kelurahan_rows(units_rows)
    # The region and kecamatan rows are the sums of the kelurahan rows.
    summed = coverage.region_coverage(kel, TODAY)
    for col in coverage.COUNT_COLUMNS:
        assert units_rows.loc[0, col] == summed[col] == units_rows.loc[1, col]


def test_coverage_units_members_and_results_by_hand(units_rows):
    kel = units_rows[units_rows["level"] == "kelurahan"]
    # Alpha: h1 (2 members) and h2 (1) updated. Beta: h5, h6 (1 each, h6 after the data date)
    # and h11 (moved, its one moved member counts: the household left the register this cycle).
    assert kel["frame_members_count"].tolist() == [3, 3, 0, 0]
    assert kel["updated_members_count"].tolist() == [3, 2, 0, 0]
    # Seven days before the data date (2026-02-21): h1, h2 in Alpha; h5 in Beta.
    assert kel["updated_members_7d_ago_count"].tolist() == [3, 1, 0, 0]
    # Pace window (2026-02-01..28): h2 in Alpha, h11 in Beta.
    assert kel["updated_members_28d_count"].tolist() == [1, 1, 0, 0]
    assert kel["diperbarui_count"].tolist() == [2, 1, 0, 0]
    assert kel["pindah_count"].tolist() == [0, 1, 0, 0]
    assert kel[["tidak_ditemukan_count", "meninggal_count", "duplikat_count"]].to_numpy().sum() == 0


def test_coverage_by_members(units_rows):
    out = coverage.coverage_by_unit(units_rows, TODAY, unit="members").set_index("kode")
    assert out.loc["99.71.01.1001", "coverage_rate"] == pytest.approx(1.0)
    assert out.loc["99.71.01.1001", "projected_finish"] == TODAY
    assert out.loc["99.71.01.1002", "coverage_rate"] == pytest.approx(2 / 3, abs=1e-12)
    assert out.loc["99.71.01.1002", "backlog_count"] == 1
    # One member a day over 28 days: 1 left takes 28 days.
    assert out.loc["99.71.01.1002", "projected_finish"] == TODAY + dt.timedelta(days=28)
    # Gamma has nobody; Delta's household has no members: no rate, nothing to do.
    assert out.loc[["99.71.01.2003", "99.71.01.2004"], "coverage_rate"].isna().all()
    assert out.loc[REGION, "coverage_rate"] == pytest.approx(5 / 6, abs=1e-12)
    assert out.loc[REGION, "households_count"] == 12, "input columns keep their meaning"
    assert out.loc[REGION, "frame_count"] == 6 and out.loc[REGION, "done_count"] == 5


def test_coverage_by_households_matches_update_coverage(units_rows):
    a = coverage.coverage_by_unit(units_rows, TODAY)
    b = coverage.update_coverage(units_rows, TODAY)
    pd.testing.assert_series_equal(a["coverage_rate"], b["coverage_rate"])
    assert a["projected_finish"].tolist() == b["projected_finish"].tolist()
    # Delta: one household, never visited, zero pace: no finish date.
    assert a.set_index("kode").loc["99.71.01.2004", "projected_finish"] is None
    with pytest.raises(ValueError):
        coverage.coverage_by_unit(units_rows, TODAY, unit="persons")


def test_result_breakdown(units_rows):
    out = coverage.result_breakdown(units_rows).set_index(["kode", "hasil"])
    assert out.loc[("99.71.01.1002", "pindah"), "households_count"] == 1
    assert out.loc[("99.71.01.1002", "pindah"), "share_rate"] == pytest.approx(0.5)
    assert out.loc[(REGION, "diperbarui"), "share_rate"] == pytest.approx(0.75)
    assert (
        out.loc[("99.71.01.2003", "diperbarui"), "share_rate"] != out.loc[("99.71.01.2003", "diperbarui"), "share_rate"]
    )
    assert list(out.loc["99.71.01.1001"].index) == list(coverage.RESULTS)


@pytest.mark.parametrize(
    "day, schedule, expected",
    [
        (dt.date(2025, 12, 1), None, 0.0),
        (START, None, 0.0),
        # 2026-01-01..03-31 is 89 days; 02-28 is day 58.
        (TODAY, None, 58 / 89),
        (END, None, 1.0),
        (dt.date(2026, 5, 1), None, 1.0),
        # Configured: 50 % by 2026-02-01 (31 days), 90 % by 2026-03-31, then flat.
        (dt.date(2026, 1, 16), [("2026-02-01", 0.5), ("2026-03-31", 0.9)], 0.5 * 15 / 31),
        (TODAY, [("2026-03-31", 0.9), ("2026-02-01", 0.5)], 0.5 + 0.4 * 27 / 58),
        (dt.date(2026, 6, 1), [("2026-02-01", 0.5), ("2026-03-31", 0.9)], 0.9),
    ],
)
def test_target_rate(day, schedule, expected):
    assert coverage.target_rate(day, START, END, schedule) == pytest.approx(expected, abs=1e-12)


def test_target_schedule_from_file(tmp_path):
    # The file is read at the edge (reports/settings.py); analytics gets the parsed points.
    path = tmp_path / "targets.toml"
    path.write_text('[targets.S1]\npoints = [["2026-03-31", 0.9], ["2026-02-01", 0.5]]\n')
    assert settings.target_schedule("S1", path) == [(dt.date(2026, 2, 1), 0.5), (dt.date(2026, 3, 31), 0.9)]
    assert settings.target_schedule("S0", path) == []
    assert settings.target_schedule("S1", tmp_path / "none.toml") == []
    path.write_text('[targets.S1]\npoints = [["2026-03-31", 90]]\n')
    with pytest.raises(ValueError, match="targets.toml: target 90 for S1"):
        settings.target_schedule("S1", path)


def test_lagging_flags(units_rows):
    kel = coverage.update_coverage(units_rows[units_rows["level"] == "kelurahan"], TODAY)
    # Region 4/12 = 0.333; target 0.5: Alpha (0.5) is on target and above the region,
    # Beta (2/7) behind both, Gamma (no households) never lags, Delta (0) behind both.
    out = coverage.lagging_flags(kel, 1 / 3, 0.5).set_index("kode")
    assert out["behind_target"].tolist() == [False, True, False, True]
    assert out["behind_region"].tolist() == [False, True, False, True]
    assert out["lagging"].tolist() == [False, True, False, True]
    assert out.loc["99.71.01.1002", "gap_to_target_rate"] == pytest.approx(0.5 - 2 / 7, abs=1e-12)
    # A stricter target makes Alpha lag against the schedule only.
    alpha = coverage.lagging_flags(kel, 1 / 3, 0.6).set_index("kode").loc["99.71.01.1001"]
    assert alpha["behind_target"] and not alpha["behind_region"] and alpha["lagging"]
    # Below the region alone is a marker, not lagging (issue 16, point 7): on a target of 0.2
    # Beta (2/7 = 0.29) is on target yet below the region's 1/3.
    beta = coverage.lagging_flags(kel, 1 / 3, 0.2).set_index("kode").loc["99.71.01.1002"]
    assert beta["behind_region"] and not beta["behind_target"] and not beta["lagging"]


def test_cumulative_progress_on_seed(con):
    daily = queries.run(con, "coverage_daily", kode_region=REGION, siklus="S1", tanggal=TODAY, scope_kelurahan=None)
    region = daily[daily["kode"] == REGION]
    out = coverage.cumulative_progress(region, 12, START, END, TODAY)
    assert len(out) == 59 and out["tanggal"].iloc[0] == START and out["tanggal"].iloc[-1] == TODAY
    by_day = out.set_index("tanggal")
    assert by_day.loc[dt.date(2026, 1, 4), "done_count"] == 0
    assert by_day.loc[dt.date(2026, 1, 5), "done_count"] == 1
    assert by_day.loc[dt.date(2026, 2, 24), "done_count"] == 3
    assert by_day.loc[TODAY, "progress_rate"] == pytest.approx(4 / 12)
    assert by_day.loc[TODAY, "target_rate"] == pytest.approx(58 / 89)
    members = coverage.cumulative_progress(region, 6, START, END, TODAY, column="updated_members_count")
    assert members["progress_rate"].iloc[-1] == pytest.approx(5 / 6)
    empty = coverage.cumulative_progress(daily.iloc[0:0], 0, START, END, TODAY)
    assert empty["done_count"].eq(0).all() and empty["progress_rate"].isna().all()


def test_funnel_table_on_seed(con, units_rows):
    funnel = queries.run(con, "verivali_funnel", kode_region=REGION, siklus="S1", tanggal=TODAY, scope_kelurahan=None)
    out = coverage.funnel_table(funnel, units_rows[["kode", "households_count"]]).set_index("kode")
    # Alpha: h1 and h3 proposed in musyawarah, h1 and h2 ground-checked, of 4 households.
    assert out.loc["99.71.01.1001", "usulan_musyawarah_count"] == 2
    assert out.loc["99.71.01.1001", "ground_check_rate"] == pytest.approx(0.5)
    # Beta: h5 and h11 by the data date (h6's visit comes after it).
    assert out.loc["99.71.01.1002", "ground_check_count"] == 2
    assert out.loc[REGION, "ground_check_count"] == 4
    assert pd.isna(out.loc["99.71.01.2003", "ground_check_rate"])
    stage_columns = [c for c in out.columns if c.endswith("_count")]
    assert stage_columns == ["households_count", *(f"{s}_count" for s in coverage.STAGES)]


def test_shared_classes_use_one_set_of_breaks():
    before = pd.Series([0.0, 10.0, 20.0, None])
    after = pd.Series([30.0, 60.0, 90.0, 100.0])
    a, b = coverage.shared_classes(before, after, scheme="equal_interval", k=2)
    assert a.bins == b.bins == (50.0, 100.0)
    assert a.counts == (3, 0) and a.missing_count == 1
    assert b.counts == (1, 3) and b.missing_count == 0
    assert a.index.tolist() == [0, 0, 0, -1]


def test_daily_series_adds_up_to_the_coverage_counts(con, units_rows):
    daily = queries.run(con, "coverage_daily", kode_region=REGION, siklus="S1", tanggal=TODAY, scope_kelurahan=None)
    totals = daily.groupby("kode")[["updated_count", "updated_members_count"]].sum()
    counts = units_rows.set_index("kode")
    for kode in totals.index:
        assert totals.loc[kode, "updated_count"] == counts.loc[kode, "updated_count"], kode
        assert totals.loc[kode, "updated_members_count"] == counts.loc[kode, "updated_members_count"], kode


def test_enumerator_output_on_seed(con):
    out = queries.run(
        con, "enumerator_output_kelurahan", kode_region=REGION, siklus="S1", tanggal=TODAY, scope_kelurahan=None
    )
    # p1 visited h1 and h2 in Alpha, h5 and h11 in Beta (h6's visit is after the data date);
    # the old cycle's visit of h4 and visits without a petugas do not count.
    assert out[["kode", "id_petugas", "visits_count", "results_count", "updated_28d_count"]].values.tolist() == [
        ["99.71.01.1001", "p1", 2, 2, 1],
        ["99.71.01.1002", "p1", 2, 2, 1],
    ]
    assert out["nama_petugas"].unique().tolist() == ["Petugas Uji"]


def test_week_change_on_seed(con, units_rows):
    week_ago = TODAY - dt.timedelta(days=7)
    before_rows = queries.run(
        con, "coverage_units", kode_region=REGION, siklus="S1", tanggal=week_ago, scope_kelurahan=None
    )
    now = coverage.coverage_levels(units_rows, TODAY, START, END).iloc[0]
    before = coverage.coverage_levels(before_rows, week_ago, START, END).iloc[0]
    # On 2026-02-21 h1, h2, h5 had a result; h11's move (02-25) was not known yet, so the frame
    # was the 11 active households: 3/11. Now 4/12, with the same backlog of 8.
    assert before["frame_count"] == 11 and before["coverage_rate"] == pytest.approx(3 / 11)
    # Pace then: h2 in the window 01-25..02-21 (1/28 a day), 8 left: 224 days -> 2026-10-03.
    # Pace now: h2, h11 (2/28 a day): 112 days -> 2026-06-20.
    assert before["projected_finish"] == dt.date(2026, 10, 3) and now["projected_finish"] == dt.date(2026, 6, 20)
    change = coverage.week_change(now, before)
    assert change["coverage_points"] == pytest.approx((4 / 12 - 3 / 11) * 100)
    assert change["done_count"] == 1 and change["backlog_count"] == 0
    assert change["pace_per_day"] == pytest.approx(1 / 28)
    assert change["finish_days"] == -105
    # Delta: no finish date at either date, so no change of it.
    delta_now = coverage.coverage_levels(units_rows, TODAY, START, END).set_index("kode").loc["99.71.01.2004"]
    delta_before = coverage.coverage_levels(before_rows, week_ago, START, END).set_index("kode").loc["99.71.01.2004"]
    assert pd.isna(coverage.week_change(delta_now, delta_before)["finish_days"])


def test_a_kelurahan_at_pace_zero_makes_the_region_never_finish():
    # Region R = kecamatan K1 (kelurahan A, B) + K2 (kelurahan C). Paces over 28 days: A and B
    # 28 households (1 a day), C none. Backlogs 5, 10, 3.
    def row(level, kode, kec, households, updated, updated_28d):
        return {
            "level": level,
            "kode": kode,
            "kode_kecamatan": kec,
            "households_count": households,
            "updated_count": updated,
            "updated_7d_ago_count": 0,
            "updated_28d_count": updated_28d,
            "members_count": 0,
            "padan_count": 0,
        }

    rows = pd.DataFrame(
        [
            row("region", "R", None, 118, 100, 56),
            row("kecamatan", "K1", "K1", 95, 80, 56),
            row("kecamatan", "K2", "K2", 23, 20, 0),
            row("kelurahan", "A", "K1", 45, 40, 28),
            row("kelurahan", "B", "K1", 50, 40, 28),
            row("kelurahan", "C", "K2", 23, 20, 0),
        ]
    )
    out = coverage.coverage_levels(rows, TODAY, START, END).set_index("kode")
    day = dt.timedelta(days=1)
    # At today's city pace (2 a day for 18 households) the region would finish in 9 days;
    # kelurahan by kelurahan it never does, because C never does.
    assert out.loc["R", "projected_finish"] == TODAY + 9 * day
    assert out["finish_last_kelurahan"].tolist() == [
        None,
        TODAY + 10 * day,
        None,
        TODAY + 5 * day,
        TODAY + 10 * day,
        None,
    ]
    assert out["never_finish_count"].tolist() == [1, 0, 1, 0, 0, 1]
    assert coverage.never_finishing(out.reset_index())["kode"].tolist() == ["C"]
    assert coverage.never_finishing(out.reset_index(), "K1").empty
    # Once C has any pace the region's finish is its slowest kelurahan, B, not the city pace.
    rows.loc[rows["kode"].isin(["R", "K2", "C"]), "updated_28d_count"] += 14
    out = coverage.coverage_levels(rows, TODAY, START, END).set_index("kode")
    assert out.loc["C", "projected_finish"] == TODAY + 6 * day
    assert out.loc["R", "finish_last_kelurahan"] == TODAY + 10 * day and out.loc["R", "never_finish_count"] == 0
