"""Every level of the hierarchy (issue 14.3) on a small synthetic country (400 units, 4,000
households: 38 provinces of one kab/kota each, Kota Batam's real 64 kelurahan inside Kepulauan
Riau): the sidebar's picker provinsi -> kab/kota -> kecamatan, the overview's map of the
region's children, a click that drills down, the breadcrumb that goes back up, the URL that
reopens a level, a scoped user's regions, every page at a provinsi and a kecamatan, and the
size of the map message."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from domain import roles
from tests.folium_maps import map_scripts
from ui import auth
from warehouse.demo import BATAM_FACTS

ROOT = Path(__file__).resolve().parent.parent
PAGES = sorted(f"app_pages/{p.name}" for p in (ROOT / "app_pages").glob("*.py"))
KEPRI, BATAM, LUBUK_BAJA = "21", "21.71", "21.71.06"
FACTS = pd.read_csv(BATAM_FACTS, dtype=str)
LUBUK_BAJA_UNITS = sorted(FACTS.loc[FACTS["kode_kecamatan"] == LUBUK_BAJA, "kode"])
# streamlit-folium sends the map's Leaflet script; issue 14's budget for the largest map message.
MAP_BUDGET_BYTES = 1_000_000


@pytest.fixture(scope="module")
def country(small_country_db):
    """This run's small country (tests/conftest.py), shared with tests/test_demo_national.py."""
    return small_country_db


def open_app(country, monkeypatch, lang="id", scope=None, page=None, **params) -> AppTest:
    """The app run once on the landing page, or on ``page`` (as a link to it opens: AppTest
    finds a page by its file name before the first run), with ``params`` in its URL."""
    monkeypatch.setenv("PETA_KESOS_DB", str(country))
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=300)
    if scope is not None:
        at.session_state[auth.PRESET_KEY] = auth.Session("kepala", "kepala", roles.permissions("kepala"), scope)
    at.session_state["lang"] = lang
    for key, value in params.items():
        at.query_params[key] = value
    if page is not None:
        at.switch_page(page)
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def features(at: AppTest) -> list[str]:
    """The codes of the units on the overview's (first) map, in its order."""
    script = map_scripts(at)[0]
    return [part.split('"', 1)[0] for part in script.split('"kode": "')[1:]]


def picked(at: AppTest) -> dict[str, str | None]:
    return {s.key: s.value for s in at.sidebar.selectbox if s.key.startswith("pick_") and s.key != "pick_siklus"}


def click(at: AppTest, kode: str) -> None:
    at.session_state["overview_map"] = {"last_active_drawing": {"properties": {"kode": kode}}}
    at.run()
    assert not at.exception, [e.value for e in at.exception]


@pytest.mark.parametrize(
    ("lang", "title", "quality"),
    [
        ("id", "Cakupan pemutakhiran per kabupaten/kota", "Temuan kualitas data per kabupaten/kota (jumlah catatan)"),
        ("en", "Update coverage per regency/city", "Data-quality findings per regency/city (records)"),
    ],
)
def test_a_province_shows_its_kab_kota_and_the_url_reopens_it(country, monkeypatch, lang, title, quality):
    at = open_app(country, monkeypatch, lang, wilayah=KEPRI)
    assert picked(at) == {"pick_provinsi": KEPRI, "pick_wilayah": None}
    assert at.query_params["wilayah"] == KEPRI
    assert features(at) == [BATAM]
    assert title in [h.value for h in at.subheader]
    script = map_scripts(at)[0]
    assert "Kota Batam" in script
    assert len(script.encode()) < MAP_BUDGET_BYTES
    # The quality layer's findings of a kab/kota are its kelurahan's summed.
    at = open_app(country, monkeypatch, lang, wilayah=KEPRI, layer="quality")
    assert quality in [h.value for h in at.subheader]
    assert features(at) == [BATAM]


@pytest.mark.parametrize("lang", ["id", "en"])
def test_a_kab_kota_shows_its_kelurahan_as_before(country, monkeypatch, lang):
    at = open_app(country, monkeypatch, lang, wilayah=BATAM)
    assert picked(at) == {"pick_provinsi": KEPRI, "pick_wilayah": BATAM, "pick_kecamatan": None}
    assert features(at) == sorted(FACTS["kode"])
    assert len(map_scripts(at)[0].encode()) < MAP_BUDGET_BYTES


