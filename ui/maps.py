"""Folium maps that draw with no internet: libraries from ``ui.assets``, no basemap tiles unless
``PETA_KESOS_TILES`` names a tile URL, and a legend drawn by the map itself.

Every text that reaches the map's HTML (tooltip values and labels, legend title, labels and
notes) is escaped with ``ui.safe.html_text``: folium puts them into the page as HTML, so a
kelurahan named ``<img src=x onerror=...>`` would otherwise run."""

from __future__ import annotations

import json
import os

import folium
import geopandas as gpd
import numpy as np
import pandas as pd
import streamlit as st
from branca.element import MacroElement
from jinja2 import Template
from streamlit_folium import st_folium

from analytics.classify import Classes
from ui import assets
from ui.i18n import t
from ui.safe import html_text, md

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

    def __init__(self, content: str):
        super().__init__()
        self._name = "Legend"
        self.html = content
        self.html_json = json.dumps(content)


def legend_html(title: str, labels: list[str], colors: list[str], counts: list[int]) -> str:
    """The legend's HTML: one swatch per class, its label and how many units it holds."""
    rows = "".join(
        f'<div style="display:flex;align-items:center;gap:6px;margin:2px 0">'
        f'<span style="display:inline-block;width:18px;height:12px;background:{c};'
        f'border:1px solid #777"></span><span>{html_text(label)}</span>'
        f'<span style="margin-left:auto;color:#555;padding-left:8px">{html_text(n)}</span></div>'
        for label, c, n in zip(labels, colors, counts)
    )
    return (
        '<div style="background:rgba(255,255,255,0.92);padding:6px 8px;border-radius:4px;'
        'box-shadow:0 1px 4px rgba(0,0,0,.3);font:12px/1.3 sans-serif;min-width:150px">'
        f"<b>{html_text(title)}</b>{rows}</div>"
    )


def class_labels(classes: Classes, fmt) -> list[str]:
    """'a – b' for each class, with the lower bound of the first class from the data."""
    lowers = (classes.lower, *classes.bins[:-1])
    return [f"{fmt(lo)} – {fmt(hi)}" for lo, hi in zip(lowers, classes.bins)]


def base_map(gdf: gpd.GeoDataFrame) -> folium.Map:
    """An empty map fitted to ``gdf`` (EPSG:4326) whose libraries are served by the app."""
    tiles = os.environ.get(TILES_ENV) or None
    # Fractional zoom lets a tall region such as Batam fill the frame instead of half of it.
    m = folium.Map(
        tiles=tiles,
        attr="Basemap" if tiles else None,
        control_scale=True,
        prefer_canvas=False,
        zoom_snap=0.25,
        zoom_delta=0.5,
    )
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
    colors = list(palette[: len(classes.bins)])
    counts = list(classes.counts)
    legend_labels = list(labels)
    if classes.missing_count:
        colors.append(NO_DATA_COLOR)
        counts.append(classes.missing_count)
        legend_labels.append(no_data_label)
    m = _filled_map(gdf, fill, legend_title, tooltip)
    Legend(legend_html(legend_title, legend_labels, colors, counts)).add_to(m)
    return m


def no_polygon_caption(shapes: gpd.GeoDataFrame) -> None:
    """A caption naming the units of ``shapes`` that have no polygon to draw, if any."""
    missing = units_without_shape(shapes)
    if missing:
        st.caption(t("map.no_polygon", n=len(missing), names=", ".join(md(n) for n in missing)))


def show(m: folium.Map, key: str, height: int = 520) -> dict:
    """Render a map in the page; returns what streamlit-folium reports (the last click)."""
    return st_folium(m, key=key, height=height, use_container_width=True, returned_objects=["last_active_drawing"])


def join_values(shapes: gpd.GeoDataFrame, values: pd.DataFrame, key: str = "kode") -> gpd.GeoDataFrame:
    """``shapes`` with the columns of ``values`` that it lacks, matched on ``key``; every shape
    is kept (a unit without values gets NaN and is drawn as no data)."""
    extra = [c for c in values.columns if c not in shapes.columns or c == key]
    return shapes.merge(values[extra], on=key, how="left")


