"""The PMKS page (pages/pmks.py) under AppTest, in both languages: the figures shown on the PMKS
seed (tests/seed_pmks.py), the filters, the no-case and no-history messages, and that its maps
load every library from the app."""

import datetime as dt
import json
import re
from pathlib import Path

import branca
import geopandas as gpd
import pandas as pd
import pytest
import shapely
from streamlit.testing.v1 import AppTest

from analytics import hotspots, response
from domain import roles
from reports import hotspots as hotspots_report
from tests.folium_maps import map_args
from tests.seed import seed_db  # noqa: F401
from tests.seed_pmks import (  # noqa: F401
    HOSTILE_LINK,
    HOSTILE_NAME,
    case_plan,
    hostile_pmks_db,
    pmks_db,
    shelters_file,
    unit_code,
)
from tests.shown import displayed
from ui import assets, auth, maps
from warehouse import db

ROOT = Path(__file__).resolve().parent.parent
PAGE = "app_pages/pmks.py"


def page_on(db, monkeypatch, lang="en", shelters=None) -> AppTest:
    monkeypatch.setenv("PETA_KESOS_DB", str(db))
    if shelters is not None:
        monkeypatch.setenv(hotspots_report.SHELTERS_ENV, str(shelters))
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    # The module-scoped run below starts before conftest's signed_in_apps: sign in here too.
    at.session_state[auth.PRESET_KEY] = auth.Session("test", "test", frozenset(roles.PERMISSIONS))
    at.session_state["lang"] = lang
    # Straight to the page, as a link to it opens (AppTest finds a page by its file name before the first run).
    at.switch_page(PAGE).run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def metrics(at) -> dict:
    return {m.label: m.value for m in at.metric}


@pytest.fixture(scope="module")
def english(pmks_db, shelters_file):
    """One English page run on the PMKS seed with the default filters and the seed's shelters,
    shared by the read-only checks."""
    mp = pytest.MonkeyPatch()
    at = page_on(pmks_db, mp, "en", shelters_file)
    yield at
    mp.undo()


def test_figures_on_the_pmks_seed(english):
    m = metrics(english)
    assert m["Cases"] == "253"
    assert m["Kelurahan with cases"] == "111 of 145"
    assert m["Hot spots (Gi*)"] == "4"
    # Arrivals 10 + 10 (n mod 10) minutes, none for every 7th case. The response counts the
    # 40 call-center cases (n = 97..136) only: 6 without an arrival (n = 98, 105, ..., 133),
    # 34 arrivals with median 55 and 90th percentile 97 minutes. The 213 patrol finds (182
    # arrivals, median 50) are shown apart.
    assert m["Cases without an arrival time"] == "6"
    assert m["Median arrival time"] == "55 min"
    assert m["90th percentile arrival time"] == "97 min"
    assert m["Patrol finds (not a response)"] == "213"
    assert m["Median arrival time, patrol finds"] == "50 min"
    assert m["Discharged"] == "51"
    # Every 5th case stayed n mod 9 days from its January report: nobody is left on 28 February.
    assert m["In the shelter on 2026-02-28"] == "0"
    assert english.caption[0].value.startswith("PMKS cases in Kota Kisi reported 2026-01-01 to 2026-02-28")
    assert not [i.value for i in english.info], "no message with the default filters"


def test_maps_are_drawn_offline_with_legends(english):
    args = map_args(english)
    assert len(args) == 3, "density, hot spots, heat layer"
    for a in args:
        assert all(link.startswith("/app/static/vendor/") for link in a["js_links"] + a["css_links"])
        assert "pk-legend" in a["script"]
    density, hot, heat = (a["script"] for a in args)
    assert density.count('"type": "Feature"') == 145
    assert hot.count(maps.HOTSPOT_COLORS["hot_99"]) >= 4 or hot.count(maps.HOTSPOT_COLORS["hot_95"]) >= 4
    assert "Hot spot, 99 %" in hot and "Cold spot, 99 %" in hot and "Not significant" in hot
    assert "Kernel density (cases per km\\u00b2)" in heat or "Kernel density (cases per km²)" in heat


