"""The overview page (the agency head's) on the seed warehouse under AppTest."""

import datetime as dt
import json
import re
from pathlib import Path

import duckdb
import pytest
from streamlit.testing.v1 import AppTest

import queries
from reports import coverage as coverage_report
from tests.folium_maps import map_scripts
from tests.seed import build_seed, seed_db  # noqa: F401
from warehouse import __main__ as cli

APP = str(Path(__file__).resolve().parent.parent / "app.py")


def app(db, monkeypatch, lang="en", params=None) -> AppTest:
    monkeypatch.setenv("PETA_KESOS_DB", str(db))
    at = AppTest.from_file(APP, default_timeout=120)
    at.session_state["lang"] = lang
    for key, value in (params or {}).items():
        at.query_params[key] = value
    return at.run()


def map_features(at: AppTest) -> list[list[dict]]:
    """The GeoJSON feature properties of every map on the page, map by map."""
    maps = []
    for script in map_scripts(at):
        start = script.index('{"features"')
        geojson, _ = json.JSONDecoder().raw_decode(script[start:])
        maps.append([f["properties"] for f in geojson["features"]])
    return maps


def legend(at: AppTest, index: int = 0) -> str:
    script = map_scripts(at)[index]
    return json.loads('"' + re.search(r'innerHTML = "(.*?)";', script).group(1) + '"')


@pytest.mark.parametrize("lang", ["id", "en"])
def test_overview_renders(seed_db, monkeypatch, lang):
    at = app(seed_db, monkeypatch, lang)
    assert not at.exception, [e.value for e in at.exception]
    assert len(at.get("plotly_chart")) == 3, "progress, padan progress, funnel"
    # CSV, Excel, the weekly brief, the masked findings (the test user has every permission).
    assert len(at.get("download_button")) == 4


def test_map_has_one_feature_per_kelurahan_with_its_values(seed_db, monkeypatch):
    at = app(seed_db, monkeypatch)
    (features,) = map_features(at)
    by_kode = {p["kode"]: p for p in features}
    # Delta has no polygon: listed in a caption, not drawn.
    assert sorted(by_kode) == ["99.71.01.1001", "99.71.01.1002", "99.71.01.2003"]
    assert by_kode["99.71.01.1001"]["coverage_rate"] == "50.0 %"
    assert by_kode["99.71.01.1002"]["coverage_rate"] == "28.6 %"
    assert by_kode["99.71.01.1002"]["backlog_count"] == "5"
    # One update in the 18 working days of the window, 5 left: 90 working days (calendar.toml).
    assert by_kode["99.71.01.1002"]["projected_finish"] == "2026-07-22"
    assert by_kode["99.71.01.2003"]["coverage_rate"] == "–"
    assert by_kode["99.71.01.2003"]["_fill"] == "#c4c4c4", "no households: no-data grey"
    # Terciles of Delta 0 (classed, though it has no polygon to draw), Beta 28.6 and Alpha
    # 50.0: 0 + 2/3 * 28.57 = 19.0 and 28.57 + 1/3 * 21.43 = 35.7; Gamma is no data.
    html = legend(at)
    assert "Coverage (%)" in html
    rows = re.findall(r"<span>([^<]*)</span><span[^>]*>(\d+)</span>", html)
    assert rows == [("0.0 – 19.0", "1"), ("19.0 – 35.7", "1"), ("35.7 – 50.0", "1"), ("No data", "1")]


def test_target_and_lagging_summary(seed_db, monkeypatch):
    at = app(seed_db, monkeypatch)
    # Straight line 2026-01-01..03-31: 58/89 on 2026-02-28. Alpha (50 %), Beta, Delta are behind.
    assert any("Target for today 65.2 %" in c.value and "3 of 4" in c.value for c in at.caption)
    # Below the city's 33.3 %: Beta (28.6 %) and Delta (0 %); a marker, not lagging by itself.
    assert any("2 kelurahan are below the city's coverage (33.3 %)" in c.value for c in at.caption)
    ranked = at.dataframe[0].value
    assert ranked.iloc[:, 0].tolist() == ["Beta", "Alpha", "Delta"], "largest backlog first"


# AppTest formats a widget's new value outside the script run, where the language is the
# default one: tests that set a segmented control run in Bahasa Indonesia.
def test_members_unit(seed_db, monkeypatch):
    at = app(seed_db, monkeypatch, lang="id")
    at.button_group(key="overview_unit").set_value("members").run()
    assert not at.exception
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Anggota keluarga"] == "6"
    assert metrics["Cakupan pemutakhiran"] == "83,3 %"
    assert metrics["Sisa (anggota)"] == "1"


