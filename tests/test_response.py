"""analytics.response on hand-made counts: the shifts of the day, the rates derived from the
SQL figures and the workload per TRC member (the per-case figures themselves are computed in
SQL: tests/test_pmks_response.py)."""

import datetime as dt

import numpy as np
import pandas as pd
import pytest

from analytics import response


def test_shift_boundaries():
    shifts = response.hour_shifts()
    assert len(shifts) == 24
    # 07:00-15:00 pagi, 15:00-23:00 siang, 23:00-07:00 malam: the small hours belong to the
    # night shift that began the evening before.
    assert shifts == ["malam"] * 7 + ["pagi"] * 8 + ["siang"] * 8 + ["malam"]


def test_shift_boundaries_are_parameters():
    shifts = response.hour_shifts((("c", 16), ("a", 0), ("b", 8)))
    assert shifts == ["a"] * 8 + ["b"] * 8 + ["c"] * 8
    late = response.hour_shifts((("x", 6), ("y", 18)))
    assert late[5] == "y" and late[6] == "x" and late[17] == "x" and late[18] == "y"
    with pytest.raises(ValueError):
        response.hour_shifts((("a", 7), ("b", 7)))
    with pytest.raises(ValueError):
        response.hour_shifts((("a", 24),))


def figures(**columns) -> pd.DataFrame:
    return pd.DataFrame(columns)


def test_rates_from_the_sql_figures():
    rows = figures(
        kategori=["odgj", "pengemis"],
        cases_count=[4, 2],
        arrived_count=[3, 0],
        within_target_count=[2, 0],
        median_minutes=[30.0, np.nan],
        p90_minutes=[76.0, np.nan],
    )
    out = response.complete_summary(rows, ("kategori",))
    assert list(out.columns) == [
        "kategori",
        "cases_count",
        "arrived_count",
        "no_arrival_count",
        "median_minutes",
        "p90_minutes",
        "within_target_count",
        "within_target_rate",
    ]
    assert out["no_arrival_count"].tolist() == [1, 2]
    assert out["within_target_rate"].iloc[0] == pytest.approx(2 / 3)
    assert np.isnan(out["within_target_rate"].iloc[1]), "no arrival: no share"
    assert str(out["cases_count"].dtype) == "int64"


def test_no_case_is_one_row_of_zeros():
    empty = figures(cases_count=[], arrived_count=[], within_target_count=[], median_minutes=[], p90_minutes=[]).astype(
        "float64"
    )
    row = response.complete_summary(empty).iloc[0]
    assert (row["cases_count"], row["arrived_count"], row["no_arrival_count"]) == (0, 0, 0)
    assert np.isnan(row["median_minutes"]) and np.isnan(row["within_target_rate"])


def test_cases_per_member_per_shift():
    # Two days (2 and 3 March), 27 members split over three shifts: 9 per shift. The pagi shift
    # answered 3 cases in 2 shifts: 1.5 per shift, 1/6 per member per shift.
    answered = pd.Series({"pagi": 3, "siang": 1, "malam": 2})
    out = response.shift_workload(answered, dt.date(2026, 3, 2), dt.date(2026, 3, 3), team_size=27)
    assert out["shift"].tolist() == ["pagi", "siang", "malam"]
    assert out["cases_count"].tolist() == [3, 1, 2]
    assert out["shifts_count"].tolist() == [2, 2, 2]
    assert out["members_per_shift"].tolist() == [9.0, 9.0, 9.0]
    assert out["cases_per_shift"].tolist() == [1.5, 0.5, 1.0]
    assert out["cases_per_member_per_shift"].tolist() == pytest.approx([1 / 6, 0.5 / 9, 1 / 9])
    none = response.shift_workload(pd.Series({"malam": 2}), dt.date(2026, 3, 2), dt.date(2026, 3, 3))
    assert none["cases_count"].tolist() == [0, 0, 2]
    assert none["members_per_shift"].iloc[0] == pytest.approx(26 / 3)
    assert np.isnan(response.shift_workload(answered, dt.date(2026, 3, 3), dt.date(2026, 3, 2))["cases_per_shift"][0])


def test_shift_summary_joins_times_and_workload():
    times = figures(
        shift=["malam", "pagi"],
        cases_count=[2, 3],
        arrived_count=[2, 2],
        within_target_count=[1, 2],
        median_minutes=[70.0, 15.0],
        p90_minutes=[94.0, 19.0],
    )
    answered = pd.Series({"pagi": 3, "siang": 1, "malam": 2})
    out = response.shift_summary(times, answered, dt.date(2026, 3, 2), dt.date(2026, 3, 3), team_size=3)
    assert out["shift"].tolist() == ["pagi", "siang", "malam"]
    assert out["cases_count"].tolist() == [3, 0, 2], "siang answered a case but had no report: zero, not missing"
    assert out["answered_count"].tolist() == [3, 1, 2]
    assert out["cases_per_member_per_shift"].tolist() == [1.5, 0.5, 1.0]
    assert out["within_target_rate"].tolist()[0] == 1.0 and out["within_target_rate"].tolist()[2] == 0.5
    assert np.isnan(out["median_minutes"].iloc[1]) and out["p90_minutes"].iloc[2] == 94.0