def test_hot_spot_table_and_download(english):
    element = next(df for df in english.dataframe if "Gi* z" in df.value.columns)
    hot_table = element.value
    assert len(hot_table) == 4
    # p of 999 permutations (0.001 at least) keeps three decimals on the page.
    drawn = displayed(element)["p (FDR)"]
    assert drawn.tolist() == [f"{p:.3f}" for p in hot_table["p (FDR)"]] and all(float(p) > 0 for p in drawn)
    assert set(hot_table["Hot-spot class"]) <= {"Hot spot, 99 %", "Hot spot, 95 %"}
    assert len(english.get("download_button")) == 2


def test_tables_of_categories_response_and_lifecycle(english):
    by_category = next(df.value for df in english.dataframe if "Share (%)" in df.value.columns)
    rows = by_category.set_index("Category")
    assert rows.loc["Street children", "Cases"] == 212
    assert rows.loc["People with mental disorders (ODGJ)", "Call center"] == 40
    assert rows.loc["Vagrants", "Patrol/raid"] == 1
    shifts = next(df.value for df in english.dataframe if "Cases per member per shift" in df.value.columns)
    # Every report is at 08:00: all in the morning shift, over 59 days, 26/3 members. The
    # times are the 40 reports'; the workload is every case the TRC reached, patrols included.
    assert shifts["Shift"].tolist() == ["Morning", "Afternoon", "Night"]
    assert shifts["Cases"].tolist() == [40, 0, 0]
    assert shifts["Median (minutes)"].tolist() == ["55", "too few (0 arrivals)", "too few (0 arrivals)"]
    assert shifts["Cases per member per shift"].iloc[0] == pytest.approx(round(216 / 59 / (26 / 3), 2))
    durations = next(df.value for df in english.dataframe if "Median time" in df.value.columns)
    stage = durations.set_index("Stage")
    assert stage.loc["Reported", "Median time"] == "2.0 h" and stage.loc["Secured", "Median time"] == "24.0 h"
    assert stage.loc["Assessed", "In this stage now"] == 6


def test_cases_per_kelurahan_and_source(english):
    units = next(
        df.value
        for df in english.dataframe
        if "Patrol/raid" in df.value.columns and "Hot-spot class" in df.value.columns
    )
    assert len(units) == 145
    # The four block kelurahan come first: 10 call-center cases each, hot at 95 % or more.
    top = units.head(4)
    assert top["Cases"].tolist() == [10] * 4 and top["Call center"].tolist() == [10] * 4
    assert top["Patrol/raid"].tolist() == [0] * 4
    assert set(top["Hot-spot class"]) <= {"Hot spot, 99 %", "Hot spot, 95 %"}
    # Every other kelurahan has 0 to 3 cases (background (3 i + j) mod 4, the island 1): below the
    # threshold of config/privacy.toml (5), so only the block's 40 of the 253 cases are shown, and
    # no patrol count (each below 5) at all.
    assert units["Cases"].sum() == 40 and units["Patrol/raid"].sum() == 0
    assert (units.iloc[4:]["Hot-spot class"] == "Not significant").all()