def test_quality_layer_from_the_url(seed_db, monkeypatch):
    at = app(seed_db, monkeypatch, lang="id", params={"layer": "quality"})
    assert not at.exception
    assert at.button_group(key="overview_layer").value == "quality"
    (features,) = map_features(at)
    by_kode = {p["kode"]: p["findings_count"] for p in features}
    # Alpha: h3, h4 without a head. Beta: h7-h10 without a head, and h6-h10 never visited
    # (h6's only visit comes after the data date).
    assert by_kode == {"99.71.01.1001": "2", "99.71.01.1002": "9", "99.71.01.2003": "0"}
    beta = next(p for p in features if p["kode"] == "99.71.01.1002")
    assert (beta["no_head_count"], beta["not_visited_count"], beta["nik_duplicate_count"]) == ("4", "5", "0")
    assert "Temuan kualitas (jumlah)" in legend(at)
    assert at.subheader[0].value.startswith("Temuan kualitas data per kelurahan")
    at.button_group(key="overview_layer").set_value("coverage").run()
    assert at.query_params["layer"] == "coverage"


def test_simulated_map_click_opens_the_profile(seed_db, monkeypatch):
    at = app(seed_db, monkeypatch)
    # What streamlit-folium copies into the session state when a feature is clicked.
    at.session_state["overview_map"] = {
        "last_active_drawing": {"properties": {"kode": "99.71.01.1002", "nama": "Beta"}}
    }
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    assert at.title[0].value == "Profile of Beta"
    assert at.query_params["kelurahan"] == "99.71.01.1002"
    assert at.query_params["wilayah"] == "99.71" and at.query_params["siklus"] == "S1"
    at.switch_page("app_pages/overview.py").run()
    assert at.title[0].value == "DTKS update overview", "the click is used once"
    # A second click opens the other profile, not the one seen before.
    at.session_state["overview_map"] = {"last_active_drawing": {"properties": {"kode": "99.71.01.1001"}}}
    at.run()
    assert at.title[0].value == "Profile of Alpha"


def test_split_view_uses_the_same_breaks(seed_db, monkeypatch):
    at = app(seed_db, monkeypatch)
    at.toggle(key="overview_compare").set_value(True).run()
    assert not at.exception
    maps = map_features(at)
    assert len(maps) == 3
    before = {p["kode"]: p["coverage_rate"] for p in maps[1]}
    after = {p["kode"]: p["coverage_rate"] for p in maps[2]}
    # 2026-01-31: Alpha h1 (1 of 4), Beta h5 (1 of 7).
    assert before["99.71.01.1001"] == "25.0 %" and after["99.71.01.1001"] == "50.0 %"
    breaks = lambda html: re.findall(r"<span>([^<]*–[^<]*)</span>", html)  # noqa: E731
    assert breaks(legend(at, 1)) == breaks(legend(at, 2)) != []
    # A second date other than the data date: 2026-02-21, Alpha had h1 and h2 (2 of 4).
    at.date_input(key="overview_compare_date_second").set_value(dt.date(2026, 2, 21)).run()
    assert not at.exception
    after = {p["kode"]: p["coverage_rate"] for p in map_features(at)[2]}
    assert after["99.71.01.1001"] == "50.0 %" and after["99.71.01.1002"] == "16.7 %"
    assert "**As of 2026-02-21**" in [m.value for m in at.markdown]


def test_download_is_the_cli_file(seed_db, monkeypatch, tmp_path):
    # The button is deferred (made on click, after the role is checked again and the download
    # is logged): its bytes are those of ui.coverage.export_files, i.e. reports.coverage.build
    # written by coverage_file, the same two calls the CLI makes.
    at = app(seed_db, monkeypatch, lang="id")
    assert [b.proto.label for b in at.get("download_button")][:3] == [
        "Unduh tabel (CSV)",
        "Unduh tabel (Excel)",
        "Unduh ringkasan mingguan (PDF)",
    ]
    assert at.get("download_button")[0].proto.HasField("deferred_file_id")
    out = tmp_path / "c.csv"
    assert cli.main(["export", "coverage", "--db", str(seed_db), "--out", str(out)]) == 0
    con = duckdb.connect(str(seed_db), read_only=True)
    try:
        page_file = coverage_report.coverage_file(
            *coverage_report.build(con, "99.71", "S1", "households", "id"), "csv", "id"
        )
    finally:
        con.close()
    assert page_file == out.read_bytes()


