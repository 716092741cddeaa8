"""analytics/calendar.py and reports/settings.work_calendar: the agency's working days, the
2026/2027 days off that matter, and what they do to projected dates."""

import datetime as dt

import pandas as pd
import pytest

from analytics import calendar, coverage
from reports import settings

D = dt.date


@pytest.fixture(scope="module")
def batam():
    # The real settings file: national days off with its corrections, Batam's table (none yet).
    return settings.work_calendar("21.71")


def test_the_2026_2027_days_off_that_matter(batam):
    off = dict(batam.days_off)
    pinned = {
        D(2026, 12, 24): "Cuti Bersama Hari Raya Natal",
        D(2026, 12, 25): "Hari Raya Natal",
        D(2027, 1, 1): "Tahun Baru Masehi",
        D(2027, 3, 8): "Hari Suci Nyepi",
        # Idul Fitri 1448 H: the package only estimates it; config/calendar.toml pins the SKB's
        # dates. Its cuti bersama come from the package (SKB 3 Menteri 2027).
        D(2027, 3, 9): "Cuti Bersama Hari Raya Idul Fitri",
        D(2027, 3, 10): "Hari Raya Idul Fitri 1448 H",
        D(2027, 3, 11): "Hari kedua Hari Raya Idul Fitri 1448 H",
        D(2027, 3, 12): "Cuti Bersama Hari Raya Idul Fitri",
        D(2027, 3, 15): "Cuti Bersama Hari Raya Idul Fitri",
    }
    assert {d: off.get(d) for d in pinned} == pinned
    for day in pinned:
        assert not batam.is_working_day(day), day
    # The Idul Fitri fortnight of 2027: Monday 8 to Friday 19 March has 4 working days left.
    assert [d.day for d in (D(2027, 3, 8) + dt.timedelta(n) for n in range(12)) if batam.is_working_day(d)] == [
        16,
        17,
        18,
        19,
    ]
    assert batam.working_days_between(D(2027, 3, 8), D(2027, 3, 19)) == 4
    assert batam.is_working_day(D(2026, 12, 23)) and not batam.is_working_day(D(2026, 12, 26)), "a Saturday"


def test_finish_dates_count_working_days():
    plain = calendar.WorkCalendar()
    saturday = D(2026, 2, 28)
    assert plain.finish_date(saturday, 2.5) == D(2026, 3, 4), "Mon, Tue, Wed"
    assert plain.finish_date(saturday, 0) == saturday and plain.finish_date(saturday, float("inf")) is None
    assert plain.day_of(saturday, 0) == D(2026, 3, 2) and plain.day_of(saturday, 2.5) == D(2026, 3, 4)
    assert plain.day_of(saturday, 5) == D(2026, 3, 9), "the sixth working day"
    assert (
        plain.days_between(D(2026, 3, 2), D(2026, 3, 9)) == 5 and plain.days_between(D(2026, 3, 9), D(2026, 3, 2)) == -5
    )


def test_christmas_and_new_year_move_a_projected_date(batam):
    # 10 households at 1 per working day from Friday 18 December 2026. Monday to Friday alone:
    # 21-25, 28-31 December and 1 January. With 24, 25 December, 1 January and Isra Mikraj
    # (Tuesday 5 January 2027) off: 21-23 and 28-31 December, 4, 6 and 7 January.
    today = D(2026, 12, 18)
    assert coverage.projected_finish(10, 1.0, today, calendar.WorkCalendar()) == D(2027, 1, 1)
    assert coverage.projected_finish(10, 1.0, today, batam) == D(2027, 1, 7)
    assert coverage.projected_finish(10, 1.0, today) == D(2026, 12, 28), "no calendar: calendar days"