def test_small_counts_are_hidden_on_screen(english):
    """A count of 1 to 4 cases per kelurahan (and source) is hidden in the tables and the map
    tooltips as in the export (threshold 5 of config/privacy.toml); zeros stay."""
    units = next(
        df.value
        for df in english.dataframe
        if "Patrol/raid" in df.value.columns and "Hot-spot class" in df.value.columns
    ).set_index("Kelurahan/desa")
    # Kisi 1013 is unit (0, 1): 1 background patrol case; Kisi 1002 is (1, 0): 3; Kisi 1001 (0, 0): none.
    for name in ("Kisi 1013", "Kisi 1002"):
        assert units.loc[name, ["Cases", "Patrol/raid", "Cases per km²", "Cases per 10,000 residents"]].isna().all()
        assert units.loc[name, "Call center"] == 0
    assert units.loc["Kisi 1001", "Cases"] == 0 and units.loc["Kisi 1001", "Cases per km²"] == 0
    # 106 background kelurahan outside the block have 1 to 3 cases, the island 1.
    assert units["Cases"].isna().sum() == 107
    note = "Case counts from 1 to below 5 per kelurahan, category or source are hidden (with their rates)"
    assert any(note in c.value for c in english.caption)
    assert any("case counts below 5 are left empty" in c.value for c in english.caption)
    density = map_args(english)[0]["script"]
    tips = {p["nama"]: p for p in map(json.loads, re.findall(r'"properties": (\{[^{}]*\})', density))}
    # Tooltip text is HTML-escaped: the browser shows "< 5".
    # The tooltip shows the mapped measure, by default the smoothed rate (issue 16.5, it was
    # cases per km2): with the population and the region's rate it would give the count back.
    assert tips["Kisi 1013"]["cases_count"] == tips["Kisi 1013"]["cases_per_10k_eb"] == "&lt; 5"
    assert tips["Kisi 1002"]["cases_count"] == "&lt; 5"
    assert tips["Kisi 1001"]["cases_count"] == "0" and tips["Kisi 1066"]["cases_count"] == "10"


def test_source_filter_and_a_map_with_nothing_significant(pmks_db, monkeypatch):
    at = page_on(pmks_db, monkeypatch, "en")
    # Patrol cases are the background (3 i + j) mod 4 and the island case: no cluster.
    at.multiselect(key="pmks_sumber").set_value(["Patrol/raid"]).run()
    assert not at.exception, [e.value for e in at.exception]
    m = metrics(at)
    assert m["Cases"] == "213" and m["Hot spots (Gi*)"] == "0"
    assert any("No kelurahan is significant" in i.value for i in at.info)
    assert not any("Gi* z" in df.value.columns for df in at.dataframe)
    assert len(map_args(at)) == 3
    at.multiselect(key="pmks_sumber").set_value(["Call center"]).run()
    m = metrics(at)
    assert m["Cases"] == "40" and m["Hot spots (Gi*)"] == "4"
    assert not any("No kelurahan is significant" in i.value for i in at.info)


# AppTest formats a multiselect value outside the page run, in the default language: set the
# option by the label the page shows.
LABELS = {
    "odgj": {"id": "ODGJ (orang dengan gangguan jiwa)", "en": "People with mental disorders (ODGJ)"},
    "odha": {"id": "ODHA (orang dengan HIV/AIDS)", "en": "People living with HIV/AIDS (ODHA)"},
}


@pytest.mark.parametrize("lang", ["id", "en"])
def test_filters_change_the_figures(pmks_db, monkeypatch, lang):
    at = page_on(pmks_db, monkeypatch, lang)
    # The tables draw their numbers in the session language, and keep them as numbers (issue 18.5).
    workload = ("Cases per member per shift", "Kasus per anggota per shift")[lang == "id"]
    shifts = next(df for df in at.dataframe if workload in df.value.columns)
    assert shifts.value[workload].iloc[0] == pytest.approx(0.42), "216 cases / 59 days / (26/3) members"
    assert displayed(shifts)[workload].tolist() == (["0.42", "0.00", "0.00"], ["0,42", "0,00", "0,00"])[lang == "id"]
    at.multiselect(key="pmks_kategori").set_value([LABELS["odgj"][lang]]).run()
    assert not at.exception, [e.value for e in at.exception]
    m = metrics(at)
    assert m[("Cases", "Kasus")[lang == "id"]] == "40"
    assert (
        m[("Kelurahan with cases", "Kelurahan dengan kasus")[lang == "id"]] == ("4 of 145", "4 dari 145")[lang == "id"]
    )
    at.multiselect(key="pmks_kategori").set_value([]).run()
    at.date_input(key="pmks_period").set_value((dt.date(2026, 1, 1), dt.date(2026, 1, 7))).run()
    assert not at.exception
    assert metrics(at)[("Cases", "Kasus")[lang == "id"]] == "64"
    smoothed = (
        "cases per 10,000 residents, Empirical Bayes smoothed",
        "kasus per 10.000 penduduk, dihaluskan Empirical Bayes",
    )
    raw = ("cases per 10,000 residents, unsmoothed", "kasus per 10.000 penduduk tanpa penghalusan")
    assert any(smoothed[lang == "id"] in c.value for c in at.caption), "the page says what the map measures"
    at.button_group(key="pmks_measure").set_value("cases_per_10k").run()
    # AppTest sends the choice as the label of the page's format_func called outside the
    # session, i.e. in Bahasa Indonesia: only the Indonesian page sees the switch.
    if lang == "id":
        assert any(raw[1] in c.value for c in at.caption)
        assert not any(smoothed[1] in c.value for c in at.caption)
    at.button_group(key="pmks_hotspot_view").set_value("moran").run()
    at.select_slider(key="pmks_bandwidth").set_value(1500).run()
    at.number_input(key="pmks_target").set_value(30).run()
    assert not at.exception, [e.value for e in at.exception]