def demo_boundaries(shapes: gpd.GeoDataFrame) -> bool:
    """Whether any polygon of ``shapes`` is a made-up demo boundary (geom_sumber 'demo')."""
    return bool((shapes["geom_sumber"] == "demo").any())


def any_shape(shapes: gpd.GeoDataFrame) -> bool:
    """Whether at least one unit of ``shapes`` has a polygon to draw."""
    return len(units_without_shape(shapes)) < len(shapes)


def units_without_shape(shapes: gpd.GeoDataFrame) -> list[str]:
    """Names of the units that have no polygon to draw (raw text: escape before showing)."""
    empty = shapes.geometry.isna() | shapes.geometry.is_empty
    return shapes.loc[empty, "nama"].tolist()


# ColorBrewer RdBu (7 classes): diverging and colour-blind safe; hot red, cold blue, not
# significant near white.
HOTSPOT_COLORS = {
    "hot_99": "#b2182b",
    "hot_95": "#ef8a62",
    "hot_90": "#fddbc7",
    "ns": "#f7f7f7",
    "cold_90": "#d1e5f0",
    "cold_95": "#67a9cf",
    "cold_99": "#2166ac",
}
# Local Moran's I clusters in the same RdBu colours: high-high and low-low strong, the outliers
# light.
MORAN_COLORS = {"hh": "#b2182b", "hl": "#ef8a62", "lh": "#67a9cf", "ll": "#2166ac", "ns": "#f7f7f7"}
# ColorBrewer YlOrRd (5 classes), sequential, for the kernel density heat layer.
HEAT_COLORS = ["#ffffb2", "#fecc5c", "#fd8d3c", "#f03b20", "#bd0026"]


def _filled_map(gdf: gpd.GeoDataFrame, fill: np.ndarray, name: str, tooltip: dict[str, str]) -> folium.Map:
    """A map of the units of ``gdf`` that have a polygon, each filled with its colour in
    ``fill`` (aligned with ``gdf``), with a hover tooltip of the ``tooltip`` columns as text."""
    shown = gdf.assign(_fill=fill)[~gdf.geometry.is_empty & gdf.geometry.notna()]
    props = _as_html_text(shown[[*tooltip, "_fill", "geometry"]], tooltip)
    m = base_map(shown)
    _with_sea(m)
    folium.GeoJson(
        json.loads(props.to_json(drop_id=True)),
        name=name,
        style_function=lambda f: {
            "fillColor": f["properties"]["_fill"],
            "color": "#555555",
            "weight": 0.6,
            "fillOpacity": 0.85,
        },
        highlight_function=lambda f: {"weight": 2.5, "color": "#000000"},
        tooltip=_tooltip(tooltip),
    ).add_to(m)
    return m


def _as_html_text(frame: gpd.GeoDataFrame, columns) -> gpd.GeoDataFrame:
    """``frame`` with ``columns`` as escaped text: folium's tooltip puts the values into the
    page as HTML."""
    out = frame.copy()
    for col in columns:
        out[col] = [html_text(v) for v in out[col].astype(str)]
    return out


def _tooltip(tooltip: dict[str, str]) -> folium.GeoJsonTooltip:
    """A hover tooltip of the ``tooltip`` columns (values escaped by :func:`_as_html_text`),
    its labels escaped too."""
    return folium.GeoJsonTooltip(fields=list(tooltip), aliases=[html_text(a) for a in tooltip.values()], sticky=True)


def _with_sea(m: folium.Map) -> None:
    m.get_root().html.add_child(folium.Element(f"<style>.leaflet-container{{background:{SEA_COLOR}}}</style>"))


