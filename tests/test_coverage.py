import datetime as dt

import pandas as pd
import pytest

from analytics import coverage

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
