"""analytics.response on a hand-made case list: shifts, response percentiles, the share within
the target and the workload per TRC member."""

import datetime as dt

import numpy as np
import pandas as pd
import pytest

from analytics import response


def ts(text):
    return pd.Timestamp(text)


def test_shift_boundaries():
    times = pd.Series(
        [
            ts("2026-03-02 06:59"),
            ts("2026-03-02 07:00"),
            ts("2026-03-02 14:59"),
            ts("2026-03-02 15:00"),
            ts("2026-03-02 22:59"),
            ts("2026-03-02 23:00"),
            ts("2026-03-03 00:30"),
            pd.NaT,
        ]
    )
    out = response.shift_of(times)
    assert out["shift"].tolist()[:7] == ["malam", "pagi", "pagi", "siang", "siang", "malam", "malam"]
    assert pd.isna(out["shift"].iloc[7])
    d = dt.date
    # The small hours belong to the night shift that began the evening before.
    assert out["shift_date"].tolist()[:7] == [
        d(2026, 3, 1),
        d(2026, 3, 2),
        d(2026, 3, 2),
        d(2026, 3, 2),
        d(2026, 3, 2),
        d(2026, 3, 2),
        d(2026, 3, 2),
    ]


def test_shift_boundaries_are_parameters():
    shifts = (("a", 0), ("b", 8), ("c", 16))
    out = response.shift_of(pd.Series([ts("2026-03-02 00:00"), ts("2026-03-02 07:59"), ts("2026-03-02 16:00")]), shifts)
    assert out["shift"].tolist() == ["a", "a", "c"]
    assert out["shift_date"].tolist() == [dt.date(2026, 3, 2)] * 3
    with pytest.raises(ValueError):
        response.shift_of(pd.Series([ts("2026-03-02")]), (("a", 7), ("b", 7)))
    with pytest.raises(ValueError):
        response.shift_of(pd.Series([ts("2026-03-02")]), (("a", 24),))


def hand_cases() -> pd.DataFrame:
    """Six reports, each answered (waktu_respons) 5 minutes later; arrivals after 10, 20, 30,
    40 and 100 minutes, the last case never arrived.

    Shifts of the reports: pagi, pagi, siang, malam (23:30), malam (02:00, the same night
    shift), pagi (next day).
    """
    lapor = [
        ts("2026-03-02 08:00"),
        ts("2026-03-02 09:00"),
        ts("2026-03-02 16:00"),
        ts("2026-03-02 23:30"),
        ts("2026-03-03 02:00"),
        ts("2026-03-03 10:00"),
    ]
    minutes = [10, 20, 30, 40, 100, None]
    tiba = [t + pd.Timedelta(minutes=m) if m is not None else pd.NaT for t, m in zip(lapor, minutes)]
    return pd.DataFrame(
        {
            "kode_kelurahan": ["a", "a", "b", "b", "b", "a"],
            "kategori": ["odgj", "pengemis", "odgj", "odgj", "pengemis", "odgj"],
            "waktu_lapor": lapor,
            "waktu_respons": [t + pd.Timedelta(minutes=5) for t in lapor],
            "waktu_tiba": tiba,
        }
    )


def test_response_percentiles_and_target_share_by_hand():
    timed = response.response_times(hand_cases())
    assert timed["response_minutes"].tolist()[:5] == [10.0, 20.0, 30.0, 40.0, 100.0]
    assert np.isnan(timed["response_minutes"].iloc[5])
    row = response.response_summary(timed, target_minutes=60).iloc[0]
    # Median of 10, 20, 30, 40, 100 is 30; the 90th percentile interpolates between the 4th
    # and 5th values: 40 + 0.6 * (100 - 40) = 76. Four of the five arrivals within 60 minutes.
    assert row["median_minutes"] == 30.0
    assert row["p90_minutes"] == pytest.approx(76.0)
    assert (row["cases_count"], row["arrived_count"], row["no_arrival_count"], row["within_target_count"]) == (
        6,
        5,
        1,
        4,
    )
    assert row["within_target_rate"] == pytest.approx(0.8)
    # The target is inclusive and configurable.
    assert response.response_summary(timed, target_minutes=40).iloc[0]["within_target_rate"] == pytest.approx(0.8)
    assert response.response_summary(timed, target_minutes=39).iloc[0]["within_target_rate"] == pytest.approx(0.6)