@pytest.mark.parametrize("lang", ["id", "en"])
def test_a_filter_with_no_case_says_so(pmks_db, monkeypatch, lang):
    at = page_on(pmks_db, monkeypatch, lang)
    at.multiselect(key="pmks_kategori").set_value([LABELS["odha"][lang]]).run()
    assert not at.exception
    message = ("No case matches this filter", "Tidak ada kasus untuk filter ini")[lang == "id"]
    assert any(message in i.value for i in at.info)
    assert not at.metric and not map_args(at)


def test_small_seed_says_too_few_units_and_no_history(seed_db, monkeypatch):
    at = page_on(seed_db, monkeypatch, "en")
    infos = " ".join(i.value for i in at.info)
    assert "needs at least 8 kelurahan" in infos
    assert "No stage history yet" in infos
    assert "No case went to the shelter" in infos
    assert metrics(at)["Cases"] == "1"


# --- the page's maps, built directly ------------------------------------------------------


def elements(m):
    stack = [m]
    while stack:
        el = stack.pop()
        yield el
        stack.extend(getattr(el, "_children", {}).values())


def leaflet_script(m) -> str:
    """The map's page as folium renders it (public API): the Leaflet script and its links."""
    return m.get_root().render()


def assert_served_locally(m):
    links = []
    for el in elements(m):
        assert not isinstance(el, branca.colormap.ColorMap)
        links += [url for _, url in getattr(el, "default_js", [])] + [url for _, url in getattr(el, "default_css", [])]
    assert sorted(links) == sorted(
        [assets.LEAFLET_JS, assets.JQUERY_JS, assets.LEAFLET_CSS, assets.CONTROLS_JS, assets.CONTROLS_CSS]
    )
    assert "tile" not in leaflet_script(m).lower().replace("tooltip", "")


def squares():
    return gpd.GeoDataFrame(
        {"kode": ["a", "b", "c", "d"], "nama": ["A", "B", "C", "D"], "cls": ["hot_99", "ns", "no_data", None]},
        geometry=[shapely.box(0, 0, 1, 1), shapely.box(1, 0, 2, 1), shapely.box(0, 1, 1, 2), None],
        crs="EPSG:4326",
    )


def test_hotspot_map_colours_and_legend():
    labels = {c: c.upper() for c in hotspots.HOTSPOT_CLASSES}
    m = maps.hotspot_map(squares(), "cls", labels, "Gi*", "Tidak ada data", {"nama": "Nama"})
    assert_served_locally(m)
    import folium

    geojson = next(el for el in elements(m) if isinstance(el, folium.GeoJson))
    fills = [f["properties"]["_fill"] for f in geojson.data["features"]]
    assert fills == [maps.HOTSPOT_COLORS["hot_99"], maps.HOTSPOT_COLORS["ns"], maps.NO_DATA_COLOR]
    legend = next(el for el in elements(m) if isinstance(el, maps.Legend)).html
    # All seven classes in order with their counts, then no data for c and d.
    order = [legend.index(c.upper()) for c in hotspots.HOTSPOT_CLASSES]
    assert order == sorted(order)
    assert "Tidak ada data" in legend and ">2</span>" in legend


