"""Data, cached computations and charts of the PMKS page."""

from __future__ import annotations

import datetime as dt

import geopandas as gpd
import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from analytics import hotspots
from analytics.classify import Classes
from ui import data
from ui.i18n import t
from warehouse import export_hotspots

BANDWIDTHS_M = (250, 500, 750, 1000, 1500, 2000, 3000)
BAR_COLOR = "#2c7fb8"


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
    days = [d for d in (value or ()) if d is not None]
    if not days:
        return default
    return days[0], days[-1]


@st.cache_data(show_spinner=False, max_entries=32)
def _analysis(path: str, version: float, key: tuple, measure: str) -> pd.DataFrame:
    params = _thawed(key)
    counts = data.query("pmks_cases_kelurahan", **params)
    return export_hotspots.analysis(counts, data.boundaries(params["kode_region"]), measure)


def analysis(params: dict, measure: str) -> pd.DataFrame:
    """Counts, rates and Gi* hot spots per kelurahan (:func:`warehouse.export_hotspots.analysis`)."""
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


def rows(name: str, params: dict) -> pd.DataFrame:
    """Rows of ``queries/<name>.sql`` for the page's filter."""
    return data.query(name, **params)


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
        x=occupancy["tanggal"], y=occupancy["occupants_count"], mode="lines", name=t("pmks.shelter.occupants"),
        line={"color": BAR_COLOR, "width": 2, "shape": "hv"},
    )
    fig.update_layout(
        title=title, yaxis_title=t("pmks.unit.persons"), height=320, margin={"l": 10, "r": 10, "t": 40, "b": 10},
    )
    return fig


def response_chart(by_shift: pd.DataFrame, title: str, target_minutes: float) -> go.Figure:
    """Median and 90th-percentile response per shift with the target line (minutes)."""
    names = [t(f"pmks.shift.{s}") for s in by_shift["shift"]]
    fig = go.Figure()
    fig.add_bar(x=names, y=by_shift["median_minutes"], name=t("pmks.response.median"), marker={"color": "#7fcdbb"})
    fig.add_bar(x=names, y=by_shift["p90_minutes"], name=t("pmks.response.p90"), marker={"color": BAR_COLOR})
    fig.add_hline(y=target_minutes, line_dash="dash", line_color="#d95f02", annotation_text=t("pmks.response.target_line"))
    fig.update_layout(
        title=title, yaxis_title=t("pmks.unit.minutes"), barmode="group", height=320,
        margin={"l": 10, "r": 10, "t": 40, "b": 10}, legend={"orientation": "h", "y": -0.2},
    )
    return fig
