"""analytics.cases on hand-made case lists: the lifecycle funnel, time in each stage, outcomes by
category, shelter occupancy and length of stay."""

import datetime as dt

import numpy as np
import pandas as pd
import pytest

from analytics import cases
from domain.codes import PMKS_STAGES


def test_funnel_on_a_hand_made_case_list():
    # Ten cases: 2 still reported, 1 secured, 3 assessed, 4 closed.
    current = ["dilaporkan"] * 2 + ["diamankan"] + ["diasesmen"] * 3 + ["ditutup"] * 4
    out = cases.lifecycle_funnel(pd.DataFrame({"tahap": current}))
    assert out["tahap"].tolist() == list(PMKS_STAGES)
    assert out["at_stage_count"].tolist() == [2, 1, 3, 0, 0, 0, 0, 4]
    assert out["reached_count"].tolist() == [10, 8, 7, 4, 4, 4, 4, 4]
    assert out["reached_rate"].tolist() == pytest.approx([1.0, 0.8, 0.7, 0.4, 0.4, 0.4, 0.4, 0.4])
    assert out["step_rate"].tolist() == pytest.approx([1.0, 0.8, 7 / 8, 4 / 7, 1.0, 1.0, 1.0, 1.0])


def test_funnel_from_counted_rows_and_empty():
    rows = pd.DataFrame({"tahap": ["ditutup", "diasesmen", "ditutup"], "cases_count": [3, 2, 1]})
    out = cases.lifecycle_funnel(rows)
    assert out["reached_count"].tolist() == [6, 6, 6, 4, 4, 4, 4, 4]
    empty = cases.lifecycle_funnel(pd.DataFrame({"tahap": []}))
    assert empty["reached_count"].sum() == 0 and empty["reached_rate"].isna().all()
    with pytest.raises(ValueError):
        cases.lifecycle_funnel(pd.DataFrame({"tahap": ["selesai"]}))


def test_time_in_each_stage_every_stage_in_order():
    # The SQL figures (tests/test_pmks_response.py computes them from a hand-made history) come
    # per stage with a stay; every stage is listed, in order.
    figures = pd.DataFrame(
        {
            "tahap": ["diamankan", "dilaporkan", "ditutup"],
            "completed_count": [1, 2, 0],
            "median_hours": [24.0, 3.0, np.nan],
            "p90_hours": [24.0, 3.8, np.nan],
            "mean_hours": [24.0, 3.0, np.nan],
            "open_count": [1, 1, 4],
            "open_median_hours": [203.0, 200.0, 90.0],
        }
    )
    out = cases.stage_durations(figures).set_index("tahap")
    assert list(out.index) == list(PMKS_STAGES)
    assert out.loc["dilaporkan", "completed_count"] == 2 and out.loc["dilaporkan", "p90_hours"] == 3.8
    assert out.loc["diamankan", "open_median_hours"] == 203.0
    assert out.loc["diasesmen", "completed_count"] == 0 and np.isnan(out.loc["diasesmen", "median_hours"])
    # The closed stage never ends: its cases count, but no time so far.
    assert out.loc["ditutup", "open_count"] == 4 and np.isnan(out.loc["ditutup", "open_median_hours"])
    assert str(out["open_count"].dtype) == "int64"


def test_outcomes_by_category():
    rows = pd.DataFrame(
        {
            "kategori": ["odgj", "odgj", "odgj", "pengemis", "pengemis"],
            "tahap": ["ditutup", "ditutup", "intervensi", "ditutup", "diasesmen"],
            "hasil": ["dirawat", "kembali_keluarga", None, "kembali_keluarga", None],
            "cases_count": [3, 1, 2, 1, 1],
        }
    )
    out = cases.outcomes_by_category(rows, ["pengemis", "odgj", "odha"]).set_index("kategori")
    assert out.index.tolist() == ["odgj", "pengemis"]
    assert out.loc["odgj", ["cases_count", "open_count", "dirawat_count", "kembali_keluarga_count"]].tolist() == [
        6,
        2,
        3,
        1,
    ]
    assert out.loc["odgj", "dirawat_rate"] == pytest.approx(0.75)
    assert out.loc["odgj", "panti_rate"] == 0.0
    assert out.loc["pengemis", "kembali_keluarga_rate"] == 1.0
    only_open = cases.outcomes_by_category(rows[rows["hasil"].isna()], ["odgj"])
    assert np.isnan(only_open.loc[0, "dirawat_rate"])


def stays():
    return pd.DataFrame(
        {
            "tanggal_masuk_shelter": pd.to_datetime(["2026-02-01", "2026-02-02", "2026-02-02", "2026-02-05", None]),
            "tanggal_keluar_shelter": pd.to_datetime(["2026-02-03", "2026-02-02", None, "2026-02-10", None]),
        }
    )


def test_shelter_occupancy_by_hand():
    out = cases.shelter_occupancy(stays(), dt.date(2026, 2, 1), dt.date(2026, 2, 6))
    assert out["tanggal"].tolist()[0] == dt.date(2026, 2, 1) and len(out) == 6
    # 1 Feb: A in. 2 Feb: B in and out the same day, C in: A, C. 3 Feb: A out: C.
    # 5 Feb: D in: C, D.
    assert out["occupants_count"].tolist() == [1, 2, 1, 1, 2, 2]
    assert out["admissions_count"].tolist() == [1, 2, 0, 0, 1, 0]
    assert out["discharges_count"].tolist() == [0, 1, 1, 0, 0, 0]
    assert cases.shelter_occupancy(stays(), dt.date(2026, 2, 2), dt.date(2026, 2, 1)).empty


def test_length_of_stay_by_hand():
    out = cases.length_of_stay(stays(), dt.date(2026, 2, 10))
    # Discharged by 10 Feb: 2, 0 and 5 days; C still there since 2 Feb (8 days).
    assert out["discharged_count"] == 3
    assert out["median_days"] == 2.0
    assert out["p90_days"] == pytest.approx(4.4)
    assert out["mean_days"] == pytest.approx(7 / 3)
    assert out["current_count"] == 1 and out["current_median_days"] == 8.0


def test_length_of_stay_as_of_an_earlier_day():
    out = cases.length_of_stay(stays(), dt.date(2026, 2, 6))
    # On 6 Feb D (in since 5 Feb, out on 10 Feb) is still there with C: 1 and 4 days so far.
    assert out["discharged_count"] == 2 and out["median_days"] == 1.0
    assert out["current_count"] == 2 and out["current_median_days"] == 2.5
    occupancy = cases.shelter_occupancy(stays(), dt.date(2026, 2, 6), dt.date(2026, 2, 6))
    assert occupancy["occupants_count"].iloc[0] == out["current_count"]