def test_response_by_group():
    timed = response.response_times(hand_cases())
    by_unit = response.response_summary(timed, ("kode_kelurahan",), 60).set_index("kode_kelurahan")
    # a: 10 and 20 minutes plus one without arrival; b: 30, 40, 100.
    assert by_unit.loc["a", "median_minutes"] == 15.0 and by_unit.loc["a", "no_arrival_count"] == 1
    assert by_unit.loc["a", "p90_minutes"] == pytest.approx(19.0)
    assert by_unit.loc["b", "median_minutes"] == 40.0 and by_unit.loc["b", "within_target_rate"] == pytest.approx(2 / 3)
    by_shift = response.response_summary(timed, ("shift",), 60).set_index("shift")
    assert by_shift.loc["malam", "median_minutes"] == 70.0
    assert by_shift.loc["pagi", "cases_count"] == 3 and by_shift.loc["pagi", "arrived_count"] == 2


def test_a_group_without_arrivals():
    timed = response.response_times(hand_cases().iloc[[5]])
    row = response.response_summary(timed).iloc[0]
    assert row["arrived_count"] == 0 and np.isnan(row["median_minutes"]) and np.isnan(row["within_target_rate"])
    empty = response.response_summary(response.response_times(hand_cases().iloc[[]])).iloc[0]
    assert empty["cases_count"] == 0 and np.isnan(empty["p90_minutes"])


def test_cases_per_member_per_shift():
    timed = response.response_times(hand_cases())
    # Two days (2 and 3 March), 27 members split over three shifts: 9 per shift. The pagi shift
    # answered 3 cases (the last one had a response, no arrival) in 2 shifts: 1.5 per shift,
    # 1/6 per member per shift.
    out = response.shift_workload(timed, dt.date(2026, 3, 2), dt.date(2026, 3, 3), team_size=27)
    assert out["shift"].tolist() == ["pagi", "siang", "malam"]
    assert out["cases_count"].tolist() == [3, 1, 2]
    assert out["shifts_count"].tolist() == [2, 2, 2]
    assert out["members_per_shift"].tolist() == [9.0, 9.0, 9.0]
    assert out["cases_per_shift"].tolist() == [1.5, 0.5, 1.0]
    assert out["cases_per_member_per_shift"].tolist() == pytest.approx([1 / 6, 0.5 / 9, 1 / 9])
    unanswered = timed.assign(waktu_respons=pd.NaT)
    assert response.shift_workload(unanswered, dt.date(2026, 3, 2), dt.date(2026, 3, 3))["cases_count"].tolist() == [
        2,
        1,
        2,
    ]
    default = response.shift_workload(timed, dt.date(2026, 3, 2), dt.date(2026, 3, 3))
    assert default["members_per_shift"].iloc[0] == pytest.approx(26 / 3)


def test_shift_summary_joins_times_and_workload():
    timed = response.response_times(hand_cases())
    out = response.shift_summary(timed, dt.date(2026, 3, 2), dt.date(2026, 3, 3), team_size=3, target_minutes=60)
    assert out["shift"].tolist() == ["pagi", "siang", "malam"]
    assert out["cases_count"].tolist() == [3, 1, 2]
    assert out["arrived_count"].tolist() == [2, 1, 2]
    assert out["answered_count"].tolist() == [3, 1, 2]
    assert out["cases_per_member_per_shift"].tolist() == [1.5, 0.5, 1.0]
    assert out["within_target_rate"].tolist() == pytest.approx([1.0, 1.0, 0.5])
    assert out.loc[out["shift"] == "malam", "p90_minutes"].iloc[0] == pytest.approx(94.0)
