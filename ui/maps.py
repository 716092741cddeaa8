"""Folium maps that draw with no internet: libraries from ``ui.assets``, no basemap tiles unless
``PETA_KESOS_TILES`` names a tile URL, and a legend drawn by the map itself.

Every text that reaches the map's HTML (tooltip values and labels, legend title, labels and
notes) is escaped with ``ui.safe.html_text``: folium puts them into the page as HTML, so a
kelurahan named ``<img src=x onerror=...>`` would otherwise run.

A map is built once per process for the same data, options and language (:func:`shared`, issue
14.4): every session then gets the same map object, and streamlit-folium writes the same bytes
for it (it numbers the elements by their place in the map, not at random)."""

from __future__ import annotations

import functools
import hashlib
import inspect
import json
import os
import pickle
import threading
from collections.abc import Callable

import folium
import geopandas as gpd
import numpy as np
import pandas as pd
import shapely
import shapely.geometry
import streamlit as st
import streamlit_folium
from branca.element import MacroElement
from folium.elements import JSCSSMixin
from jinja2 import Template
from shapely.ops import polylabel
from streamlit_folium import st_folium

from analytics.classify import Classes
from ui import assets, auth, data
from ui.i18n import current_language, t
from ui.safe import html_text, md

TILES_ENV = "PETA_KESOS_TILES"
NO_DATA_COLOR = "#c4c4c4"
# Units outside the user's scope (issue 13.4): a plain outline, no fill, no value.
OUTSIDE_COLOR = "#9a9a9a"
SEA_COLOR = "#eef3f7"
# Fill opacity a map opens with; its slider changes it (static/peta-kesos/maps.js).
FILL_OPACITY = 0.8

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


# streamlit-folium renumbers a map's elements while it writes it: one session at a time per map.
_RENDER_LOCK = threading.Lock()


def _digest_part(value) -> bytes:
    """Bytes that are equal for equal arguments of a map builder: a frame by
    :func:`ui.data.frame_digest` (its pickle: values, columns, geometries as WKB), anything else
    pickled."""
    if isinstance(value, pd.DataFrame):
        return data.frame_digest(value)
    if isinstance(value, dict):
        return b"\1".join(_digest_part(v) for item in value.items() for v in item)
    if isinstance(value, list | tuple):
        return b"\2".join(_digest_part(v) for v in value)
    return pickle.dumps(value)


@st.cache_resource(max_entries=48, show_spinner=False)
def _built(digest: str, _build: Callable[[], folium.Map]) -> folium.Map:
    m = _build()
    _number(m)
    return m


def _number(element, base: str = "div") -> None:
    """Name ``element`` and its children by their place in the tree, as streamlit-folium renames
    them while it writes a map: its first pass then writes what every later one does, and the
    map's bytes do not depend on random ids."""
    element._id = base
    for i, child in enumerate(getattr(element, "_children", {}).values()):
        _number(child, f"{base}_{i}")


def shared(builder: Callable[..., folium.Map]) -> Callable[..., folium.Map]:
    """``builder``, its maps kept across sessions (st.cache_resource, the 48 most recent):
    the same arguments in the same language (and basemap setting) give the same map object,
    built once. Callers must not change a map they get. A builder taking ``scope_kelurahan``
    gets the signed-in user's scope when the caller gives none."""

    signature = inspect.signature(builder)
    takes_scope = "scope_kelurahan" in signature.parameters

    @functools.wraps(builder)
    def cached(*args, **kwargs) -> folium.Map:
        if takes_scope and "scope_kelurahan" not in signature.bind_partial(*args, **kwargs).arguments:
            # Every map is drawn for the user signed in at this run: without a scope given, the
            # units outside theirs are plain outlines, so that no page can forget it.
            signed_in = auth.session()
            kwargs["scope_kelurahan"] = signed_in.scope_kelurahan if signed_in is not None else None
        key = (builder.__name__, current_language(), os.environ.get(TILES_ENV), args, sorted(kwargs.items()))
        return _built(hashlib.sha256(_digest_part(key)).hexdigest(), lambda: builder(*args, **kwargs))

    return cached


