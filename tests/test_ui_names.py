"""Every name is text, never markup (issue 17.2): hostile region, kecamatan, kelurahan and
enumerator names run through the overview, the kelurahan profile, the planner and a real folium
map, and show escaped, never as a tag or a link."""

import json
from pathlib import Path

import geopandas as gpd
import pytest
import shapely
from streamlit.testing.v1 import AppTest

from analytics.classify import classify
from tests.folium_maps import map_html, map_scripts
from tests.hostile_seed import ENUMERATOR, IMG, LINK, MARKUP, markup_db  # noqa: F401
from ui import maps
from ui.safe import html_text, md

APP = str(Path(__file__).resolve().parent.parent / "app.py")
RAW = [IMG, LINK, "<script>", "<b>", "](http"]


def page(db, monkeypatch, path=None) -> AppTest:
    monkeypatch.setenv("PETA_KESOS_DB", str(db))
    at = AppTest.from_file(APP, default_timeout=120)
    at.session_state["lang"] = "en"
    if path:
        # Straight to the page, as a link to it opens (AppTest finds a page by its file name before the first run).
        at.switch_page(path)
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def texts(at: AppTest) -> list[str]:
    """Every Markdown string of the page: titles, headers, captions, text and message boxes."""
    kinds = ("title", "header", "subheader", "caption", "markdown", "error", "warning", "info", "success")
    return [str(e.value) for kind in kinds for e in at.get(kind)] + [str(e.value) for e in at.sidebar.caption]


def assert_no_markup(at: AppTest) -> None:
    for text in texts(at):
        for raw in RAW:
            assert raw not in text, (raw, text)


def features(script: str) -> list[dict]:
    geojson, _ = json.JSONDecoder().raw_decode(script[script.index('{"features"') :])
    return [f["properties"] for f in geojson["features"]]


def plotly_specs(at: AppTest) -> list[dict]:
    return [json.loads(c.proto.spec) for c in at.get("plotly_chart")]


def test_overview(markup_db, monkeypatch):
    at = page(markup_db, monkeypatch)
    assert_no_markup(at)
    caption = at.caption[0].value
    assert md(MARKUP["99.71"]) in caption
    assert any(md(MARKUP["99.71.01.2004"]) in c.value for c in at.caption), "Delta, without a polygon, listed"
    (script,) = map_scripts(at)
    tooltips = {p["kode"]: (p["nama"], p["kecamatan"]) for p in features(script)}
    assert tooltips["99.71.01.1001"] == (html_text(IMG), html_text(MARKUP["99.71.01"]))
    assert tooltips["99.71.01.2003"][0] == "&lt;b&gt;Gamma&lt;/b&gt;"
    funnel = plotly_specs(at)[2]
    assert funnel["layout"]["title"]["text"] == html_text(MARKUP["99.71"])


def test_kelurahan_profile(markup_db, monkeypatch):
    at = page(markup_db, monkeypatch, "app_pages/kelurahan.py")
    assert_no_markup(at)
    assert at.title[0].value == f"Profile of {md(IMG)}"
    assert md(MARKUP["99.71.01"]) in at.caption[0].value
    at.selectbox(key="pick_kelurahan").set_value("99.71.01.1002").run()
    assert not at.exception
    assert_no_markup(at)
    assert at.title[0].value == f"Profile of {md(LINK)}"
    # The enumerator's name is a table cell: data, shown as written.
    assert at.dataframe[0].value.iloc[0, 0] == ENUMERATOR


def test_planner(markup_db, monkeypatch):
    at = page(markup_db, monkeypatch, "app_pages/planner.py")
    assert_no_markup(at)
    at.number_input(key="planner_total").set_value(4).run()
    assert not at.exception
    assert_no_markup(at)
    assert md(MARKUP["99.71"]) in at.caption[0].value
    for script in map_scripts(at):
        assert {p["nama"] for p in features(script)} == {html_text(IMG), html_text(LINK), "&lt;b&gt;Gamma&lt;/b&gt;"}
    (chart,) = plotly_specs(at)
    assert set(chart["data"][0]["y"]) == {html_text(IMG), html_text(LINK), html_text(MARKUP["99.71.01.2004"])}
    # An infeasible request names a kelurahan in the error box.
    at.number_input(key="planner_cap").set_value(1).run()
    at.number_input(key="planner_min").set_value(2).run()
    at.number_input(key="planner_total").set_value(6).run()
    assert_no_markup(at)
    assert f"Kelurahan {md(IMG)} needs at least 2 enumerators" in at.error[0].value


@pytest.mark.parametrize("hostile", [IMG, LINK, '"><svg onload=alert(1)>'])
def test_a_real_folium_map_escapes_names(hostile):
    gdf = gpd.GeoDataFrame(
        {"kode": ["a", "b"], "nama": [hostile, "B"], "value": [10.0, 90.0]},
        geometry=[shapely.box(0, 0, 1, 1), shapely.box(1, 0, 2, 1)],
        crs="EPSG:4326",
    )
    classes = classify(gdf["value"], "equal_interval", k=2)
    m = maps.choropleth(gdf, classes, hostile, [hostile, "x"], hostile, {"nama": hostile})
    html = map_html(m)
    # Folium writes JSON with < and > as \u003c and \u003e; the legend and the tooltip go into
    # innerHTML, so what matters is the text they carry once decoded.
    assert "<img" not in html and "<svg" not in html and "http://x" not in html.replace(html_text(hostile), "")
    geojson = json.JSONDecoder().raw_decode(html[html.index('{"features"') :])[0]
    assert geojson["features"][0]["properties"]["nama"] == html_text(hostile)
    legend = after(html, 'div.innerHTML = "')
    assert legend.count(html_text(hostile)) == 2 and "<img" not in legend and "<svg" not in legend
    assert after(html, "let aliases = [") == [html_text(hostile)]


def after(html: str, marker: str):
    """The JSON value that starts at the end of ``marker`` (its last character included)."""
    start = html.index(marker) + len(marker) - 1
    return json.JSONDecoder().raw_decode(html[start:])[0]
