"""Data, cached computations, tables, maps and charts of the PMKS page."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import folium
import geopandas as gpd
import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from analytics import hotspots
from analytics.classify import Classes, classify
from domain.codes import PMKS_CATEGORIES, PMKS_OUTCOMES, PMKS_SOURCES
from reports import hotspots as hotspots_report
from ui import data, maps, tables
from ui.i18n import fmt_float, fmt_int, t

BANDWIDTHS_M = (250, 500, 750, 1000, 1500, 2000, 3000)
DEFAULT_BANDWIDTH_M = 750
BAR_COLOR = "#2c7fb8"


# --- formatting ----------------------------------------------------------------------------


def pct(rate) -> str:
    """A 0-1 rate as 'x.x %'; a dash for NaN."""
    return "–" if rate != rate else f"{fmt_float(rate * 100)} %"


def minutes(value) -> str:
    return "–" if value != value else t("pmks.minutes", n=fmt_float(value, 0))


def hours(value) -> str:
    return "–" if value != value else t("pmks.hours", n=fmt_float(value))


def days(value) -> str:
    return "–" if value != value else t("pmks.days", n=fmt_float(value))


def rate_text(value) -> str:
    """A density or per-capita rate with two decimals; a dash for NaN (no area or population)."""
    return "–" if value != value else fmt_float(value, 2)


def kategori_name(code: str) -> str:
    return t(f"pmks.kategori.{code}")


def sumber_name(code: str) -> str:
    return t(f"pmks.sumber.{code}")


# --- data ------------------------------------------------------------------------------------


def _frozen(params: dict) -> tuple:
    """Query parameters as a hashable, order-independent cache key."""
    return tuple(sorted((k, tuple(v) if isinstance(v, list) else v) for k, v in params.items()))


def _thawed(key: tuple) -> dict:
    return {k: list(v) if isinstance(v, tuple) else v for k, v in key}


def _version() -> tuple[str, float]:
    path = data.warehouse_file()
    return str(path), path.stat().st_mtime


def period(kode_region: str) -> dict:
    """first_date and last_date (datetime.date, None without cases) and cases_count of the
    region's case reports."""
    row = data.query("pmks_period", kode_region=kode_region).iloc[0]
    return {
        "first_date": _day(row["first_date"]),
        "last_date": _day(row["last_date"]),
        "cases_count": int(row["cases_count"]),
    }


def _day(value) -> dt.date | None:
    return None if pd.isna(value) else pd.Timestamp(value).date()


def date_range(value, default: tuple[dt.date, dt.date]) -> tuple[dt.date, dt.date]:
    """(from, to) of a ``st.date_input`` range; while only the first day is picked, that day."""
    if isinstance(value, dt.date):
        return value, value
    days_ = [d for d in (value or ()) if d is not None]
    if not days_:
        return default
    return days_[0], days_[-1]


@dataclass(frozen=True)
class CaseRows:
    """The rows of the ``pmks_*`` queries for one filter (see each query's header)."""

    categories: pd.DataFrame  # pmks_cases_category: kode, kategori, sumber, cases_count
    response: pd.DataFrame  # pmks_response: one row per case with its times
    lifecycle: pd.DataFrame  # pmks_lifecycle: kategori, tahap, hasil, cases_count
    history: pd.DataFrame  # pmks_stage_history: kategori, tahap, waktu_mulai, waktu_selesai
    stays: pd.DataFrame  # pmks_shelter: one row per shelter stay overlapping the period


@st.cache_data(show_spinner=False, max_entries=32)
def _load(path: str, version: float, key: tuple) -> CaseRows:
    params = _thawed(key)
    return CaseRows(
        categories=data.query("pmks_cases_category", **params),
        response=data.query("pmks_response", **params),
        lifecycle=data.query("pmks_lifecycle", **params),
        history=data.query("pmks_stage_history", **params),
        stays=data.query("pmks_shelter", **params),
    )


def load(params: dict) -> CaseRows:
    """The page's case rows for the filter ``params`` (:func:`hotspots_report.query_params`)."""
    return _load(*_version(), _frozen(params))


@st.cache_data(show_spinner=False, max_entries=32)
def _analysis(path: str, version: float, key: tuple, measure: str) -> pd.DataFrame:
    params = _thawed(key)
    counts = data.query("pmks_cases_kelurahan", **params)
    return hotspots_report.analysis(counts, data.boundaries(params["kode_region"]), measure)


def analysis(params: dict, measure: str) -> pd.DataFrame:
    """Counts, rates and Gi* hot spots per kelurahan (:func:`warehouse.hotspots_report.analysis`),
    cached: the permutation test takes about a second."""
    return _analysis(*_version(), _frozen(params), measure)


