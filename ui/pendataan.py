"""The pendataan page's cached read of :mod:`reports.pendataan` and its Streamlit-aware parts:
headline figures, the map per kecamatan or kelurahan, the chart and the tables in the session's
language (app_pages/pendataan.py)."""

from __future__ import annotations

import datetime as dt

import folium
import geopandas as gpd
import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from analytics import classify
from reports import pendataan as report
from reports import settings
from reports.settings import Campaign
from ui import data, maps, tables
from ui.i18n import current_language, fmt_date, fmt_float, fmt_int, t
from ui.safe import html_text, md

MAP_KEY = "pendataan_map"
Progress = report.Progress

campaign_progress = data.cached(report.campaign_progress, max_entries=16)

UNIT_COLUMNS = {
    "kode": "col.kode",
    "unit": "pendataan.col.unit",
    "target_count": "pendataan.col.target",
    "records_count": "pendataan.col.records",
    "progress_pct": "pendataan.col.progress_pct",
    "expected_count": "pendataan.col.expected",
    "gap_count": "pendataan.col.gap",
    "lagging": "pendataan.col.lagging",
    "collectors_count": "pendataan.col.collectors",
}
COLLECTOR_COLUMNS = {
    "id_petugas": "pendataan.col.id_petugas",
    "nama_petugas": "pendataan.col.nama_petugas",
    "peran": "pendataan.col.peran",
    "kecamatan": "col.kecamatan",
    "records_count": "pendataan.col.records",
    "days_active": "pendataan.col.days_active",
    "records_per_day": "pendataan.col.per_day",
    "kelurahan_count": "pendataan.col.kelurahan_count",
    "first_date": "pendataan.col.first_date",
    "last_date": "pendataan.col.last_date",
}


def campaigns(kode_region: str) -> tuple[Campaign, ...]:
    """The campaigns of ``config/pendataan.toml`` with targets in the region."""
    return report.campaigns(kode_region)


def suppress_below() -> int:
    """The suppression threshold of ``config/privacy.toml``."""
    return settings.suppress_below()


def caption(region_name: str, today: dt.date, campaign: Campaign) -> str:
    """The page's caption: region, data date, the campaign's window, level and categories."""
    return t(
        "pendataan.caption",
        region=md(region_name),
        date=fmt_date(today),
        campaign=md(campaign.nama),
        mulai=fmt_date(campaign.mulai),
        selesai=fmt_date(campaign.selesai),
        tingkat=t(f"pendataan.level.{campaign.tingkat}"),
        kategori=md(", ".join(campaign.kategori)),
    )


def pct(rate) -> str:
    return "–" if pd.isna(rate) else f"{fmt_float(rate * 100)} %"


def count(value) -> str:
    return "–" if pd.isna(value) else fmt_int(value)


def show_headline(found: Progress) -> None:
    """Records, target, progress, lagging units and active collectors of the region."""
    region = found.region
    c1, c2, c3, c4, c5 = st.columns(5)
    c1.metric(t("pendataan.metric.records"), count(region["records_count"]))
    c2.metric(t("pendataan.metric.target"), count(region["target_count"]))
    c3.metric(
        t("pendataan.metric.progress"),
        pct(region["progress_rate"]),
        help=t(
            "pendataan.metric.progress_help",
            records=count(region["records_count"]),
            target=count(region["target_count"]),
            expected=count(region["expected_count"]),
        ),
    )
    c4.metric(
        t("pendataan.metric.lagging"),
        count(region["lagging_count"]),
        help=t("pendataan.metric.lagging_help", n=count(region["lagging_count"]), units=count(region["units_count"])),
    )
    c5.metric(t("pendataan.metric.collectors"), count(len(found.collectors)))


def definitions(found: Progress) -> str:
    """The definitions of the page's figures, with the elapsed share."""
    return t("pendataan.definitions", expected=fmt_float(found.expected_rate * 100))


def unit_frame(found: Progress, threshold: int) -> pd.DataFrame:
    """The export table (:func:`reports.pendataan.export_table`): what the map, the tables and
    the download show."""
    return report.export_table(found.units, threshold)


def _typed(units: pd.DataFrame) -> pd.DataFrame:
    shown = units.assign(lagging=units["lagging"].map({True: t("pendataan.yes"), False: t("pendataan.no")}))
    return shown.astype(
        {c: "Float64" if c.endswith("_pct") else "Int64" for c in shown.columns if c.endswith(("_count", "_pct"))}
    )