class Legend(MacroElement):
    """A legend drawn as a Leaflet control inside the map (so it shows in every renderer); its
    title folds it away (static/peta-kesos/maps.js)."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        var {{ this.get_name() }} = L.control({position: "bottomright"});
        {{ this.get_name() }}.onAdd = function (map) {
            var div = L.DomUtil.create("div", "pk-legend");
            div.innerHTML = {{ this.html_json }};
            return PetaKesos.foldable(div, {{ this.toggle_json }});
        };
        {{ this.get_name() }}.addTo({{ this._parent.get_name() }});
        {% endmacro %}
        """
    )

    def __init__(self, content: str):
        super().__init__()
        self._name = "Legend"
        self.html = content
        self.html_json = _js(content)
        self.toggle_json = _js(t("map.control.legend"))


def legend_html(title: str, labels: list[str], colors: list[str], counts: list[int]) -> str:
    """The legend's HTML: the title, then one swatch per class, its label and how many units it
    holds (styles in static/peta-kesos/maps.css)."""
    rows = "".join(
        f'<div style="display:flex;align-items:center;gap:6px;margin:2px 0">'
        f'<span style="display:inline-block;width:18px;height:12px;background:{c};'
        f'border:1px solid #777"></span><span>{html_text(label)}</span>'
        f'<span style="margin-left:auto;color:#555;padding-left:8px">{html_text(n)}</span></div>'
        for label, c, n in zip(labels, colors, counts)
    )
    return (
        f'<div class="pk-legend-box"><b class="pk-legend-title">{html_text(title)}</b>'
        f'<div class="pk-legend-body">{rows}</div></div>'
    )


class Controls(JSCSSMixin, MacroElement):
    """What makes a map readable (static/peta-kesos/maps.js): the region fitted beside the
    legend, kelurahan labels shown once their polygon is large enough on screen, a kelurahan
    search box and a fill-opacity slider, the labels listed in the layer control."""

    default_js = [("peta_kesos_maps", assets.CONTROLS_JS)]
    default_css = [("peta_kesos_maps_css", assets.CONTROLS_CSS)]
    _template = Template(
        """
        {% macro script(this, kwargs) %}
        PetaKesos.fitBeside({{ this.map.get_name() }}, {{ this.bounds_json }},
            {{ this.legend.get_name() if this.legend else "null" }});
        PetaKesos.labels({{ this.map.get_name() }}, {{ this.labels_json }}, {{ this.control.get_name() }},
            {{ this.strings["labels"] }});
        PetaKesos.search({{ this.map.get_name() }}, {{ this.units.get_name() }}, {{ this.search_json }},
            {placeholder: {{ this.strings["placeholder"] }}, none: {{ this.strings["none"] }}});
        PetaKesos.opacity({{ this.map.get_name() }}, {{ this.opacity }}, {{ this.strings["opacity"] }});
        {% endmacro %}
        """
    )

    def __init__(self, m, units, control, legend, shapes: gpd.GeoDataFrame, opacity: float):
        super().__init__()
        self._name = "Controls"
        self.map, self.units, self.control, self.legend, self.opacity = m, units, control, legend, opacity
        self.labels = label_rows(shapes)
        self.search = search_rows(shapes)
        self.labels_json, self.search_json = _js(self.labels), _js(self.search)
        self.bounds_json = _js(_leaflet_bounds(shapes))
        self.strings = {
            "labels": _js(html_text(t("map.layer.labels"))),
            "placeholder": _js(t("map.control.search")),
            "none": _js(t("map.control.search_none")),
            "opacity": _js(t("map.control.opacity")),
        }