@st.cache_data(show_spinner=False, max_entries=16)
def _moran(path: str, version: float, key: tuple, measure: str) -> pd.DataFrame:
    result = _analysis(path, version, key, measure)
    shapes = data.boundaries(_thawed(key)["kode_region"])
    geometry = shapes.set_index("kode").geometry.reindex(result["kode"])
    units = gpd.GeoDataFrame(result, geometry=geometry.to_numpy(), crs=shapes.crs)
    return hotspots.local_moran(units, measure)


def moran(params: dict, measure: str) -> pd.DataFrame:
    """Local Moran's I clusters per kelurahan on the same value as the hot spots."""
    return _moran(*_version(), _frozen(params), measure)


@st.cache_data(show_spinner=False, max_entries=16)
def _heat(path: str, version: float, key: tuple, bandwidth_m: float) -> tuple[gpd.GeoDataFrame, Classes, int, float]:
    params = _thawed(key)
    points = data.query("pmks_case_points", **params)
    shapes = data.boundaries(params["kode_region"])
    drawn = shapes[shapes.geometry.notna() & ~shapes.geometry.is_empty]
    bounds = tuple(drawn.total_bounds) if len(drawn) else None
    grid = hotspots.kernel_density(points["lon"], points["lat"], bandwidth_m=bandwidth_m, bounds=bounds)
    classes = hotspots.density_classes(grid)
    return hotspots.density_polygons(grid, classes), classes, grid.points_count, grid.cell_m


def heat(params: dict, bandwidth_m: float) -> tuple[gpd.GeoDataFrame, Classes, int, float]:
    """(class polygons, classes, points on the grid, cell size in metres) of the case points'
    kernel density (:func:`analytics.hotspots.kernel_density`) over the region's boundaries."""
    return _heat(*_version(), _frozen(params), float(bandwidth_m))


def downloads(result: pd.DataFrame, header: str) -> dict[str, bytes]:
    """The hot-spot table as the files of ``python -m warehouse export hotspots``, by format."""
    table = hotspots_report.hotspot_table(result)
    return {fmt: hotspots_report.hotspot_file(table, header, fmt) for fmt in hotspots_report.FORMATS}


# --- maps ------------------------------------------------------------------------------------


def _tooltip(measure: str) -> dict[str, str]:
    return {
        "nama": t("col.kelurahan"),
        "kecamatan": t("col.kecamatan"),
        "cases_count": t("pmks.col.cases"),
        measure: t(f"pmks.col.{measure}"),
    }