@pytest.mark.parametrize("lang", ["id", "en"])
def test_a_kecamatan_shows_its_kelurahan(country, monkeypatch, lang):
    at = open_app(country, monkeypatch, lang, wilayah=LUBUK_BAJA)
    assert picked(at) == {"pick_provinsi": KEPRI, "pick_wilayah": BATAM, "pick_kecamatan": LUBUK_BAJA}
    assert features(at) == LUBUK_BAJA_UNITS
    # The lagging table and the figures total the kecamatan's units only.
    assert at.query_params["wilayah"] == LUBUK_BAJA


def test_the_default_is_the_largest_kab_kota_as_before(country, monkeypatch):
    at = open_app(country, monkeypatch)
    assert picked(at)["pick_wilayah"] == BATAM
    assert picked(at)["pick_kecamatan"] is None


def test_a_click_on_a_kab_kota_drills_down_and_the_breadcrumb_goes_back_up(country, monkeypatch):
    at = open_app(country, monkeypatch, "en", wilayah=KEPRI)
    click(at, BATAM)
    assert picked(at) == {"pick_provinsi": KEPRI, "pick_wilayah": BATAM, "pick_kecamatan": None}
    assert at.query_params["wilayah"] == BATAM
    assert len(features(at)) == 64
    # At the kab/kota the breadcrumb offers the province; at a kecamatan both.
    assert [b.key for b in at.button if b.key.startswith("crumb_")] == [f"crumb_{KEPRI}"]
    at.sidebar.selectbox(key="pick_kecamatan").set_value(LUBUK_BAJA).run()
    assert [b.key for b in at.button if b.key.startswith("crumb_")] == [f"crumb_{KEPRI}", f"crumb_{BATAM}"]
    assert [b.label for b in at.button if b.key.startswith("crumb_")] == ["Kepulauan Riau", "Kota Batam"]
    at.button(key=f"crumb_{BATAM}").click().run()
    assert picked(at) == {"pick_provinsi": KEPRI, "pick_wilayah": BATAM, "pick_kecamatan": None}
    assert at.query_params["wilayah"] == BATAM
    at.button(key=f"crumb_{KEPRI}").click().run()
    assert picked(at) == {"pick_provinsi": KEPRI, "pick_wilayah": None}
    assert features(at) == [BATAM]


def test_a_click_on_a_kelurahan_still_opens_its_profile(country, monkeypatch):
    at = open_app(country, monkeypatch, "en", wilayah=LUBUK_BAJA)
    click(at, LUBUK_BAJA_UNITS[0])
    assert at.query_params["kelurahan"] == LUBUK_BAJA_UNITS[0]


def test_changing_the_province_opens_it_whole(country, monkeypatch):
    at = open_app(country, monkeypatch, wilayah=LUBUK_BAJA)
    at.sidebar.selectbox(key="pick_provinsi").set_value("12").run()
    assert picked(at) == {"pick_provinsi": "12", "pick_wilayah": None}
    assert at.query_params["wilayah"] == "12"
    assert [k[:2] for k in features(at)] == ["12"]


def test_a_scoped_user_sees_only_the_regions_of_their_units(country, monkeypatch):
    # One kelurahan of Lubuk Baja and every unit of a synthetic kecamatan of Sumatera Utara.
    at = open_app(country, monkeypatch, scope=(LUBUK_BAJA_UNITS[0], "12.01.01.2001"), wilayah="31")
    provinsi = at.sidebar.selectbox(key="pick_provinsi")
    assert provinsi.options == ["Sumatera Utara", "Kepulauan Riau"]
    assert picked(at)["pick_provinsi"] in ("12", KEPRI)
    at.sidebar.selectbox(key="pick_provinsi").set_value(KEPRI).run()
    at.sidebar.selectbox(key="pick_wilayah").set_value(BATAM).run()
    assert at.sidebar.selectbox(key="pick_kecamatan").options == ["Seluruh kabupaten/kota", "Lubuk Baja"]
    # A link to a kecamatan outside the scope opens the default instead.
    other = open_app(country, monkeypatch, scope=(LUBUK_BAJA_UNITS[0],), wilayah="21.71.01")
    assert other.query_params["wilayah"] == BATAM
    assert "pick_provinsi" not in picked(other) and "pick_kecamatan" not in picked(other)
    assert other.sidebar.selectbox(key="pick_wilayah").options == ["Kota Batam"]


