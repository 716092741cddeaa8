"""A link reopens the view (issue 18.4): every page opened in a new session with the query
parameters of a view shows that view, a changed widget is written back to the URL, and hostile
values (unknown codes, markup, huge numbers, broken dates, a kelurahan outside the user's
scope) fall back silently to the default."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from domain import roles
from tests.folium_maps import map_scripts
from tests.seed import seed_db  # noqa: F401
from tests.seed_pmks import pmks_db  # noqa: F401
from tests.seed_six_t import six_t_db  # noqa: F401
from ui import auth, pmks

ROOT = Path(__file__).resolve().parent.parent
APP = str(ROOT / "app.py")
HOSTILE = ("<script>alert(1)</script>", "9" * 40, "-1", "", "2026-13-45", "x" * 200, "semua'--")


def open_link(db, monkeypatch, page: str | None, params: dict, scope=None) -> AppTest:
    """A new session opening ``page`` with ``params`` in its URL (no language in the session:
    the URL's, or the default)."""
    monkeypatch.setenv("PETA_KESOS_DB", str(db))
    at = AppTest.from_file(APP, default_timeout=120)
    at.session_state[auth.PRESET_KEY] = auth.Session("test", "test", frozenset(roles.PERMISSIONS), scope)
    if page is not None:
        at.switch_page(page)
    for key, value in params.items():
        at.query_params[key] = value
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def metrics(at: AppTest) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


# --- the helpers on hostile input -------------------------------------------------------------


def _widgets_script():
    import datetime as dt

    import streamlit as st

    from ui import url

    st.session_state["picked"] = {
        "choice": url.selectbox("c", ["a", "b", None], param="c", key="c", default="b"),
        "many": url.multiselect("m", ["x", "y", "z"], param="m", key="m"),
        "number": url.number("n", param="n", key="n", default=7, min_value=0, max_value=100),
        "day": url.date_input("d", param="d", key="d", default=dt.date(2026, 3, 1), max_value=dt.date(2026, 3, 31)),
        "span": url.date_range(
            "s", param="s", key="s", default=(dt.date(2026, 1, 1), dt.date(2026, 1, 31)), max_value=dt.date(2026, 3, 31)
        ),
        "on": url.toggle("t", param="t", key="t"),
        "seg": url.segmented("g", ["p", "q"], param="g", key="g", default="p"),
    }


DEFAULTS = {
    "choice": "b",
    "many": [],
    "number": 7,
    "day": dt.date(2026, 3, 1),
    "span": (dt.date(2026, 1, 1), dt.date(2026, 1, 31)),
    "on": False,
    "seg": "p",
}


def widgets(query: dict) -> AppTest:
    at = AppTest.from_function(_widgets_script, default_timeout=30)
    for key, value in query.items():
        at.query_params[key] = value
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def test_the_widgets_open_on_the_urls_values_and_write_them_back():
    link = {"c": "semua", "m": ["z", "x", "z"], "n": "42", "d": "2026-03-15", "s": ["2026-02-01", "2026-02-10"]}
    at = widgets(link | {"t": "1", "g": "q"})
    assert at.session_state["picked"] == {
        "choice": None,
        "many": ["z", "x"],
        "number": 42,
        "day": dt.date(2026, 3, 15),
        "span": (dt.date(2026, 2, 1), dt.date(2026, 2, 10)),
        "on": True,
        "seg": "q",
    }
    at.number_input(key="n").set_value(43).run()
    at.selectbox(key="c").set_value("a").run()
    at.multiselect(key="m").set_value([]).run()
    assert at.query_params["n"] == "43" and at.query_params["c"] == "a"
    assert "m" not in at.query_params, "an empty pick leaves no parameter"


@pytest.mark.parametrize("value", HOSTILE)
def test_hostile_values_fall_back_to_the_defaults_without_a_word(value):
    at = widgets({k: value for k in ("c", "m", "n", "d", "t", "g")} | {"s": [value, value]})
    assert at.session_state["picked"] == DEFAULTS
    assert not at.error and not at.warning and not at.exception
    # The URL now says what is shown, not what was typed.
    assert at.query_params["c"] == "b" and at.query_params["n"] == "7" and at.query_params["d"] == "2026-03-01"
    assert at.query_params["s"] == ["2026-01-01", "2026-01-31"] and "m" not in at.query_params


def test_a_number_out_of_range_and_a_span_backwards_fall_back():
    at = widgets({"n": "101", "s": ["2026-02-10", "2026-02-01"], "d": "2026-04-01"})
    assert at.session_state["picked"] == DEFAULTS


# --- every page ------------------------------------------------------------------------------


def test_the_language_comes_from_the_link(seed_db, monkeypatch):
    at = open_link(seed_db, monkeypatch, None, {"lang": "en"})
    assert at.title[0].value == "DTKS update overview"
    assert at.radio(key="lang").value == "en"
    at = open_link(seed_db, monkeypatch, None, {"lang": "<b>fr</b>"})
    assert at.title[0].value != "DTKS update overview", "an unknown language opens in Bahasa Indonesia"
    assert at.query_params["lang"] == "id"


def test_the_overview_reopens_with_unit_layer_scheme_and_comparison(seed_db, monkeypatch):
    link = {
        "lang": "en",
        "wilayah": "99.71",
        "siklus": "S1",
        "unit": "members",
        "layer": "quality",
        "scheme": "equal_interval",
        "compare": "1",
        "compare_from": "2026-02-20",
    }
    at = open_link(seed_db, monkeypatch, None, link)
    assert at.button_group(key="overview_unit").value == "members"
    assert at.button_group(key="overview_layer").value == "quality"
    assert at.button_group(key="overview_scheme").value == "equal_interval"
    assert at.toggle(key="overview_compare").value is True
    assert at.date_input(key="overview_compare_date").value == dt.date(2026, 2, 20)
    assert "Backlog (members)" in metrics(at)
    assert "Data-quality findings per kelurahan (records)" in [s.value for s in at.subheader]
    assert len(map_scripts(at)) == 3, "the map and the two comparison maps"
    at.button_group(key="overview_scheme").set_value("natural_breaks").run()
    assert at.query_params["scheme"] == "natural_breaks" and at.query_params["unit"] == "members"


def test_the_kelurahan_profile_reopens_only_inside_the_users_scope(seed_db, monkeypatch):
    page = "app_pages/kelurahan.py"
    at = open_link(seed_db, monkeypatch, page, {"lang": "en", "kelurahan": "99.71.01.1002"})
    assert at.title[0].value == "Profile of Beta"
    scope = ("99.71.01.1001", "99.71.01.2003")
    at = open_link(seed_db, monkeypatch, page, {"lang": "en", "kelurahan": "99.71.01.1002"}, scope=scope)
    assert at.title[0].value == "Profile of Alpha", "a code outside the scope is not honoured"
    assert at.query_params["kelurahan"] == "99.71.01.1001"
    at = open_link(seed_db, monkeypatch, page, {"lang": "en", "kelurahan": "99.71.01.2003"}, scope=scope)
    assert at.selectbox(key="pick_kelurahan").value == "99.71.01.2003"


def test_the_planner_reopens_the_scenario(seed_db, monkeypatch):
    link = {"lang": "en", "petugas": "4", "perubahan": "10", "min": "1", "tetap": "0", "jenis": "static"}
    at = open_link(seed_db, monkeypatch, "app_pages/planner.py", link)
    assert at.number_input(key="planner_total").value == 4
    assert at.slider(key="planner_change").value == 10
    assert at.number_input(key="planner_min").value == 1
    assert at.button_group(key="planner_kind").value == "static"
    assert "Finish with the proposal" in metrics(at)
    at.number_input(key="planner_total").set_value(5).run()
    assert at.query_params["petugas"] == "5" and at.query_params["jenis"] == "static"
    hostile = open_link(seed_db, monkeypatch, "app_pages/planner.py", {"petugas": "9" * 12, "jenis": "<i>"})
    assert hostile.number_input(key="planner_total").value == 1, "today's enumerators"
    assert hostile.button_group(key="planner_kind").value is None


def test_the_six_t_page_reopens_programme_tahap_channel_and_indicator(six_t_db, monkeypatch):
    link = {
        "lang": "en",
        "program": "PKH",
        "tahap": "2025-T4",
        "kanal": "bank",
        "indikator": "waktu",
        "tingkat": "kecamatan",
        "gagal": "waktu",
    }
    at = open_link(six_t_db, monkeypatch, "app_pages/six_t.py", link)
    assert at.selectbox(key="six_t_program").value == "PKH"
    assert at.selectbox(key="six_t_tahap").value == "2025-T4"
    assert at.selectbox(key="six_t_kanal").value == "bank"
    assert at.button_group(key="six_t_measure").value == "waktu"
    assert at.button_group(key="six_t_level").value == "kecamatan"
    assert at.selectbox(key="six_t_drill_t").value == "waktu"
    assert map_scripts(at), "the indicator map is drawn"
    at.button_group(key="six_t_measure").set_value("jumlah").run()
    assert at.query_params["indikator"] == "jumlah" and at.query_params["tahap"] == "2025-T4"
    hostile = open_link(six_t_db, monkeypatch, "app_pages/six_t.py", {"program": "<b>", "tahap": "9" * 60})
    assert hostile.selectbox(key="six_t_program").value == "BPNT", "the first programme"


def test_the_pmks_page_reopens_filters_measure_and_trc_target(pmks_db, monkeypatch):
    # In Bahasa Indonesia: AppTest sends a multiselect's pick as the label of the page's
    # format_func called outside the session, i.e. in the default language.
    link = {
        "lang": "id",
        "kategori": "odgj",
        "periode": ["2026-01-01", "2026-01-31"],
        "ukuran": "cases_per_km2",
        "target": "30",
        "tim": "12",
        "bandwidth": "1500",
        "hotspot": "moran",
    }
    at = open_link(pmks_db, monkeypatch, "app_pages/pmks.py", link)
    assert at.multiselect(key="pmks_kategori").value == ["odgj"]
    assert at.date_input(key="pmks_period").value == (dt.date(2026, 1, 1), dt.date(2026, 1, 31))
    assert at.button_group(key="pmks_measure").value == "cases_per_km2"
    assert at.number_input(key="pmks_target").value == 30
    assert at.number_input(key="pmks_team").value == 12
    assert at.select_slider(key="pmks_bandwidth").value == 1500
    assert at.button_group(key="pmks_hotspot_view").value == "moran"
    assert "Tiba dalam 30 menit" in metrics(at)
    at.number_input(key="pmks_target").set_value(45).run()
    assert at.query_params["target"] == "45" and at.query_params["kategori"] == "odgj"
    hostile = open_link(pmks_db, monkeypatch, "app_pages/pmks.py", {"kategori": "<svg>", "target": "99999"})
    assert hostile.multiselect(key="pmks_kategori").value == []
    assert hostile.number_input(key="pmks_target").value == int(pmks.DEFAULT_TARGET_MINUTES)
    assert (
        hostile.query_params["target"] == str(int(pmks.DEFAULT_TARGET_MINUTES))
        and "kategori" not in hostile.query_params
    )