def categorical(
    gdf: gpd.GeoDataFrame,
    column: str,
    colors: dict[str, str],
    labels: dict[str, str],
    legend_title: str,
    no_data_label: str,
    tooltip: dict[str, str],
) -> folium.Map:
    """A map of categories (e.g. hot-spot classes): each unit filled with its category's colour.

    Parameters
    ----------
    gdf : geopandas.GeoDataFrame
        Units in EPSG:4326 with the category codes in ``column``; a code missing from
        ``colors`` (or NaN) is drawn grey as no data; units without a polygon are not drawn
        but counted as no data in the legend.
    colors : dict
        Category code -> fill colour, in legend order; every category is listed in the legend
        with its count, zero included.
    labels : dict
        Category code -> legend text.
    legend_title, no_data_label
        Legend texts.
    tooltip : dict
        Column of ``gdf`` -> label shown in the hover tooltip (values shown as text).
    """
    codes = gdf[column].where(gdf[column].isin(list(colors)), None)
    fill = codes.map(colors).fillna(NO_DATA_COLOR)
    m = _filled_map(gdf, fill.to_numpy(), legend_title, tooltip)
    counts = codes.value_counts()
    legend_labels = [labels[c] for c in colors]
    legend_colors = list(colors.values())
    legend_counts = [int(counts.get(c, 0)) for c in colors]
    missing = int(codes.isna().sum())
    if missing:
        legend_labels.append(no_data_label)
        legend_colors.append(NO_DATA_COLOR)
        legend_counts.append(missing)
    Legend(legend_html(legend_title, legend_labels, legend_colors, legend_counts)).add_to(m)
    return m


def hotspot_map(
    gdf: gpd.GeoDataFrame,
    column: str,
    labels: dict[str, str],
    legend_title: str,
    no_data_label: str,
    tooltip: dict[str, str],
) -> folium.Map:
    """:func:`categorical` with the hot-spot classes of ``analytics.hotspots.HOTSPOT_CLASSES``
    in :data:`HOTSPOT_COLORS`."""
    return categorical(gdf, column, HOTSPOT_COLORS, labels, legend_title, no_data_label, tooltip)


def heat_map(
    boundaries: gpd.GeoDataFrame,
    cells: gpd.GeoDataFrame,
    labels: list[str],
    notes: list[str],
    legend_title: str,
    tooltip: dict[str, str],
) -> folium.Map:
    """A kernel-density heat layer drawn as classed polygons over the unit boundaries.

    Parameters
    ----------
    boundaries : geopandas.GeoDataFrame
        Units in EPSG:4326, drawn as light outlines under the layer (units without a polygon
        are skipped).
    cells : geopandas.GeoDataFrame
        One (multi)polygon per density class in EPSG:4326 with ``class_index`` (0 = lowest),
        as from ``analytics.hotspots.density_polygons``; drawn in :data:`HEAT_COLORS`.
    labels, notes : list of str
        Legend text and a short note (e.g. the area) per class, for every class index.
    legend_title : str
    tooltip : dict
        Column of ``boundaries`` -> label for the outline layer's hover tooltip.
    """
    palette = HEAT_COLORS[-len(labels) :] if 0 < len(labels) <= len(HEAT_COLORS) else HEAT_COLORS
    drawn = boundaries[~boundaries.geometry.is_empty & boundaries.geometry.notna()]
    m = base_map(drawn if len(drawn) else cells)
    _with_sea(m)
    outline = _as_html_text(drawn[[*tooltip, "geometry"]], tooltip)
    folium.GeoJson(
        json.loads(outline.to_json(drop_id=True)),
        name="boundaries",
        style_function=lambda f: {"fillColor": "#ffffff", "color": "#777777", "weight": 0.6, "fillOpacity": 0.6},
        tooltip=_tooltip(tooltip),
    ).add_to(m)
    if len(cells):
        layer = cells[["class_index", "geometry"]].copy()
        layer["_fill"] = [palette[min(int(i), len(palette) - 1)] for i in layer["class_index"]]
        folium.GeoJson(
            json.loads(layer.drop(columns="class_index").to_json(drop_id=True)),
            name=legend_title,
            style_function=lambda f: {"fillColor": f["properties"]["_fill"], "stroke": False, "fillOpacity": 0.75},
            interactive=False,
        ).add_to(m)
    Legend(legend_html(legend_title, list(labels), list(palette[: len(labels)]), list(notes))).add_to(m)
    return m