def _as_text(shapes: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    return tables.as_text(shapes, {"cases_count": fmt_int, "cases_per_km2": rate_text, "cases_per_10k": rate_text})


def density_map(shapes: gpd.GeoDataFrame, measure: str) -> folium.Map:
    """Choropleth of ``measure`` (cases per km2 or per 10,000 residents) in five quantile
    classes; ``shapes`` are the boundaries joined with :func:`analysis`."""
    classes = classify(shapes[measure], scheme="quantiles", k=5)
    return maps.choropleth(
        _as_text(shapes),
        classes,
        legend_title=t(f"pmks.legend.{measure}"),
        labels=maps.class_labels(classes, rate_text),
        no_data_label=t("map.no_data"),
        tooltip=_tooltip(measure),
    )


def hotspot_map(shapes: gpd.GeoDataFrame, measure: str) -> folium.Map:
    """The Gi* classes of ``shapes`` (joined with :func:`analysis`) with their confidence."""
    labels = {c: t(f"pmks.hotspot.class.{c}") for c in hotspots.HOTSPOT_CLASSES}
    shown = _as_text(shapes).assign(_label=shapes["hotspot_class"].map(labels).fillna(t("map.no_data")))
    return maps.hotspot_map(
        shown,
        "hotspot_class",
        labels,
        t("pmks.hotspot.legend"),
        t("map.no_data"),
        {**_tooltip(measure), "_label": t("pmks.col.hotspot_class")},
    )


def moran_map(shapes: gpd.GeoDataFrame, clusters: pd.DataFrame, measure: str) -> folium.Map:
    """The Local Moran clusters and outliers (:func:`moran`) on the boundaries."""
    labels = {c: t(f"pmks.moran.class.{c}") for c in hotspots.MORAN_CLASSES}
    classes = maps.join_values(shapes[["kode", "geometry"]], clusters)["moran_class"]
    shown = _as_text(shapes).assign(_class=classes.to_numpy())
    shown["_label"] = shown["_class"].map(labels).fillna(t("map.no_data"))
    return maps.categorical(
        shown,
        "_class",
        maps.MORAN_COLORS,
        labels,
        t("pmks.moran.legend"),
        t("map.no_data"),
        {**_tooltip(measure), "_label": t("pmks.col.moran_class")},
    )


def heat_map(boundaries: gpd.GeoDataFrame, cells: gpd.GeoDataFrame, classes: Classes) -> folium.Map:
    """The kernel density classes of :func:`heat` over the boundaries, the legend giving each
    class's range (cases per km2) and area."""
    labels = maps.class_labels(classes, lambda v: fmt_float(v, 0))
    areas = dict(zip(cells["class_index"], cells["area_km2"]))
    notes = [t("pmks.km2", n=fmt_float(areas.get(i, 0.0), 1)) for i in range(len(labels))]
    return maps.heat_map(
        boundaries,
        cells,
        labels,
        notes,
        t("pmks.heat.legend"),
        {"nama": t("col.kelurahan"), "kecamatan": t("col.kecamatan")},
    )


# --- tables ----------------------------------------------------------------------------------


def hot_table(result: pd.DataFrame, measure: str) -> pd.DataFrame:
    """The significant kelurahan, strongest hot spot first."""
    hot = result[result["confidence_pct"] > 0].sort_values("gi_z", ascending=False)
    return tables.localized(
        hot.assign(hotspot_class=hot["hotspot_class"].map(lambda c: t(f"pmks.hotspot.class.{c}"))),
        {
            "nama": "col.kelurahan",
            "kecamatan": "col.kecamatan",
            "cases_count": "pmks.col.cases",
            measure: f"pmks.col.{measure}",
            "gi_z": "pmks.col.gi_z",
            "gi_p_fdr": "pmks.col.gi_p_fdr",
            "hotspot_class": "pmks.col.hotspot_class",
        },
    )


def unit_table(result: pd.DataFrame, categories: pd.DataFrame) -> pd.DataFrame:
    """Every kelurahan's cases, density, rate and hot-spot class with its cases per source
    (:func:`analytics.hotspots.unit_breakdown`), most cases first."""
    by_source = hotspots.unit_breakdown(categories, result["kode"], "sumber", PMKS_SOURCES)
    frame = result.merge(by_source, on="kode", how="left").sort_values("cases_count", ascending=False, kind="stable")
    frame["hotspot_class"] = frame["hotspot_class"].map(
        lambda c: t(f"pmks.hotspot.class.{c}") if c in hotspots.HOTSPOT_CLASSES else t("map.no_data")
    )
    return tables.localized(
        frame,
        {
            "nama": "col.kelurahan",
            "kecamatan": "col.kecamatan",
            "cases_count": "pmks.col.cases",
            "cases_per_km2": "pmks.col.cases_per_km2",
            "cases_per_10k": "pmks.col.cases_per_10k",
            "hotspot_class": "pmks.col.hotspot_class",
            **{f"{s}_count": f"pmks.sumber.{s}" for s in PMKS_SOURCES},
        },
    )


def category_table(categories: pd.DataFrame) -> pd.DataFrame:
    """Cases by category and source over the region (:func:`hotspots.category_source_table`)."""
    by_category = hotspots.category_source_table(categories, PMKS_CATEGORIES, PMKS_SOURCES)
    return tables.localized(
        by_category.assign(kategori=by_category["kategori"].map(kategori_name)),
        {
            "kategori": "pmks.col.kategori",
            **{f"{s}_count": f"pmks.sumber.{s}" for s in PMKS_SOURCES},
            "total_count": "pmks.col.cases",
            "share_rate": "pmks.col.share_pct",
        },
        percent=("share_rate",),
    )


def shift_table(by_shift: pd.DataFrame) -> pd.DataFrame:
    """Response times and workload per shift (:func:`analytics.response.shift_summary`)."""
    return tables.localized(
        by_shift.assign(shift=by_shift["shift"].map(lambda s: t(f"pmks.shift.{s}"))),
        {
            "shift": "pmks.col.shift",
            "cases_count": "pmks.col.cases",
            "median_minutes": "pmks.col.median_minutes",
            "p90_minutes": "pmks.col.p90_minutes",
            "within_target_rate": "pmks.col.within_target_pct",
            "cases_per_shift": "pmks.col.cases_per_shift",
            "cases_per_member_per_shift": "pmks.col.cases_per_member",
        },
        percent=("within_target_rate",),
    )


RESPONSE_COLUMNS = {
    "cases_count": "pmks.col.cases",
    "median_minutes": "pmks.col.median_minutes",
    "p90_minutes": "pmks.col.p90_minutes",
    "within_target_rate": "pmks.col.within_target_pct",
    "no_arrival_count": "pmks.col.no_arrival",
}


def response_by_category(summary: pd.DataFrame) -> pd.DataFrame:
    """:func:`analytics.response.response_summary` by kategori, most cases first."""
    rows = summary.sort_values("cases_count", ascending=False, kind="stable")
    return tables.localized(
        rows.assign(kategori=rows["kategori"].map(kategori_name)),
        {"kategori": "pmks.col.kategori", **RESPONSE_COLUMNS},
        percent=("within_target_rate",),
    )


def response_by_unit(summary: pd.DataFrame) -> pd.DataFrame:
    """:func:`analytics.response.response_summary` by kelurahan, slowest (90th percentile) first."""
    rows = summary.sort_values("p90_minutes", ascending=False, kind="stable")
    return tables.localized(rows, {"nama": "col.kelurahan", **RESPONSE_COLUMNS}, percent=("within_target_rate",))


def durations_table(durations: pd.DataFrame) -> pd.DataFrame:
    """Time in each stage (:func:`analytics.cases.stage_durations`) as text with units."""
    return tables.localized(
        tables.as_text(
            durations.assign(tahap=durations["tahap"].map(lambda s: t(f"pmks.tahap.{s}"))),
            {"median_hours": hours, "p90_hours": hours, "open_median_hours": hours},
        ),
        {
            "tahap": "pmks.col.tahap",
            "completed_count": "pmks.col.completed",
            "median_hours": "pmks.col.median_time",
            "p90_hours": "pmks.col.p90_time",
            "open_count": "pmks.col.open",
            "open_median_hours": "pmks.col.open_time",
        },
    )


def outcomes_table(outcomes: pd.DataFrame) -> pd.DataFrame:
    """Outcomes per category (:func:`analytics.cases.outcomes_by_category`), in %."""
    return tables.localized(
        outcomes.assign(kategori=outcomes["kategori"].map(kategori_name)),
        {
            "kategori": "pmks.col.kategori",
            "cases_count": "pmks.col.cases",
            "open_count": "pmks.col.open_cases",
            **{f"{h}_rate": f"pmks.hasil.{h}" for h in PMKS_OUTCOMES},
        },
        percent=tuple(f"{h}_rate" for h in PMKS_OUTCOMES),
    )


# --- charts ----------------------------------------------------------------------------------


def funnel_chart(funnel: pd.DataFrame, title: str) -> go.Figure:
    """The lifecycle funnel (rows of analytics.cases.lifecycle_funnel)."""
    fig = go.Figure(
        go.Funnel(
            y=[t(f"pmks.tahap.{s}") for s in funnel["tahap"]],
            x=funnel["reached_count"].tolist(),
            textinfo="value+percent initial",
            marker={"color": BAR_COLOR},
        )
    )
    fig.update_layout(title=title, height=380, margin={"l": 10, "r": 10, "t": 40, "b": 10})
    return fig


def occupancy_chart(occupancy: pd.DataFrame, title: str) -> go.Figure:
    """People in the shelter per day (rows of analytics.cases.shelter_occupancy)."""
    fig = go.Figure()
    fig.add_scatter(
        x=occupancy["tanggal"],
        y=occupancy["occupants_count"],
        mode="lines",
        name=t("pmks.shelter.occupants"),
        line={"color": BAR_COLOR, "width": 2, "shape": "hv"},
    )
    fig.update_layout(
        title=title,
        yaxis_title=t("pmks.unit.persons"),
        height=320,
        margin={"l": 10, "r": 10, "t": 40, "b": 10},
    )
    return fig


def response_chart(by_shift: pd.DataFrame, title: str, target_minutes: float) -> go.Figure:
    """Median and 90th-percentile response per shift with the target line (minutes)."""
    names = [t(f"pmks.shift.{s}") for s in by_shift["shift"]]
    fig = go.Figure()
    fig.add_bar(x=names, y=by_shift["median_minutes"], name=t("pmks.response.median"), marker={"color": "#7fcdbb"})
    fig.add_bar(x=names, y=by_shift["p90_minutes"], name=t("pmks.response.p90"), marker={"color": BAR_COLOR})
    fig.add_hline(
        y=target_minutes, line_dash="dash", line_color="#d95f02", annotation_text=t("pmks.response.target_line")
    )
    fig.update_layout(
        title=title,
        yaxis_title=t("pmks.unit.minutes"),
        barmode="group",
        height=320,
        margin={"l": 10, "r": 10, "t": 40, "b": 10},
        legend={"orientation": "h", "y": -0.2},
    )
    return fig