def unit_table(units: pd.DataFrame) -> None:
    """The units of :func:`unit_frame` (a suppressed cell empty), in the session's language."""
    headers = {c: t(k) for c, k in UNIT_COLUMNS.items()}
    if "kecamatan" in units.columns:
        headers = {
            **dict(list(headers.items())[:2]),
            "kecamatan": t("col.kecamatan"),
            **dict(list(headers.items())[2:]),
        }
    tables.show(_typed(units), headers)


def lagging_table(units: pd.DataFrame) -> pd.DataFrame | None:
    """The lagging units of :func:`unit_frame`, largest gap first; None when no unit lags."""
    lagging = units[units["lagging"].astype(bool)]
    if lagging.empty:
        return None
    ordered = lagging.assign(_gap=pd.to_numeric(lagging["gap_count"], errors="coerce").fillna(0)).sort_values(
        ["_gap", "kode"], ascending=[False, True], kind="stable"
    )
    return tables.localized(
        _typed(ordered.drop(columns="_gap")),
        {c: UNIT_COLUMNS[c] for c in ("kode", "unit", "target_count", "records_count", "expected_count", "gap_count")},
    )


def collector_table(found: Progress) -> pd.DataFrame:
    """Each collector's output, headers in the session's language."""
    shown = found.collectors.assign(peran=[t(f"pendataan.peran.{p}") if p else "" for p in found.collectors["peran"]])
    return tables.localized(shown, COLLECTOR_COLUMNS)


def _unit_shapes(kode_region: str, tingkat: str) -> gpd.GeoDataFrame:
    """The region's kelurahan, or its kecamatan as the union of their kelurahan (EPSG:4326)."""
    shapes = data.boundaries(kode_region)
    if tingkat == "kelurahan":
        return shapes
    outlines = maps.kecamatan_outlines(shapes[~shapes.geometry.is_empty & shapes.geometry.notna()])
    names = shapes.groupby("kode_kecamatan")["kecamatan"].first()
    return gpd.GeoDataFrame(
        {
            "kode": outlines["kode_kecamatan"].to_numpy(),
            "nama": outlines["kode_kecamatan"].map(names).to_numpy(),
            "kecamatan": outlines["kode_kecamatan"].map(names).to_numpy(),
        },
        geometry=outlines.geometry.to_numpy(),
        crs=outlines.crs,
    )


def choropleth(kode_region: str, tingkat: str, units: pd.DataFrame) -> tuple[folium.Map, list[str]]:
    """The map of progress per unit (quantile classes of progress_pct, legend; no target or a
    suppressed count drawn as no data) and the names of units without a polygon."""
    label = t("pendataan.map.legend")
    shapes = maps.join_values(_unit_shapes(kode_region, tingkat), units.drop(columns=["kecamatan"], errors="ignore"))
    classes = classify.classify(pd.to_numeric(shapes["progress_pct"], errors="coerce"), scheme="quantiles", k=5)
    shown = tables.as_text(
        shapes,
        {
            "progress_pct": lambda v: "–" if pd.isna(v) else f"{fmt_float(v)} %",
            "records_count": count,
            "target_count": count,
            "gap_count": count,
        },
    )
    m = maps.choropleth(
        shown,
        classes,
        legend_title=label,
        labels=maps.class_labels(classes, fmt_float),
        no_data_label=t("pendataan.map.no_data"),
        tooltip={
            "kode": t("col.kode"),
            "nama": t("pendataan.col.unit"),
            "progress_pct": t("pendataan.col.progress_pct"),
            "records_count": t("pendataan.col.records"),
            "target_count": t("pendataan.col.target"),
            "gap_count": t("pendataan.col.gap"),
        },
    )
    return m, [md(name) for name in maps.units_without_shape(shapes)]


def progress_chart(found: Progress) -> go.Figure | None:
    """Cumulative records per day against the target line; None before the campaign opens."""
    daily = found.daily
    if daily.empty:
        return None
    fig = go.Figure()
    fig.add_scatter(
        x=daily["tanggal"], y=daily["records_count"], mode="lines", name=html_text(t("pendataan.chart.records"))
    )
    fig.add_scatter(
        x=daily["tanggal"],
        y=daily["expected_count"],
        mode="lines",
        line={"dash": "dash"},
        name=html_text(t("pendataan.chart.expected")),
    )
    fig.update_layout(
        xaxis_title=t("pendataan.chart.date"), yaxis_title=t("pendataan.chart.count"), margin={"t": 30}, height=320
    )
    return fig


def unit_csv(found: Progress, region_name: str, kode: str, today: dt.date, threshold: int):
    """A callable making the file of ``python -m warehouse export pendataan --format csv`` for this
    campaign in the session's language, for a deferred download (the language is read now)."""
    lang = current_language()
    return lambda: report.unit_csv(found, region_name, kode, today, threshold, lang)