def test_heat_map_draws_classes_over_boundaries():
    grid = hotspots.kernel_density([0.5, 0.5, 1.5], [0.5, 0.5, 0.5], bandwidth_m=20000, cell_m=2000)
    classes = hotspots.density_classes(grid, k=3)
    cells = hotspots.density_polygons(grid, classes)
    m = maps.heat_map(squares(), cells, ["1", "2", "3"], ["", "", ""], "Kepadatan", {"nama": "Nama"})
    assert_served_locally(m)
    script = leaflet_script(m)
    assert "pk-legend" in script and "Kepadatan" in script
    for color in maps.HEAT_COLORS[-3:]:
        assert color in script
    assert pd.Series(cells["class_index"]).tolist() == [0, 1, 2]


# --- TRC response: reports, not patrols -------------------------------------------------------


def test_patrol_cases_leave_the_response_median_alone(pmks_db, monkeypatch):
    at = page_on(pmks_db, monkeypatch, "en")
    before = metrics(at)
    assert before["Median arrival time"] == "55 min" and before["Patrol finds (not a response)"] == "213"
    at.multiselect(key="pmks_sumber").set_value(["Call center"]).run()
    alone = metrics(at)
    assert alone["Patrol finds (not a response)"] == "0"
    assert alone["Median arrival time, patrol finds"] == "too few (0 arrivals)"
    for label in ("Median arrival time", "90th percentile arrival time", "Cases without an arrival time"):
        assert alone[label] == before[label], label
    by_source = next(df.value for df in at.dataframe if "Counted as a response" in df.value.columns)
    assert by_source.set_index("Source").loc["Call center", "Counted as a response"] == "Yes"
    at.multiselect(key="pmks_sumber").set_value(["Patrol/raid"]).run()
    patrols = metrics(at)
    assert patrols["Median arrival time"] == "too few (0 arrivals)", "patrol finds are no response"
    assert patrols["Median arrival time, patrol finds"] == "50 min"


def block_arrivals() -> dict[str, int]:
    """Arrivals per block kelurahan (every case there is a call-center report): case n has
    one unless n is a multiple of 7."""
    out: dict[str, int] = {}
    for n, (kode, _, sumber, _, _) in enumerate(case_plan()):
        if sumber == "call_center":
            out[kode] = out.get(kode, 0) + (n % 7 != 0)
    return out


def test_slowest_kelurahan_ranks_only_units_with_enough_cases(pmks_db):
    arrivals = block_arrivals()
    # Cases 97-106, 107-116, 117-126, 127-136: 98 and 105 | 112 | 119 and 126 | 133 have none.
    assert arrivals == {unit_code(5, 5): 8, unit_code(6, 5): 9, unit_code(5, 6): 8, unit_code(6, 6): 9}
    con = db.connect(pmks_db, read_only=True)
    try:
        flt = hotspots_report.CaseFilter("98.71", dari=dt.date(2026, 1, 1), sampai=dt.date(2026, 2, 28))
        strict = hotspots_report.TrcSettings(min_cases=9)
        trc = hotspots_report.response_report(con, flt, 60.0, 26, response.DEFAULT_SHIFTS, strict)
        lenient = hotspots_report.response_report(
            con, flt, 60.0, 26, response.DEFAULT_SHIFTS, hotspots_report.TrcSettings()
        )
    finally:
        con.close()
    assert sorted(trc.by_unit["kode_kelurahan"]) == [unit_code(6, 5), unit_code(6, 6)]
    assert trc.unranked_count == 2
    assert trc.by_unit["p90_minutes"].is_monotonic_decreasing
    assert len(lenient.by_unit) == 4 and lenient.unranked_count == 0
    # The region's figures stand on 34 arrivals either way; the patrol finds are not among them.
    assert trc.overall["arrived_count"] == 34 and trc.overall["median_minutes"] == 55.0
    assert trc.patrol["cases_count"] == 213 and trc.patrol["median_minutes"] == 50.0
    assert set(trc.by_source["sumber"]) == {"call_center", "patroli"}


