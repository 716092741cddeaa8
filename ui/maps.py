"""Folium maps that draw with no internet: libraries from ``ui.assets``, no basemap tiles unless
``PETA_KESOS_TILES`` names a tile URL, and a legend drawn by the map itself."""

from __future__ import annotations

import html
import json
import os

import folium
import geopandas as gpd
import numpy as np
import pandas as pd
from branca.element import MacroElement
from jinja2 import Template
from streamlit_folium import st_folium

from analytics.classify import Classes
from ui import assets

TILES_ENV = "PETA_KESOS_TILES"
NO_DATA_COLOR = "#c4c4c4"
SEA_COLOR = "#eef3f7"

# ColorBrewer YlGnBu: sequential and colour-blind safe.
PALETTES = {
    1: ["#41b6c4"],
    2: ["#a1dab4", "#225ea8"],
    3: ["#edf8b1", "#7fcdbb", "#2c7fb8"],
    4: ["#ffffcc", "#a1dab4", "#41b6c4", "#225ea8"],
    5: ["#ffffcc", "#a1dab4", "#41b6c4", "#2c7fb8", "#253494"],
    6: ["#ffffcc", "#c7e9b4", "#7fcdbb", "#41b6c4", "#2c7fb8", "#253494"],
    7: ["#ffffcc", "#c7e9b4", "#7fcdbb", "#41b6c4", "#1d91c0", "#225ea8", "#0c2c84"],
}


class Legend(MacroElement):
    """A legend drawn as a Leaflet control inside the map (so it shows in every renderer)."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        var {{ this.get_name() }} = L.control({position: "bottomright"});
        {{ this.get_name() }}.onAdd = function (map) {
            var div = L.DomUtil.create("div", "pk-legend");
            div.innerHTML = {{ this.html_json }};
            return div;
        };
        {{ this.get_name() }}.addTo({{ this._parent.get_name() }});
        {% endmacro %}
        """
    )

    def __init__(self, html_text: str):
        super().__init__()
        self._name = "Legend"
        self.html = html_text
        self.html_json = json.dumps(html_text)


def legend_html(title: str, labels: list[str], colors: list[str], counts: list[int]) -> str:
    """The legend's HTML: one swatch per class, its label and how many units it holds."""
    rows = "".join(
        f'<div style="display:flex;align-items:center;gap:6px;margin:2px 0">'
        f'<span style="display:inline-block;width:18px;height:12px;background:{c};'
        f'border:1px solid #777"></span><span>{html.escape(label)}</span>'
        f'<span style="margin-left:auto;color:#555;padding-left:8px">{n}</span></div>'
        for label, c, n in zip(labels, colors, counts)
    )
    return (
        '<div style="background:rgba(255,255,255,0.92);padding:6px 8px;border-radius:4px;'
        'box-shadow:0 1px 4px rgba(0,0,0,.3);font:12px/1.3 sans-serif;min-width:150px">'
        f"<b>{html.escape(title)}</b>{rows}</div>"
    )


def class_labels(classes: Classes, fmt) -> list[str]:
    """'a – b' for each class, with the lower bound of the first class from the data."""
    lowers = (classes.lower, *classes.bins[:-1])
    return [f"{fmt(lo)} – {fmt(hi)}" for lo, hi in zip(lowers, classes.bins)]


def base_map(gdf: gpd.GeoDataFrame) -> folium.Map:
    """An empty map fitted to ``gdf`` (EPSG:4326) whose libraries are served by the app."""
    tiles = os.environ.get(TILES_ENV) or None
    m = folium.Map(tiles=tiles, attr="Basemap" if tiles else None, control_scale=True, prefer_canvas=False)
    m.default_js = [("leaflet", assets.LEAFLET_JS), ("jquery", assets.JQUERY_JS)]
    m.default_css = [("leaflet_css", assets.LEAFLET_CSS)]
    minx, miny, maxx, maxy = gdf.total_bounds if len(gdf) else (95.0, -11.0, 141.0, 6.0)
    m.fit_bounds([[miny, minx], [maxy, maxx]])
    return m


def choropleth(
    gdf: gpd.GeoDataFrame,
    classes: Classes,
    legend_title: str,
    labels: list[str],
    no_data_label: str,
    tooltip: dict[str, str],
) -> folium.Map:
    """A classed choropleth: class i of ``classes`` gets colour i, no-data units grey.

    Parameters
    ----------
    gdf : geopandas.GeoDataFrame
        Units in EPSG:4326, in the order of ``classes.index``; units with an empty geometry are
        not drawn (the page lists them).
    classes : analytics.classify.Classes
        The classification of the mapped value.
    legend_title, labels, no_data_label
        Legend texts; ``labels`` has one entry per class.
    tooltip : dict
        Column of ``gdf`` -> label shown in the hover tooltip (values pre-formatted as text).
    """
    palette = PALETTES[max(1, min(len(classes.bins), 7))]
    index = np.asarray(classes.index)
    fill = np.where(index >= 0, np.take(palette, np.clip(index, 0, len(palette) - 1)), NO_DATA_COLOR)
    shown = gdf.assign(_fill=fill)[~gdf.geometry.is_empty & gdf.geometry.notna()]
    props = shown[[*tooltip, "_fill", "geometry"]].copy()
    for col in tooltip:
        props[col] = props[col].astype(str)

    m = base_map(shown)
    m.get_root().html.add_child(
        folium.Element(f"<style>.leaflet-container{{background:{SEA_COLOR}}}</style>")
    )
    folium.GeoJson(
        json.loads(props.to_json(drop_id=True)),
        name=legend_title,
        style_function=lambda f: {
            "fillColor": f["properties"]["_fill"],
            "color": "#555555",
            "weight": 0.6,
            "fillOpacity": 0.85,
        },
        highlight_function=lambda f: {"weight": 2.5, "color": "#000000"},
        tooltip=folium.GeoJsonTooltip(fields=list(tooltip), aliases=list(tooltip.values()), sticky=True),
    ).add_to(m)

    colors = list(palette[: len(classes.bins)])
    counts = list(classes.counts)
    legend_labels = list(labels)
    if classes.missing_count:
        colors.append(NO_DATA_COLOR)
        counts.append(classes.missing_count)
        legend_labels.append(no_data_label)
    Legend(legend_html(legend_title, legend_labels, colors, counts)).add_to(m)
    return m


def show(m: folium.Map, key: str, height: int = 520) -> dict:
    """Render a map in the page; returns what streamlit-folium reports (the last click)."""
    return st_folium(m, key=key, height=height, use_container_width=True, returned_objects=["last_active_drawing"])


def join_values(shapes: gpd.GeoDataFrame, values: pd.DataFrame, key: str = "kode") -> gpd.GeoDataFrame:
    """``shapes`` with the columns of ``values`` that it lacks, matched on ``key``; every shape
    is kept (a unit without values gets NaN and is drawn as no data)."""
    extra = [c for c in values.columns if c not in shapes.columns or c == key]
    return shapes.merge(values[extra], on=key, how="left")


def units_without_shape(shapes: gpd.GeoDataFrame) -> list[str]:
    """Names of the units that have no polygon to draw."""
    empty = shapes.geometry.isna() | shapes.geometry.is_empty
    return shapes.loc[empty, "nama"].tolist()