class KecamatanLayer(MacroElement):
    """The kecamatan outlines (:func:`kecamatan_outlines`) as one GeoJSON geometry collection
    drawn by static/peta-kesos/maps.js as thick lines without fill, taking no clicks, listed in
    the layer control (so it can be turned off)."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        PetaKesos.outlines({{ this.map.get_name() }}, {{ this.geometry_json }}, {{ this.control.get_name() }},
            {{ this.name_json }});
        {% endmacro %}
        """
    )

    def __init__(self, m: folium.Map, control: folium.LayerControl, outlines: gpd.GeoDataFrame):
        super().__init__()
        self._name = "KecamatanLayer"
        self.map, self.control, self.outlines = m, control, outlines
        self.geometry = {
            "type": "GeometryCollection",
            "geometries": [shapely.geometry.mapping(g) for g in outlines.geometry],
        }
        self.geometry_json = _js(self.geometry)
        self.name_json = _js(html_text(t("map.layer.kecamatan")))


def label_rows(shapes: gpd.GeoDataFrame) -> list[list]:
    """One label per unit of ``shapes`` (EPSG:4326, ``nama``): [lat, lon, escaped name, bounds
    [south, west, north, east] and the name's width in pixels], placed at the visual centre of
    the unit's largest part; the label shows while that part's bounds are at least that wide."""
    rows = []
    for name, geom in zip(shapes["nama"], shapes.geometry):
        part = max(getattr(geom, "geoms", [geom]), key=lambda g: g.area)
        centre = polylabel(part, tolerance=1e-4) if part.geom_type == "Polygon" else part.representative_point()
        minx, miny, maxx, maxy = part.bounds
        text = str(name)
        rows.append(
            [round(centre.y, 5), round(centre.x, 5), html_text(text), [miny, minx, maxy, maxx], 6.5 * len(text) + 8]
        )
    return rows


def search_rows(shapes: gpd.GeoDataFrame) -> list[list]:
    """One search entry per unit of ``shapes``: [name (plain text, with its kecamatan when the
    frame has a ``kecamatan`` column), bounds [south, west, north, east], feature number]."""
    names = shapes["nama"].astype(str)
    if "kecamatan" in shapes.columns:
        names = names + " (" + shapes["kecamatan"].astype(str) + ")"
    return [
        [name, [b[1], b[0], b[3], b[2]], i] for i, (name, b) in enumerate(zip(names, shapes.geometry.bounds.to_numpy()))
    ]


