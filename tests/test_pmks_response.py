"""The PMKS figures computed in SQL from the analytics tables: the TRC response (pmks_respons,
queries/pmks_response.sql, through reports.hotspots.response_report) on the seed's one case
(tests/seed.py), on six hand-made cases whose figures are worked out below and against numpy to
the last bit; the time in each lifecycle stage (pmks_tahap_durasi, queries/pmks_stage_durations.sql,
through reports.hotspots.lifecycle) on a hand-made stage history."""

import datetime as dt

import numpy as np
import pandas as pd
import pytest

from analytics import response
from reports import hotspots as hotspots_report
from tests.seed import REGION, seed_db  # noqa: F401
from warehouse import db

SHIFTS = response.DEFAULT_SHIFTS
RULES = hotspots_report.TrcSettings()


def report(path, target, flt, kelurahan=None, scope=None, shifts=SHIFTS, rules=RULES, team=26):
    con = db.connect(path, read_only=True)
    try:
        return hotspots_report.response_report(con, flt, target, team, shifts, rules, kelurahan, scope_kelurahan=scope)
    finally:
        con.close()


def test_the_seed_case_for_two_targets(seed_db):
    # k1: a call-center report at 22:00 (the siang shift), answered at 22:10, the TRC there at 22:40:
    # 40 minutes.
    flt = hotspots_report.CaseFilter(REGION, dari=dt.date(2026, 1, 1), sampai=dt.date(2026, 2, 28))
    met = report(seed_db, 60.0, flt)
    assert met.overall[["cases_count", "arrived_count", "no_arrival_count", "within_target_count"]].tolist() == [
        1,
        1,
        0,
        1,
    ]
    assert (met.overall["median_minutes"], met.overall["p90_minutes"], met.overall["within_target_rate"]) == (
        40.0,
        40.0,
        1.0,
    )
    assert not met.overall["enough"], "one arrival is too few for a median"
    missed = report(seed_db, 39.0, flt)
    assert missed.overall["within_target_rate"] == 0.0 and missed.overall["median_minutes"] == 40.0
    assert report(seed_db, 40.0, flt).overall["within_target_rate"] == 1.0, "the target is inclusive"
    assert met.by_shift[["shift", "cases_count", "answered_count"]].values.tolist() == [
        ["pagi", 0, 0],
        ["siang", 1, 1],
        ["malam", 0, 0],
    ]
    assert met.by_unit.empty and met.unranked_count == 1
    assert met.patrol["cases_count"] == 0 and np.isnan(met.patrol["median_minutes"])
    assert report(seed_db, 60.0, flt, scope=()).overall["cases_count"] == 0, "an empty scope sees nothing"
    before = hotspots_report.CaseFilter(REGION, dari=dt.date(2026, 1, 1), sampai=dt.date(2026, 1, 31))
    assert report(seed_db, 60.0, before).overall["cases_count"] == 0


HAND = "97.71.01.100"


def hand_warehouse(path) -> None:
    """Six call-center reports, each answered (waktu_respons) 5 minutes later; arrivals after
    10, 20, 30, 40 and 100 minutes, the last case never arrived; and one patrol find (30 min).

    Kelurahan a (…1001): cases 1, 2, 6; b (…1002): cases 3, 4, 5. Shifts of the reports: pagi,
    pagi, siang, malam (23:30), malam (02:00, the same night shift), pagi (next day).

    Stage history: c1 dilaporkan at its report, diamankan 2 hours and diasesmen 26 hours after
    it (there now); c2 diamankan 4 hours after its report (there now; no dilaporkan row: that
    stage starts at the report); c3 dilaporkan at its report (there now).
    """
    ts = pd.Timestamp
    lapor = [
        ts("2026-03-02 08:00"),
        ts("2026-03-02 09:00"),
        ts("2026-03-02 16:00"),
        ts("2026-03-02 23:30"),
        ts("2026-03-03 02:00"),
        ts("2026-03-03 10:00"),
        ts("2026-03-03 11:00"),
    ]
    minutes = [10, 20, 30, 40, 100, None, 30]
    cases = pd.DataFrame(
        {
            "id_kasus": [f"c{n}" for n in range(1, 8)],
            "kategori": ["odgj", "pengemis", "odgj", "odgj", "pengemis", "odgj", "odgj"],
            "sumber": ["call_center"] * 6 + ["patroli"],
            "waktu_lapor": lapor,
            "waktu_respons": [t + pd.Timedelta(minutes=5) for t in lapor],
            "waktu_tiba": [t + pd.Timedelta(minutes=m) if m is not None else pd.NaT for t, m in zip(lapor, minutes)],
            "kode_kelurahan": [f"{HAND}{u}" for u in (1, 1, 2, 2, 2, 1, 2)],
            "tahap": ["dilaporkan"] * 7,
        }
    )
    units = pd.DataFrame(
        {
            "kode": ["97", "97.71", "97.71.01", f"{HAND}1", f"{HAND}2"],
            "nama": ["P", "K", "Kec", "Alpha", "Beta"],
            "level": ["provinsi", "kabkota", "kecamatan", "kelurahan", "kelurahan"],
            "jenis": ["provinsi", "kota", "kecamatan", "kelurahan", "kelurahan"],
            "kode_induk": [None, "97", "97.71", "97.71.01", "97.71.01"],
        }
    )
    hours = pd.to_timedelta([0, 2, 26, 4, 0], unit="h")
    history = pd.DataFrame(
        {
            "id_kasus": ["c1", "c1", "c1", "c2", "c3"],
            "tahap": ["dilaporkan", "diamankan", "diasesmen", "diamankan", "dilaporkan"],
            "waktu_mulai": [lapor[0], lapor[0], lapor[0], lapor[1], lapor[2]] + hours,
        }
    )
    with db.atomic_build(path) as con:
        con.append("wilayah", units, by_name=True)
        con.append("pmks_kasus", cases, by_name=True)
        con.append("pmks_kasus_tahap", history, by_name=True)
        db.refresh_analytics(con)