def test_a_local_holiday_week_moves_the_date_a_week(tmp_path):
    path = tmp_path / "calendar.toml"
    week = [f'["2026-10-{d:02d}", "Libur daerah"]' for d in range(5, 10)]
    path.write_text(f'[wilayah."99.71"]\nlibur = [{", ".join(week)}]\n')
    local = settings.work_calendar("99.71", path)
    national = settings.work_calendar("99.72", path)
    # 10 working days from Friday 2 October 2026 (no national day off in October): 5-16
    # October; with Monday 5 to Friday 9 off locally, one week later.
    today = D(2026, 10, 2)
    assert national.finish_date(today, 10) == D(2026, 10, 16)
    assert local.finish_date(today, 10) == D(2026, 10, 23)
    levels = coverage.update_coverage(counts_frame(backlog=10, updated_28d=20), D(2026, 10, 2), calendar=national).iloc[
        0
    ]
    # 20 households in the 28 days to 2 October: 20 working days (5 September-2 October, no day
    # off), so 1 a working day and 10 left: the 16th; the local week off makes it the 23rd.
    assert levels["pace_per_day"] == pytest.approx(1.0)
    assert levels["projected_finish"] == D(2026, 10, 16)
    assert coverage.update_coverage(counts_frame(10, 20), today, calendar=local).iloc[0]["projected_finish"] == D(
        2026, 10, 23
    )


def counts_frame(backlog: int, updated_28d: int):
    return pd.DataFrame(
        {
            "households_count": [100],
            "updated_count": [100 - backlog],
            "updated_7d_ago_count": [0],
            "updated_28d_count": [updated_28d],
            "members_count": [0],
            "padan_count": [0],
        }
    )


def test_working_saturdays_and_cancelled_days_off(tmp_path):
    path = tmp_path / "calendar.toml"
    path.write_text(
        '[nasional]\nbukan_libur = ["2026-12-24"]\n[wilayah."99.71"]\nsabtu_kerja = true\n'
        'libur = [["2026-12-31", "Tutup buku"]]\n'
    )
    six_days = settings.work_calendar("99.71", path)
    assert six_days.weekmask == calendar.MON_SAT
    assert six_days.is_working_day(D(2026, 12, 26)) and not six_days.is_working_day(D(2026, 12, 27))
    assert six_days.is_working_day(D(2026, 12, 24)), "cuti bersama cancelled"
    assert not six_days.is_working_day(D(2026, 12, 31)) and not six_days.is_working_day(D(2026, 12, 25))
    # Monday 21 to Saturday 26 December: 21, 22, 23, 24 and 26 (Christmas is off).
    assert six_days.working_days_between(D(2026, 12, 21), D(2026, 12, 26)) == 5
    assert settings.work_calendar(None, tmp_path / "none.toml").weekmask == calendar.MON_FRI


@pytest.mark.parametrize(
    "text, message",
    [
        (
            '[nasional]\ntambahan = [["2026-13-01", "x"]]\n',
            r"\[nasional\].tambahan entry 1: '2026-13-01' is not a date",
        ),
        ('[nasional]\ntambahan = ["2026-12-01"]\n', r"\[nasional\].tambahan entry 1: expected \[date, name\]"),
        ('[wilayah."99.71"]\nsabtu_kerja = "ya"\n', r'\[wilayah."99.71"\].sabtu_kerja must be true or false'),
    ],
)
def test_bad_settings_name_the_file_table_and_entry(tmp_path, text, message):
    path = tmp_path / "calendar.toml"
    path.write_text(text)
    with pytest.raises(ValueError, match=message) as caught:
        settings.work_calendar("99.71", path)
    assert str(path) in str(caught.value)


def test_last_finish():
    d1, d2 = D(2026, 3, 2), D(2026, 4, 1)
    assert calendar.last_finish([d1, d2, None], [5, 3, 0])[0] == d2, "no backlog: done whatever the date"
    finish, never = calendar.last_finish([d1, None, d2], [5, 3, 1])
    assert finish is None and never.tolist() == [False, True, False]
    assert calendar.last_finish([], [])[0] is None