def test_region_without_boundaries_still_shows_the_figures(tmp_path, monkeypatch):
    path = tmp_path / "no_shapes.duckdb"
    build_seed(path)
    con = duckdb.connect(str(path))
    con.execute(queries.load("tests/overview_page/no_shapes"))
    con.close()
    at = app(path, monkeypatch)
    assert not at.exception, [e.value for e in at.exception]
    assert map_features(at) == []
    assert "no kelurahan boundaries" in at.info[0].value
    assert {m.label: m.value for m in at.metric}["Update coverage"] == "33.3 %"


def test_headline_figures_with_the_change_since_last_week(seed_db, monkeypatch):
    at = app(seed_db, monkeypatch)
    metrics = {m.label: (m.value, m.delta) for m in at.metric}
    # Paces and finishes count working days (config/calendar.toml, the holidays package): both
    # 28-day windows hold 18 working days (no weekends, 16-17 Feb Imlek off). 2026-02-21: 3 of
    # 11 households (h11's move was not known yet), pace 1/18 a day, 8 left (144 working days:
    # 2026-10-01). Now: 4 of 12, pace 2/18, 8 left (72 working days past Nyepi and Idul Fitri:
    # 2026-06-26).
    assert metrics["Active households"] == ("12", "+1 verified in 7 days")
    assert metrics["Update coverage"] == ("33.3 %", "+6.1 % points (7 days)")
    assert metrics["Backlog (households)"] == ("8", "+0 in 7 days")
    assert metrics["Pace (households/day, 28 days)"] == ("0.1", "+0.1 in 7 days")
    assert metrics["Projected finish"] == ("2026-06-26", "-97 days against 7 days ago")
    # a1, a3, a4 padan of the five active members; the status has no date: no change shown.
    assert metrics["NIK matched with Dukcapil"] == ("60.0 %", "")


def test_picking_a_kelurahan_from_the_list_opens_its_profile(seed_db, monkeypatch):
    at = app(seed_db, monkeypatch)
    at.selectbox(key="overview_open").set_value("99.71.01.2004").run()
    assert not at.exception, [e.value for e in at.exception]
    assert at.title[0].value == "Profile of Delta"
    assert at.query_params["kelurahan"] == "99.71.01.2004" and at.query_params["layer"] == "coverage"
    # Back on the overview, the pick does not open the profile again.
    at.switch_page("app_pages/overview.py").run()
    assert at.title[0].value == "DTKS update overview"
    assert at.selectbox(key="overview_open").value is None


def test_query_parameters_restore_cycle_and_layer(seed_db, monkeypatch):
    at = app(seed_db, monkeypatch, params={"wilayah": "99.71", "siklus": "S0", "layer": "quality"})
    assert not at.exception, [e.value for e in at.exception]
    assert at.selectbox(key="pick_siklus").value == "S0"
    assert at.button_group(key="overview_layer").value == "quality"
    assert at.caption[0].value.startswith("Verivali coverage of cycle S0")
    # Cycle S0 ended on 2025-12-31: only h4 had a result in it, 1 of the 11 active households.
    assert {m.label: m.value for m in at.metric}["Update coverage"] == "9.1 %"
    (features,) = map_features(at)
    assert {p["kode"]: p["findings_count"] for p in features}["99.71.01.1002"] == "9"
    # A click on the map carries the view over to the profile.
    at.session_state["overview_map"] = {"last_active_drawing": {"properties": {"kode": "99.71.01.1001"}}}
    at.run()
    assert at.title[0].value == "Profile of Alpha"
    assert dict(at.query_params) == {
        "wilayah": "99.71",
        "siklus": "S0",
        "kelurahan": "99.71.01.1001",
        "layer": "quality",
        "lang": "en",
    }


@pytest.mark.parametrize(
    ("lang", "never", "city"),
    [
        (
            "en",
            "never, because 1 kelurahan have a backlog and no progress in 28 days (pace zero): Delta.",
            "anywhere: 2026-06-26.",
        ),
        (
            "id",
            "tidak pernah, karena 1 kelurahan punya sisa tanpa kemajuan dalam 28 hari (laju nol): Delta.",
            "mana saja: 26/06/2026.",
        ),
    ],
)
def test_region_finish_is_its_last_kelurahan(seed_db, monkeypatch, lang, never, city):
    at = app(seed_db, monkeypatch, lang)
    # Delta has 2 households left and no update in the window: pace zero, so the region never
    # finishes with today's postings, whatever the city pace (8 left at 2 per 18 working days).
    assert any(m.value.endswith(never) for m in at.markdown)
    assert any(city in c.value for c in at.caption)
    defined = "Update coverage = households" if lang == "en" else "Cakupan pemutakhiran = keluarga"
    assert any(c.value.startswith(defined) for c in at.caption), "the headline says how it is defined"