@pytest.fixture(scope="module")
def hand_db(tmp_path_factory):
    path = tmp_path_factory.mktemp("trc") / "trc.duckdb"
    hand_warehouse(path)
    return path


MARCH = hotspots_report.CaseFilter("97.71", dari=dt.date(2026, 3, 1), sampai=dt.date(2026, 3, 31))


def test_percentiles_and_share_within_two_targets_by_hand(hand_db):
    trc = report(hand_db, 60.0, MARCH)
    row = trc.overall
    # Median of 10, 20, 30, 40, 100 is 30; the 90th percentile interpolates between the 4th and
    # 5th values: 40 + 0.6 * (100 - 40) = 76. Four of the five arrivals within 60 minutes.
    assert row["median_minutes"] == 30.0
    assert row["p90_minutes"] == pytest.approx(76.0)
    assert row[["cases_count", "arrived_count", "no_arrival_count", "within_target_count"]].tolist() == [6, 5, 1, 4]
    assert row["within_target_rate"] == pytest.approx(0.8)
    assert report(hand_db, 40.0, MARCH).overall["within_target_rate"] == pytest.approx(0.8), "inclusive"
    assert report(hand_db, 39.0, MARCH).overall["within_target_rate"] == pytest.approx(0.6)
    # The patrol find is no response to a report, but is counted apart and per source.
    assert trc.patrol[["cases_count", "median_minutes"]].tolist() == [1, 30.0]
    assert trc.by_source[["sumber", "cases_count", "arrived_count"]].values.tolist() == [
        ["call_center", 6, 5],
        ["patroli", 1, 1],
    ]


def test_figures_by_group_by_hand(hand_db):
    lenient = hotspots_report.TrcSettings(min_cases=1)
    trc = report(hand_db, 60.0, MARCH, rules=lenient, team=27)
    by_unit = trc.by_unit.set_index("kode_kelurahan")
    # a: 10 and 20 minutes plus one without arrival; b: 30, 40, 100. Slowest 90th percentile first.
    assert list(by_unit.index) == [f"{HAND}2", f"{HAND}1"] and by_unit["nama"].tolist() == ["Beta", "Alpha"]
    assert by_unit.loc[f"{HAND}1", "median_minutes"] == 15.0 and by_unit.loc[f"{HAND}1", "no_arrival_count"] == 1
    assert by_unit.loc[f"{HAND}1", "p90_minutes"] == pytest.approx(19.0)
    assert by_unit.loc[f"{HAND}2", "median_minutes"] == 40.0
    assert by_unit.loc[f"{HAND}2", "within_target_rate"] == pytest.approx(2 / 3)
    by_shift = trc.by_shift.set_index("shift")
    assert by_shift.loc["malam", "median_minutes"] == 70.0
    assert by_shift.loc["malam", "p90_minutes"] == pytest.approx(94.0)
    assert by_shift.loc["pagi", "cases_count"] == 3 and by_shift.loc["pagi", "arrived_count"] == 2
    # Workload counts every answered case, the patrol find (pagi, 11:00) too: 4 pagi in the 31
    # days of March, 9 members a shift; in the two days with cases, 2 per shift.
    assert by_shift["answered_count"].tolist() == [4, 1, 2]
    assert by_shift.loc["pagi", "cases_per_member_per_shift"] == pytest.approx(4 / 31 / 9)
    two_days = hotspots_report.CaseFilter("97.71", dari=dt.date(2026, 3, 2), sampai=dt.date(2026, 3, 3))
    assert report(hand_db, 60.0, two_days, team=27).by_shift["cases_per_shift"].tolist() == [2.0, 0.5, 1.0]
    by_category = trc.by_category.set_index("kategori")
    assert by_category["cases_count"].to_dict() == {"odgj": 4, "pengemis": 2}
    assert by_category.loc["pengemis", "median_minutes"] == 60.0
    one = report(hand_db, 60.0, MARCH, kelurahan=f"{HAND}1", rules=lenient)
    assert one.overall["cases_count"] == 3 and one.overall["median_minutes"] == 15.0
    scoped = report(hand_db, 60.0, MARCH, scope=(f"{HAND}2",), rules=lenient)
    assert scoped.overall["cases_count"] == 3 and list(scoped.by_unit["kode_kelurahan"]) == [f"{HAND}2"]
    # Shifts from midnight: 02:00 and 23:30 fall in different ones.
    other = report(hand_db, 60.0, MARCH, shifts=(("a", 0), ("b", 8), ("c", 16)), rules=lenient)
    assert other.by_shift[["shift", "cases_count"]].values.tolist() == [["a", 1], ["b", 3], ["c", 2]]


