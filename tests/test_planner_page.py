"""The planner page on the seed warehouse: one enumerator (p1, working in Beta, one household
a day) and three kelurahan with a backlog (Alpha 2, Beta 5, Delta 1); data date Saturday
2026-02-28, so work starts Monday 2026-03-02."""

import datetime as dt
import json
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from tests.folium_maps import map_scripts
from tests.seed import seed_db  # noqa: F401

ROOT = Path(__file__).resolve().parent.parent


def planner_on(db, monkeypatch, lang) -> AppTest:
    monkeypatch.setenv("PETA_KESOS_DB", str(db))
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    at.session_state["lang"] = lang
    # Straight to the page, as a link to it opens (AppTest finds a page by its file name before the first run).
    at.switch_page("app_pages/planner.py").run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def metrics(at: AppTest) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


def map_features(at: AppTest) -> list[int]:
    scripts = map_scripts(at)
    assert all("pk-legend" in s for s in scripts)
    return [s.count('"type": "Feature"') for s in scripts]


@pytest.mark.parametrize(
    ("lang", "error", "finish", "rolling"),
    [
        ("id", "membutuhkan 3 petugas", "Selesai dengan usulan", "Selesai dengan rencana bergulir"),
        ("en", "The minimums need 3 enumerators", "Finish with the proposal", "Finish with the rolling plan"),
    ],
)
def test_too_few_enumerators_then_a_plan(seed_db, monkeypatch, lang, error, finish, rolling):
    at = planner_on(seed_db, monkeypatch, lang)
    # Today's one enumerator cannot cover three kelurahan with a static plan: the page says so
    # and shows the rolling plan. p1 (1 a working day) does Beta 5, Alpha 2, Delta 1 from
    # Monday 2026-03-02: 8 working days, Wednesday 2026-03-11, the lower bound 8 / 1 itself.
    assert error in at.info[0].value and not at.error
    assert at.number_input(key="planner_total").value == 1
    expected = "11/03/2026" if lang == "id" else "2026-03-11"
    assert metrics(at)[rolling] == expected
    lower = next(m for m in at.metric if m.label in ("Batas bawah", "Lower bound"))
    assert lower.value == expected and lower.delta in ("0,0 % di atas batas bawah", "0.0 % above the lower bound")
    postings = at.dataframe[1].value
    assert postings.iloc[:, 3].tolist() == ["Beta", "Alpha", "Delta"]
    assert at.get("download_button")[0].key == "planner_download_rolling"
    names = "Alpha, Delta" if lang == "en" else "Alpha, Delta."
    assert any(names in c.value for c in at.caption), "nobody in Alpha and Delta today: never"
    at.number_input(key="planner_total").set_value(4).run()
    assert not at.exception and not at.error
    # One each, the fourth to Beta: 5 / 2 = 2.5 working days -> Wednesday 2026-03-04.
    expected = "04/03/2026" if lang == "id" else "2026-03-04"
    assert metrics(at)[finish] == expected
    assert map_features(at) == [3, 3], "two maps, Delta has no polygon"
    assert len(at.dataframe[0].value) == 4
    assert at.get("download_button")[0].key == "planner_download"


def test_what_ifs_change_the_answers(seed_db, monkeypatch):
    at = planner_on(seed_db, monkeypatch, "en")
    at.number_input(key="planner_total").set_value(4).run()
    at.date_input(key="planner_target").set_value(dt.date(2026, 3, 6)).run()
    # Five working days: one enumerator each is enough for 2, 5 and 1 households.
    assert metrics(at)["Enumerators to finish by 2026-03-06"] == "3"
    at.slider(key="planner_change").set_value(-20).run()
    assert not at.exception
    # 0.8 a day: Beta with 2 needs 3.125 days -> Thursday; by Friday Beta needs 2.
    assert metrics(at)["Finish with the proposal"] == "2026-03-05"
    assert metrics(at)["Enumerators to finish by 2026-03-06"] == "4"
    # Today's postings: p1 alone in Beta, 5 / 0.8 = 6.25 -> 7 working days; the rest never.
    chart = json.loads(at.get("plotly_chart")[0].proto.spec)
    assert chart["data"][1]["x"] == ["2026-03-10", None, None]


def test_a_cap_leaves_an_enumerator_in_reserve(seed_db, monkeypatch):
    at = planner_on(seed_db, monkeypatch, "en")
    at.number_input(key="planner_total").set_value(4).run()
    at.number_input(key="planner_cap").set_value(1).run()
    assert not at.exception
    # One per kelurahan: Beta takes 5 working days -> Friday 2026-03-06; one left over.
    assert metrics(at)["Finish with the proposal"] == "2026-03-06"
    assert metrics(at)["Enumerators in reserve"] == "1"
    at.number_input(key="planner_min").set_value(2).run()
    assert "The minimums need 6 enumerators" in at.error[0].value
    at.number_input(key="planner_total").set_value(6).run()
    assert "Kelurahan Alpha needs at least 2 enumerators, but the cap is 1." in at.error[0].value


def test_static_chosen_shows_why_it_cannot_be_planned(seed_db, monkeypatch):
    at = planner_on(seed_db, monkeypatch, "id")
    at.button_group(key="planner_kind").set_value("static").run()
    assert "membutuhkan 3 petugas" in at.error[0].value


def test_a_closed_cycle_is_refused(seed_db, monkeypatch):
    monkeypatch.setenv("PETA_KESOS_DB", str(seed_db))
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    at.session_state["lang"] = "en"
    at.query_params["siklus"] = "S0"
    # Straight to the page, as a link to it opens (AppTest finds a page by its file name before the first run).
    at.switch_page("app_pages/planner.py").run()
    assert not at.exception, [e.value for e in at.exception]
    assert at.error[0].value == (
        "Cycle S0 ended on 2025-12-31, before the data date 2026-02-28: there is nothing left to plan. "
        "Pick a cycle that is still running."
    )
    assert not at.metric
