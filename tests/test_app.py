"""Every page runs under AppTest without exception, in both languages, on the seed warehouse.
The demo warehouse's pages are tested in test_app_demo.py."""

import re
import shutil
from pathlib import Path

import duckdb
import pytest
from streamlit.testing.v1 import AppTest

import queries
from tests import folium_maps
from tests.seed import seed_db  # noqa: F401

ROOT = Path(__file__).resolve().parent.parent
APP = str(ROOT / "app.py")
PAGES = sorted(f"app_pages/{p.name}" for p in (ROOT / "app_pages").glob("*.py"))


def app_on(db, monkeypatch, lang="id", page: str | None = None) -> AppTest:
    """The app run once: on the landing page, or with ``page`` on that page (as a link to it
    opens: AppTest finds a page by its file name before the first run)."""
    monkeypatch.setenv("PETA_KESOS_DB", str(db))
    at = AppTest.from_file(APP, default_timeout=120)
    at.session_state["lang"] = lang
    if page is not None:
        at.switch_page(page)
    return at.run()


def map_args(at: AppTest) -> dict:
    """The arguments streamlit-folium's component got: the Leaflet script and the links."""
    components = folium_maps.map_args(at)
    assert len(components) == 1
    return components[0]


def test_pages_found():
    assert PAGES == [
        "app_pages/admin.py",
        "app_pages/eksklusi.py",
        "app_pages/kelurahan.py",
        "app_pages/overview.py",
        "app_pages/pendataan.py",
        "app_pages/planner.py",
        "app_pages/pmks.py",
        "app_pages/register.py",
        "app_pages/six_t.py",
        "app_pages/users.py",
    ]


@pytest.mark.parametrize("lang", ["id", "en"])
@pytest.mark.parametrize("page", PAGES)
def test_page_runs(seed_db, monkeypatch, page, lang):
    at = app_on(seed_db, monkeypatch, lang, page)
    assert not at.exception, [e.value for e in at.exception]
    assert len(at.title) >= 1


def test_overview_figures_on_seed(seed_db, monkeypatch):
    at = app_on(seed_db, monkeypatch, "en")
    assert not at.exception
    metrics = {m.label: m.value for m in at.metric}
    # 12 households in the frame, 4 updated, 8 left, 2 updated in the last 28 days.
    assert metrics["Active households"] == "12"
    assert metrics["Update coverage"] == "33.3 %"
    assert metrics["Backlog (households)"] == "8"
    assert metrics["Pace (households/day, 28 days)"] == "0.1"
    # 2 in the window's 18 working days (config/calendar.toml): 8 left take 72 working days.
    assert metrics["Projected finish"] == "2026-06-26"
    assert metrics["NIK matched with Dukcapil"] == "60.0 %"
    args = map_args(at)
    assert args["script"].count('"type": "Feature"') == 3
    assert all(link.startswith("/app/static/vendor/") for link in args["js_links"] + args["css_links"])
    assert "pk-legend" in args["script"]
    assert any("Delta" in c.value for c in at.caption), "units without a polygon are listed"


def test_overview_in_indonesian(seed_db, monkeypatch):
    at = app_on(seed_db, monkeypatch, "id")
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Cakupan pemutakhiran"] == "33,3 %"
    assert metrics["Perkiraan selesai"] == "26/06/2026", "72 working days, as in English"


def test_language_switch(seed_db, monkeypatch):
    at = app_on(seed_db, monkeypatch, "id")
    assert at.title[0].value == "Ringkasan pemutakhiran DTKS"
    at.sidebar.radio(key="lang").set_value("en").run()
    assert at.title[0].value == "DTKS update overview"


def test_region_and_cycle_in_the_url(seed_db, monkeypatch):
    at = app_on(seed_db, monkeypatch)
    assert at.query_params["wilayah"] == "99.71"
    assert at.query_params["siklus"] == "S1"


def test_cycle_from_the_url(seed_db, monkeypatch):
    monkeypatch.setenv("PETA_KESOS_DB", str(seed_db))
    at = AppTest.from_file(APP, default_timeout=120)
    at.query_params["siklus"] = "S0"
    at.run()
    assert at.sidebar.selectbox(key="pick_siklus").value == "S0"
    assert re.search(r"S0", at.caption[0].value)


def test_missing_warehouse_says_how_to_build_it(tmp_path, monkeypatch):
    at = app_on(tmp_path / "none.duckdb", monkeypatch, "en")
    assert not at.exception
    assert "There is no warehouse" in at.error[0].value
    assert "python -m warehouse demo" in at.info[0].value


def test_a_region_without_verivali_still_opens(seed_db, tmp_path, monkeypatch):
    # A new agency loads its boundaries first: the coverage pages say what is missing and
    # the import page stays reachable.
    path = tmp_path / "no_cycle.duckdb"
    shutil.copy(seed_db, path)
    with duckdb.connect(str(path)) as con:
        con.execute(queries.load("tests/app/no_verivali"))
        con.execute(queries.load("tests/app/no_cycles"))
    at = app_on(path, monkeypatch, "en")
    assert not at.exception
    assert "holds no verivali cycle yet" in at.info[0].value
    assert "The warehouse holds no verivali cycle yet." in [c.value for c in at.sidebar.caption]
    at.switch_page("app_pages/admin.py").run()
    assert not at.exception
    assert not at.info or "verivali" not in at.info[0].value


def test_the_import_page_opens_without_a_warehouse(tmp_path, monkeypatch):
    at = app_on(tmp_path / "none.duckdb", monkeypatch, "en")
    at.switch_page("app_pages/admin.py").run()
    assert not at.exception, [e.value for e in at.exception]
    assert at.title[0].value == "Data import"
    assert not at.error