# --- shelter capacity ---------------------------------------------------------------------------


def test_shelter_occupancy_per_upt_and_over_capacity(english):
    table = next(df.value for df in english.dataframe if "Capacity (persons)" in df.value.columns)
    rows = table.set_index("UPT")
    assert list(rows.index) == ["Shelter Blok", "Shelter Kisi"]
    assert rows["Capacity (persons)"].tolist() == [1, 7]
    # Nobody is left on 28 February; the block's peak is 2, the rest's 10.
    assert rows["Occupants (persons)"].tolist() == [0, 0]
    assert rows["Peak occupants (persons)"].tolist() == [2, 10]
    assert rows["Peak occupancy (%)"].tolist() == [200.0, round(1000 / 7, 1)]
    assert metrics(english)["Occupancy rate"] == "0.0 %"
    warnings = [w.value for w in english.warning]
    assert warnings == ["Over capacity at some point in this period: Shelter Blok, Shelter Kisi."]


def test_shelter_over_capacity_on_the_last_day(pmks_db, shelters_file, monkeypatch):
    at = page_on(pmks_db, monkeypatch, "en", shelters_file)
    at.date_input(key="pmks_period").set_value((dt.date(2026, 1, 1), dt.date(2026, 1, 20))).run()
    assert not at.exception
    rows = next(df.value for df in at.dataframe if "Capacity (persons)" in df.value.columns).set_index("UPT")
    # On 20 January: 8 people in Shelter Kisi (capacity 7), none in Shelter Blok.
    assert rows["Occupants (persons)"].tolist() == [0, 8]
    assert rows.loc["Shelter Kisi", "Occupancy (%)"] == round(800 / 7, 1)
    assert metrics(at)["Occupancy rate"] == "100.0 %", "8 people, 8 places"
    assert [w.value for w in at.warning] == [
        "Over capacity on 2026-01-20: Shelter Kisi.",
        "Over capacity at some point in this period: Shelter Blok.",
    ]


def test_no_registered_shelter_says_so(pmks_db, monkeypatch, tmp_path):
    other = tmp_path / "shelters.toml"
    other.write_text('[[shelter]]\nnama = "Batam"\nkapasitas = 5\nwilayah = ["21.71"]\n', encoding="utf-8")
    at = page_on(pmks_db, monkeypatch, "en", other)
    assert any("No shelter (UPT) of this region is registered" in i.value for i in at.info)
    assert not any("Capacity (persons)" in df.value.columns for df in at.dataframe)


def test_shelter_settings_are_checked(tmp_path):
    bad = tmp_path / "shelters.toml"
    bad.write_text('[[shelter]]\nnama = "A"\nkapasitas = 0\nwilayah = ["98.71"]\n', encoding="utf-8")
    with pytest.raises(ValueError, match=r"#1 \(A\): kapasitas must be a whole number >= 1"):
        hotspots_report.load_shelters(bad)
    trc = tmp_path / "trc.toml"
    trc.write_text('[respons]\nsumber = ["telepati"]\n', encoding="utf-8")
    with pytest.raises(ValueError, match=r"\[respons\].sumber"):
        hotspots_report.load_trc_settings(trc)
    assert hotspots_report.load_trc_settings(tmp_path / "none.toml") == hotspots_report.TrcSettings()
    assert hotspots_report.load_trc_settings() == hotspots_report.TrcSettings(
        ("call_center", "rujukan_perorangan", "kantor", "perusahaan"), 5
    )


# --- a click on the map filters the tables -------------------------------------------------


def click(at, key: str, kode: str) -> None:
    # What streamlit-folium copies into the session state when a feature is clicked.
    at.session_state[key] = {"last_active_drawing": {"properties": {"kode": kode}}}
    at.run()
    assert not at.exception, [e.value for e in at.exception]