def kecamatan_outlines(shapes: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """The kecamatan of ``shapes`` (kelurahan in EPSG:4326 with dotted Kemendagri ``kode``) as
    the union of their kelurahan polygons, one row per kecamatan code (the first three segments
    of ``kode``)."""
    kecamatan = shapes["kode"].astype(str).str.split(".").str[:3].str.join(".")
    frame = gpd.GeoDataFrame(
        {"kode_kecamatan": kecamatan.to_numpy()}, geometry=shapes.geometry.to_numpy(), crs=shapes.crs
    )
    return frame.dissolve("kode_kecamatan", as_index=False)[["kode_kecamatan", "geometry"]]


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
    m.fit_bounds(_leaflet_bounds(gdf))
    return m


def _leaflet_bounds(gdf: gpd.GeoDataFrame) -> list[list[float]]:
    """[[south, west], [north, east]] of ``gdf`` (EPSG:4326); Indonesia when it is empty."""
    minx, miny, maxx, maxy = gdf.total_bounds if len(gdf) else (95.0, -11.0, 141.0, 6.0)
    return [[float(miny), float(minx)], [float(maxy), float(maxx)]]


class _GeoJson(folium.GeoJson):
    """folium.GeoJson of a frame's rows whose bounds are the frame's (shapely's, vectorised):
    streamlit-folium asks a map for its bounds when it renders it, and folium finds a GeoJson's
    by walking every coordinate in Python, most of the rendering of a large map."""

    def __init__(self, gdf: gpd.GeoDataFrame, *args, **kwargs):
        # The feature collection as Python objects (what to_json would write and json.loads read
        # back), without writing the polygons out as text and parsing them again.
        super().__init__(gdf.to_geo_dict(drop_id=True), *args, **kwargs)
        self._bounds = _leaflet_bounds(gdf) if len(gdf) else [[None, None], [None, None]]

    def _get_self_bounds(self):
        return self._bounds


def _js(value) -> str:
    """``value`` as a JavaScript literal that is safe inside a ``<script>`` element: JSON with
    ``<``, ``>`` and ``&`` escaped, so no text (a name included) can close the script."""
    return json.dumps(value, ensure_ascii=False).replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


@shared
def choropleth(
    gdf: gpd.GeoDataFrame,
    classes: Classes,
    legend_title: str,
    labels: list[str],
    no_data_label: str,
    tooltip: dict[str, str],
    scope_kelurahan: tuple[str, ...] | None = None,
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
    scope_kelurahan : tuple of str, optional
        The codes (``kode``) of the units the user may see; the others are drawn as plain
        outlines (:func:`outside_scope`) and left out of the legend's counts. None: all units.
    """
    palette = PALETTES[max(1, min(len(classes.bins), 7))]
    index = np.asarray(classes.index)
    fill = np.where(index >= 0, np.take(palette, np.clip(index, 0, len(palette) - 1)), NO_DATA_COLOR)
    colors = list(palette[: len(classes.bins)])
    counted = index[~outside_scope(gdf, scope_kelurahan)]
    counts = [int((counted == i).sum()) for i in range(len(classes.bins))]
    missing = int((counted < 0).sum())
    legend_labels = list(labels)
    if missing:
        colors.append(NO_DATA_COLOR)
        counts.append(missing)
        legend_labels.append(no_data_label)
    legend = legend_html(legend_title, legend_labels, colors, counts)
    return _filled_map(gdf, fill, legend_title, tooltip, legend, scope_kelurahan)


def outside_scope(gdf: gpd.GeoDataFrame, scope_kelurahan: tuple[str, ...] | None) -> np.ndarray:
    """Whether each unit of ``gdf`` (by ``kode``) is outside ``scope_kelurahan`` (never, for
    None)."""
    if scope_kelurahan is None:
        return np.zeros(len(gdf), dtype=bool)
    return ~gdf["kode"].isin(list(scope_kelurahan)).to_numpy()


def _outlines(m: folium.Map, units: gpd.GeoDataFrame) -> None:
    """``units`` as plain grey outlines on ``m``: geometry only (no property, so no name or
    figure reaches the browser), no fill, no tooltip, taking no clicks."""
    _GeoJson(
        units[["geometry"]],
        name="outside",
        control=False,
        style_function=lambda f: {"color": OUTSIDE_COLOR, "weight": 0.8, "fill": False},
        interactive=False,
    ).add_to(m)


def no_polygon_caption(shapes: gpd.GeoDataFrame) -> None:
    """A caption naming the units of ``shapes`` that have no polygon to draw, if any."""
    missing = units_without_shape(shapes)
    if missing:
        st.caption(t("map.no_polygon", n=len(missing), names=", ".join(md(n) for n in missing)))


# streamlit-folium's component, held here: while one thread catches st_folium's call (below),
# the module's own name points elsewhere, and the other sessions' maps must still draw.
_COMPONENT = streamlit_folium._component_func


def show(m: folium.Map, key: str, height: int = 520) -> dict:
    """Render a map in the page; returns what streamlit-folium reports (the last click).

    What streamlit-folium hands its component for ``m`` under ``key`` (the map's script, header
    and HTML) is made once and kept on the map (:func:`_component_args`): rendering it was most
    of a warm page run's CPU, and a shared map (:func:`shared`) gives the same arguments to every
    session."""
    args = _component_args(m, key)
    return _COMPONENT(**{**args, "height": height})


def _component_args(m: folium.Map, key: str) -> dict:
    """The keyword arguments st_folium gives streamlit-folium's component for ``m`` and ``key``,
    made by st_folium itself the first time (its call caught) and kept on the map."""
    with _RENDER_LOCK:
        made = m.__dict__.setdefault("_pk_component_args", {})
        if key not in made:
            caught: dict = {}
            streamlit_folium._component_func = lambda **kwargs: caught.update(kwargs)
            try:
                st_folium(m, key=key, use_container_width=True, returned_objects=["last_active_drawing"])
            finally:
                streamlit_folium._component_func = _COMPONENT
            made[key] = caught
        return made[key]


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
HEAT_OPACITY = 0.75
# Degrees (about 5 m at the equator) within which the heat layer's vertices are merged.
HEAT_TOLERANCE = 5e-5


def _filled_map(
    gdf: gpd.GeoDataFrame,
    fill: np.ndarray,
    name: str,
    tooltip: dict[str, str],
    legend: str,
    scope_kelurahan: tuple[str, ...] | None = None,
) -> folium.Map:
    """A map of the units of ``gdf`` that have a polygon, each filled with its colour in
    ``fill`` (aligned with ``gdf``), with a hover tooltip of the ``tooltip`` columns as text,
    the legend ``legend`` (HTML) and the readable-map layers and controls of :func:`_readable`;
    units outside ``scope_kelurahan`` only as outlines (:func:`_outlines`), the map fitted to
    the others."""
    drawable = ~gdf.geometry.is_empty.to_numpy() & gdf.geometry.notna().to_numpy()
    outside = outside_scope(gdf, scope_kelurahan)
    shown = gdf.assign(_fill=fill)[drawable & ~outside]
    props = _as_html_text(shown[[*tooltip, "_fill", "geometry"]], tooltip).assign(_pk=range(len(shown)))
    m = base_map(shown if len(shown) else gdf[drawable])
    _with_sea(m)
    if (drawable & outside).any():
        _outlines(m, gdf[drawable & outside])
    units = _GeoJson(
        props,
        name=html_text(name),
        style_function=lambda f: {
            "fillColor": f["properties"]["_fill"],
            "color": "#555555",
            "weight": 0.6,
            "fillOpacity": FILL_OPACITY,
            "className": "pk-unit",
        },
        highlight_function=lambda f: {"weight": 2.5, "color": "#000000"},
        tooltip=_tooltip(tooltip),
    ).add_to(m)
    return _readable(m, units, shown, legend, FILL_OPACITY)


def _readable(m: folium.Map, units: folium.GeoJson, shown: gpd.GeoDataFrame, legend: str, opacity: float) -> folium.Map:
    """``m`` with its legend, the kecamatan outlines of ``shown`` as a layer, a layer control
    and :class:`Controls`: labels, search in ``units`` (the layer of ``shown``), the opacity
    (from ``opacity``) of the paths of class ``pk-unit``."""
    legend_el = Legend(legend)
    legend_el.add_to(m)
    control = folium.LayerControl(position="topright", collapsed=False).add_to(m)
    # Only a map of kelurahan/desa (four-segment codes) has kecamatan to outline.
    if "kode" in shown.columns and len(shown) and shown["kode"].astype(str).str.count(r"\.").min() >= 3:
        KecamatanLayer(m, control, kecamatan_outlines(shown)).add_to(m)
    Controls(m, units, control, legend_el, shown, opacity).add_to(m)
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


@shared
def categorical(
    gdf: gpd.GeoDataFrame,
    column: str,
    colors: dict[str, str],
    labels: dict[str, str],
    legend_title: str,
    no_data_label: str,
    tooltip: dict[str, str],
    scope_kelurahan: tuple[str, ...] | None = None,
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
    scope_kelurahan : tuple of str, optional
        As for :func:`choropleth`.
    """
    codes = gdf[column].where(gdf[column].isin(list(colors)), None)
    fill = codes.map(colors).fillna(NO_DATA_COLOR)
    outside = outside_scope(gdf, scope_kelurahan)
    codes = codes[~outside]
    counts = codes.value_counts()
    legend_labels = [labels[c] for c in colors]
    legend_colors = list(colors.values())
    legend_counts = [int(counts.get(c, 0)) for c in colors]
    missing = int(codes.isna().sum())
    if missing:
        legend_labels.append(no_data_label)
        legend_colors.append(NO_DATA_COLOR)
        legend_counts.append(missing)
    legend = legend_html(legend_title, legend_labels, legend_colors, legend_counts)
    return _filled_map(gdf, fill.to_numpy(), legend_title, tooltip, legend, scope_kelurahan)


@shared
def hotspot_map(
    gdf: gpd.GeoDataFrame,
    column: str,
    labels: dict[str, str],
    legend_title: str,
    no_data_label: str,
    tooltip: dict[str, str],
    scope_kelurahan: tuple[str, ...] | None = None,
) -> folium.Map:
    """:func:`categorical` with the hot-spot classes of ``analytics.hotspots.HOTSPOT_CLASSES``
    in :data:`HOTSPOT_COLORS`."""
    return categorical(gdf, column, HOTSPOT_COLORS, labels, legend_title, no_data_label, tooltip, scope_kelurahan)


@shared
def heat_map(
    boundaries: gpd.GeoDataFrame,
    cells: gpd.GeoDataFrame,
    labels: list[str],
    notes: list[str],
    legend_title: str,
    tooltip: dict[str, str],
    scope_kelurahan: tuple[str, ...] | None = None,
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
    scope_kelurahan : tuple of str, optional
        As for :func:`choropleth`: the units outside it are plain outlines without tooltip
        (the heat cells are the caller's, made from the cases of the scope).
    """
    palette = HEAT_COLORS[-len(labels) :] if 0 < len(labels) <= len(HEAT_COLORS) else HEAT_COLORS
    drawable = ~boundaries.geometry.is_empty.to_numpy() & boundaries.geometry.notna().to_numpy()
    outside = outside_scope(boundaries, scope_kelurahan)
    drawn = boundaries[drawable & ~outside]
    m = base_map(drawn if len(drawn) else cells)
    _with_sea(m)
    if (drawable & outside).any():
        _outlines(m, boundaries[drawable & outside])
    outline = _as_html_text(drawn[[*tooltip, "geometry"]], tooltip).assign(_pk=range(len(drawn)))
    # The white ground under the heat layer is no layer of its own in the layer control.
    units = _GeoJson(
        outline,
        name="boundaries",
        control=False,
        style_function=lambda f: {"fillColor": "#ffffff", "color": "#777777", "weight": 0.6, "fillOpacity": 0.6},
        tooltip=_tooltip(tooltip),
    ).add_to(m)
    if len(cells):
        layer = cells[["class_index", "geometry"]].copy()
        # Coordinates to five decimals (about a metre, as the boundaries) and vertices closer
        # than ~5 m merged: the contours are smooth, and the map stays under 1 MB.
        layer["geometry"] = shapely.set_precision(shapely.simplify(layer.geometry.to_numpy(), HEAT_TOLERANCE), 1e-5)
        layer["_fill"] = [palette[min(int(i), len(palette) - 1)] for i in layer["class_index"]]
        _GeoJson(
            layer.drop(columns="class_index"),
            name=html_text(legend_title),
            style_function=lambda f: {
                "fillColor": f["properties"]["_fill"],
                "stroke": False,
                "fillOpacity": HEAT_OPACITY,
                "className": "pk-unit",
            },
            interactive=False,
        ).add_to(m)
    legend = legend_html(legend_title, list(labels), list(palette[: len(labels)]), list(notes))
    return _readable(m, units, drawn, legend, HEAT_OPACITY)