def test_the_figures_are_numpys_to_the_last_bit(hand_db):
    trc = report(hand_db, 60.0, MARCH, rules=hotspots_report.TrcSettings(min_cases=1))
    arrivals = {"a": [10.0, 20.0], "b": [30.0, 40.0, 100.0], "all": [10.0, 20.0, 30.0, 40.0, 100.0]}
    assert trc.overall["p90_minutes"] == np.percentile(arrivals["all"], 90)
    assert trc.overall["median_minutes"] == np.median(arrivals["all"])
    p90 = trc.by_unit.set_index("nama")["p90_minutes"]
    assert p90["Alpha"] == np.percentile(arrivals["a"], 90) and p90["Beta"] == np.percentile(arrivals["b"], 90)


def test_time_in_each_stage_by_hand(hand_db):
    con = db.connect(hand_db, read_only=True)
    try:
        life = hotspots_report.lifecycle(con, MARCH, dt.date(2026, 3, 10))
        alpha = hotspots_report.lifecycle(con, MARCH, dt.date(2026, 3, 10), f"{HAND}1")
        none = hotspots_report.lifecycle(con, MARCH, dt.date(2026, 3, 10), scope_kelurahan=(f"{HAND}2",))
    finally:
        con.close()
    out = life.durations.set_index("tahap")
    # dilaporkan: c1 2 h and c2 4 h done (c2's from its report), c3 there since 2 March 16:00:
    # until the end of the data date (11 March 00:00), 8 days 8 hours.
    assert out.loc["dilaporkan", ["completed_count", "median_hours", "open_count", "open_median_hours"]].tolist() == [
        2,
        3.0,
        1,
        200.0,
    ]
    assert out.loc["dilaporkan", "p90_hours"] == np.percentile([2.0, 4.0], 90)
    # diamankan: c1 24 h done; c2 there since 13:00 on 2 March (203 h). diasesmen: c1 since
    # 10:00 on 3 March (182 h), none done.
    assert out.loc["diamankan", ["completed_count", "median_hours", "open_median_hours"]].tolist() == [1, 24.0, 203.0]
    assert out.loc["diasesmen", "completed_count"] == 0 and np.isnan(out.loc["diasesmen", "median_hours"])
    assert out.loc["diasesmen", "open_median_hours"] == 182.0
    assert out.loc["ditutup", ["completed_count", "open_count"]].tolist() == [0, 0]
    assert list(out.index)[:3] == ["dilaporkan", "diamankan", "diasesmen"]
    # Kelurahan a holds c1 and c2 (c3 is b's); b's scope holds c3 only.
    one = alpha.durations.set_index("tahap")
    assert one.loc["dilaporkan", ["completed_count", "open_count"]].tolist() == [2, 0]
    assert none.durations.set_index("tahap").loc["dilaporkan", ["completed_count", "open_count"]].tolist() == [0, 1]
    assert life.funnel.set_index("tahap").loc["dilaporkan", "reached_count"] == 7
    con = db.connect(hand_db, read_only=True)
    try:
        april = hotspots_report.CaseFilter("97.71", dari=dt.date(2026, 4, 1), sampai=dt.date(2026, 4, 30))
        assert hotspots_report.lifecycle(con, april, dt.date(2026, 4, 30)).durations is None, "no history"
    finally:
        con.close()
