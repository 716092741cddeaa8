"""The PMKS page (pages/pmks.py) under AppTest, in both languages: the figures shown on the PMKS
seed (tests/seed_pmks.py), the filters, the no-case and no-history messages, and that its maps
load every library from the app."""

import datetime as dt
from pathlib import Path

import branca
import geopandas as gpd
import pandas as pd
import pytest
import shapely
from streamlit.testing.v1 import AppTest

from analytics import hotspots
from tests.folium_maps import map_args
from tests.seed import seed_db  # noqa: F401
from tests.seed_pmks import pmks_db  # noqa: F401
from ui import assets, maps

ROOT = Path(__file__).resolve().parent.parent
PAGE = "app_pages/pmks.py"


def page_on(db, monkeypatch, lang="en") -> AppTest:
    monkeypatch.setenv("PETA_KESOS_DB", str(db))
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    at.session_state["lang"] = lang
    at.run()
    at.switch_page(PAGE).run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def metrics(at) -> dict:
    return {m.label: m.value for m in at.metric}


@pytest.fixture(scope="module")
def english(pmks_db):
    """One English page run on the PMKS seed with the default filters, shared by the read-only
    checks."""
    mp = pytest.MonkeyPatch()
    at = page_on(pmks_db, mp, "en")
    yield at
    mp.undo()


def test_figures_on_the_pmks_seed(english):
    m = metrics(english)
    assert m["Cases"] == "253"
    assert m["Kelurahan with cases"] == "111 of 145"
    assert m["Hot spots (Gi*)"] == "4"
    # Arrivals 10 + 10 (n mod 10) minutes, none for every 7th case: 216 arrivals.
    assert m["Cases without an arrival time"] == "37"
    assert m["Median arrival time"] == "50 min"
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
    hot_table = next(df.value for df in english.dataframe if "Gi* z" in df.value.columns)
    assert len(hot_table) == 4
    assert set(hot_table["Hot-spot class"]) <= {"Hot spot, 99 %", "Hot spot, 95 %"}
    assert len(english.get("download_button")) == 2


def test_tables_of_categories_response_and_lifecycle(english):
    by_category = next(df.value for df in english.dataframe if "Share (%)" in df.value.columns)
    rows = by_category.set_index("Category")
    assert rows.loc["Street children", "Cases"] == 212
    assert rows.loc["People with mental disorders (ODGJ)", "Call center"] == 40
    assert rows.loc["Vagrants", "Patrol/raid"] == 1
    shifts = next(df.value for df in english.dataframe if "Cases per member per shift" in df.value.columns)
    # Every report is at 08:00: all 253 in the morning shift, over 59 days, 26/3 members.
    assert shifts["Shift"].tolist() == ["Morning", "Afternoon", "Night"]
    assert shifts["Cases"].tolist() == [253, 0, 0]
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
    assert units["Cases"].sum() == 253 and units["Patrol/raid"].sum() == 213
    assert (units.iloc[4:]["Hot-spot class"] == "Not significant").all()


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
    at.button_group(key="pmks_measure").set_value("cases_per_10k").run()
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
    assert sorted(links) == sorted([assets.LEAFLET_JS, assets.JQUERY_JS, assets.LEAFLET_CSS])
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