@pytest.mark.parametrize("wilayah", [KEPRI, LUBUK_BAJA])
def test_every_page_works_at_a_province_and_a_kecamatan(country, monkeypatch, wilayah):
    # The first page opened straight (the landing page, the overview, is one of PAGES).
    at = open_app(country, monkeypatch, wilayah=wilayah, page=PAGES[0])
    assert at.query_params["wilayah"] == wilayah, PAGES[0]
    for page in PAGES[1:]:
        at.switch_page(page).run()
        assert not at.exception, (page, [e.value for e in at.exception])
        assert at.query_params["wilayah"] == wilayah, page


def test_the_children_total_what_the_kelurahan_rows_total(country):
    # reports.coverage.children sums the analytics tables per kecamatan (and per kab/kota) in
    # SQL: the same figures as the kecamatan and region rows of queries/coverage_units.sql.
    import duckdb

    import queries
    from reports import coverage as coverage_report
    from warehouse.demo.common import REFERENCE_DATE
    from warehouse.demo.verivali import CURRENT_CYCLE

    siklus, day = CURRENT_CYCLE[0], REFERENCE_DATE.astype(object)
    with duckdb.connect(str(country), read_only=True) as con:
        rows = queries.run(con, "coverage_units", kode_region=BATAM, siklus=siklus, tanggal=day, scope_kelurahan=None)
        kecamatan = coverage_report.children(con, BATAM, "kecamatan", siklus, day)
        kota = coverage_report.children(con, KEPRI, "kabkota", siklus, day, unit="members")
        scoped = coverage_report.children(con, BATAM, "kecamatan", siklus, day, scope_kelurahan=tuple(LUBUK_BAJA_UNITS))
    expected = rows[rows["level"] == "kecamatan"].set_index("kode")
    got = kecamatan.set_index("kode")
    assert list(got.index) == list(expected.index) and len(got) == 12
    assert (got["frame_count"] == expected["households_count"]).all()
    assert (got["done_count"] == expected["updated_count"]).all()
    assert (got["backlog_count"] == expected["households_count"] - expected["updated_count"]).all()
    assert ((got["coverage_rate"] - expected["updated_count"] / expected["households_count"]).abs() < 1e-12).all()
    assert (got["units_count"] == FACTS.groupby("kode_kecamatan").size()).all()
    region = rows[rows["level"] == "region"].iloc[0]
    assert kota["kode"].tolist() == [BATAM]
    assert kota["frame_count"].iloc[0] == region["frame_members_count"]
    assert kota["done_count"].iloc[0] == region["updated_members_count"]
    # A scope keeps the kecamatan holding its units, with their figures only.
    assert scoped["kode"].tolist() == [LUBUK_BAJA]
    assert scoped["frame_count"].iloc[0] == expected.loc[LUBUK_BAJA, "households_count"]
    assert not kecamatan.geometry.is_empty.any() and kecamatan.crs == "EPSG:4326"


def test_the_map_shows_the_level_that_fits():
    from reports.coverage import MAX_MAP_UNITS, map_level

    assert map_level(KEPRI, 5_000) == "kabkota"
    assert map_level(BATAM, 64) == "kelurahan"
    assert map_level(BATAM, MAX_MAP_UNITS) == "kelurahan"
    assert map_level(BATAM, MAX_MAP_UNITS + 1) == "kecamatan"
    assert map_level(LUBUK_BAJA, 5_000) == "kelurahan"


def test_no_map_message_exceeds_1_mb_at_any_level(country, monkeypatch):
    # The largest region of each level (most units), and Batam's real polygons at each level.
    import duckdb

    import queries

    with duckdb.connect(str(country), read_only=True) as con:
        tree = queries.run(con, "regions_hierarchy", scope_kelurahan=None)
    largest = tree.sort_values(["units_count", "kode"], ascending=[False, True]).groupby("level")["kode"].first()
    regions = sorted({*largest, KEPRI, BATAM, "21.71.08"})
    sizes = {k: len(map_scripts(open_app(country, monkeypatch, wilayah=k))[0].encode()) for k in regions}
    assert max(sizes.values()) < MAP_BUDGET_BYTES, sizes
    # Batam's 64 official polygons are the largest message of this country.
    assert max(sizes, key=sizes.get) == BATAM