def test_a_map_click_filters_the_tables(pmks_db, monkeypatch):
    at = page_on(pmks_db, monkeypatch, "en")
    assert at.selectbox(key="pmks_kelurahan").value is None
    hot = unit_code(5, 5)
    click(at, "pmks_density_map", hot)
    assert at.selectbox(key="pmks_kelurahan").value == hot
    assert any("show Kisi 1066 \\(Kecamatan Kisi\\) only" in c.value for c in at.caption)
    units = next(
        df.value for df in at.dataframe if "Hot-spot class" in df.value.columns and "Patrol/raid" in df.value.columns
    )
    assert units["Kelurahan/desa"].tolist() == ["Kisi 1066"] and units["Call center"].tolist() == [10]
    hot_table = next(df.value for df in at.dataframe if "Gi* z" in df.value.columns)
    assert hot_table["Kelurahan/desa"].tolist() == ["Kisi 1066"]
    by_category = next(df.value for df in at.dataframe if "Share (%)" in df.value.columns)
    assert by_category["Cases"].tolist() == [10]
    outcomes = next(df.value for df in at.dataframe if "Still open" in df.value.columns)
    assert outcomes["Cases"].tolist() == [10], "the lifecycle follows the click"
    m = metrics(at)
    assert m["Cases"] == "253", "the headline stays region-wide"
    # Cases 97-106: none for 98 and 105; arrivals 10 + 10 (n mod 10) of the other eight are
    # 10 20 30 40 50 70 80 100 minutes: median 45.
    assert m["Cases without an arrival time"] == "2"
    assert m["Median arrival time"] == "45 min"
    by_unit = next(
        df.value
        for df in at.dataframe
        if "Kelurahan/desa" in df.value.columns and "No arrival" in str(df.value.columns)
    )
    assert by_unit["Kelurahan/desa"].tolist() == ["Kisi 1066"]
    # A click on the hot-spot map works too; choosing "all" afterwards sticks.
    click(at, "pmks_hotspot_map", unit_code(6, 6))
    assert at.selectbox(key="pmks_kelurahan").value == unit_code(6, 6)
    at.selectbox(key="pmks_kelurahan").select_index(0).run()
    at.run()
    assert at.selectbox(key="pmks_kelurahan").value is None
    units = next(
        df.value for df in at.dataframe if "Hot-spot class" in df.value.columns and "Patrol/raid" in df.value.columns
    )
    assert len(units) == 145


# --- names are text -------------------------------------------------------------------------


def unescaped_markup(text: str) -> bool:
    """Whether Markdown text holds a '<' or a '[' that is not escaped."""
    return bool(re.search(r"(?<!\\)[<\[]", text))


def test_hostile_names_show_as_text(hostile_pmks_db, shelters_file, monkeypatch):
    at = page_on(hostile_pmks_db, monkeypatch, "en", shelters_file)
    click(at, "pmks_density_map", unit_code(5, 5))
    texts = [e.value for e in (*at.title, *at.caption, *at.markdown, *at.info, *at.warning, *at.subheader)]
    assert any("Kota \\<b\\>Kisi\\</b\\>" in x for x in texts), "the region's name, escaped"
    assert any("\\<img src=x onerror=alert\\(1\\)\\>" in x for x in texts), "the kelurahan's name, escaped"
    assert not [x for x in texts if unescaped_markup(x)]
    scripts = [a["script"] for a in map_args(at)]
    assert len(scripts) == 3
    for script in scripts:
        # folium writes the features as JSON with "&" as \u0026.
        assert "&lt;img src=x onerror=alert(1)&gt;" in script.replace("\\u0026", "&")
        assert HOSTILE_NAME not in script
        assert "[klik](http://x)" in script, "a Markdown link is plain text in HTML"
    units = next(
        df.value for df in at.dataframe if "Patrol/raid" in df.value.columns and "Hot-spot class" in df.value.columns
    )
    assert units["Kelurahan/desa"].tolist() == [HOSTILE_NAME], "tables show the name as written"
    assert units["Kecamatan"].tolist() == [HOSTILE_LINK]
