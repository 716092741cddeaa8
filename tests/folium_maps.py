"""Maps in tests, read through public APIs only: what the pages under AppTest handed to
streamlit-folium, and the HTML of a folium map as the browser gets it."""

from __future__ import annotations

import json
import re

import branca
import folium
from streamlit.testing.v1 import AppTest

from ui import assets


def map_args(at: AppTest) -> list[dict]:
    """The arguments of every streamlit-folium map in the main area, in page order: the Leaflet
    ``script`` and the ``js_links``/``css_links`` it loads."""
    return [
        json.loads(e.proto.json_args)
        for e in at.main
        if type(e).__name__ == "UnknownElement" and "json_args" in str(e.proto)
    ]


def map_scripts(at: AppTest) -> list[str]:
    """The Leaflet script of every map, in page order."""
    return [args["script"] for args in map_args(at)]


def map_html(m: folium.Map) -> str:
    """The whole HTML page folium renders for ``m`` (folium's public ``get_root().render()``):
    the links it loads, the Leaflet script with its GeoJSON, tooltips and legend."""
    return m.get_root().render()


def elements(m: folium.Map):
    """Every element of the map's tree in the order the page draws them, the map first (what
    streamlit-folium walks to collect the JS and CSS it loads)."""
    yield m
    for child in getattr(m, "_children", {}).values():
        yield from elements(child)


def assert_served_locally(m: folium.Map) -> None:
    """The map loads only the app's own Leaflet, jQuery, Leaflet CSS and map controls (every
    link a path on the app's server), and no basemap tiles."""
    links = []
    for el in elements(m):
        assert not isinstance(el, branca.colormap.ColorMap), "branca colormaps make streamlit-folium load d3 from a CDN"
        links += [url for _, url in getattr(el, "default_js", [])] + [url for _, url in getattr(el, "default_css", [])]
    expected = [assets.LEAFLET_JS, assets.JQUERY_JS, assets.LEAFLET_CSS, assets.CONTROLS_JS, assets.CONTROLS_CSS]
    assert sorted(set(links)) == sorted(expected)
    assert all(url.startswith(assets.URL_PREFIX + "/") for url in links)
    html = map_html(m)
    sources = re.findall(r"""<(?:script|link)\b[^>]*\b(?:src|href)=["']([^"']+)""", html)
    assert sources and sorted(set(sources)) == sorted(expected), sources
    assert "tilelayer" not in html.lower()
    assert "://" not in html, "no URL to another host"
