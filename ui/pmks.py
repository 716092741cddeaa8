"""The PMKS page's cached reads of :mod:`reports.hotspots` and its Streamlit-aware parts:
tables, maps and charts in the session's language (app_pages/pmks.py).

A little over 500 lines: one page's formatting, maps, tables and charts, in those sections."""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable

import folium
import geopandas as gpd
import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from analytics import hotspots, response
from analytics.classify import Classes, classify
from domain.codes import PMKS_CATEGORIES, PMKS_OUTCOMES, PMKS_SOURCES
from reports import hotspots as hotspots_report
from reports import settings
from ui import charts, data, maps, tables, url
from ui.i18n import current_language, fmt_date, fmt_float, fmt_int, plot, t
from ui.safe import md
from ui.six_t import kelurahan_filter, rerun_on_click

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


def count_text(value) -> str:
    """A count; a dash for NaN (a unit without values, outside the user's scope)."""
    return "–" if value != value else fmt_int(value)


def kategori_name(code: str) -> str:
    return t(f"pmks.kategori.{code}")


def sumber_name(code: str) -> str:
    return t(f"pmks.sumber.{code}")


# --- data ------------------------------------------------------------------------------------

CaseFilter = hotspots_report.CaseFilter
default_period = hotspots_report.default_period
MEASURES = hotspots.MEASURES
DEFAULT_MEASURE = hotspots.DEFAULT_MEASURE
MIN_UNITS = hotspots.MIN_UNITS
suppress_below = settings.suppress_below
CATEGORIES = PMKS_CATEGORIES
SOURCES = PMKS_SOURCES
DEFAULT_TARGET_MINUTES = response.DEFAULT_TARGET_MINUTES
DEFAULT_TEAM_SIZE = response.DEFAULT_TEAM_SIZE
DEFAULT_SHIFTS = response.DEFAULT_SHIFTS
METHOD = {"k": hotspots.DEFAULT_K, "permutations": hotspots.DEFAULT_PERMUTATIONS, "seed": hotspots.DEFAULT_SEED}

period = data.cached(hotspots_report.period)
# Cached: the permutation test takes about a second.
unit_analysis = data.cached(hotspots_report.unit_analysis, max_entries=32)
category_counts = data.cached(hotspots_report.category_table, max_entries=32)
trc_settings = hotspots_report.load_trc_settings
shelters = hotspots_report.load_shelters
moran = data.cached(hotspots_report.moran, max_entries=16)
heat = data.cached(hotspots_report.heat, max_entries=16)
response_report = data.cached(hotspots_report.response_report, max_entries=32)
# Region-wide: a shelter's capacity is the shelter's, not a kelurahan's.
lifecycle = data.cached(hotspots_report.lifecycle, max_entries=32)
shelter = data.cached(hotspots_report.shelter, max_entries=32)
summary = hotspots.hotspot_summary
moran_cluster_count = hotspots.moran_cluster_count


def date_range(value, default: tuple[dt.date, dt.date]) -> tuple[dt.date, dt.date]:
    """(from, to) of a ``st.date_input`` range; while only the first day is picked, that day."""
    if isinstance(value, dt.date):
        return value, value
    days_ = [d for d in (value or ()) if d is not None]
    if not days_:
        return default
    return days_[0], days_[-1]


def shifts_or_default(shifts: tuple[tuple[str, int], ...]) -> tuple[tuple[str, int], ...] | None:
    """``shifts`` when their start hours differ, else None (the page warns and uses the default)."""
    return shifts if len({h for _, h in shifts}) == len(shifts) else None


def shift_inputs() -> tuple[tuple[str, int], ...]:
    """(shift, start hour) from one number input per shift, side by side."""
    cols = st.columns(len(DEFAULT_SHIFTS))
    return tuple(
        (
            name,
            url.number(
                t("pmks.response.shift_start", shift=t(f"pmks.shift.{name}")),
                param=f"shift_{name}",
                key=f"pmks_shift_{name}",
                default=hour,
                min_value=0,
                max_value=23,
                step=1,
                where=col,
            ),
        )
        for col, (name, hour) in zip(cols, DEFAULT_SHIFTS)
    )


def unit_shapes(kode_region: str, result: pd.DataFrame) -> tuple[gpd.GeoDataFrame, gpd.GeoDataFrame]:
    """(the region's boundaries, the boundaries joined with :func:`unit_analysis`)."""
    boundaries = data.boundaries(kode_region)
    return boundaries, maps.join_values(boundaries, result)


def downloads(
    flt: CaseFilter, region_name: str, today: dt.date, measure: str, result: pd.DataFrame
) -> dict[str, Callable[[], bytes]]:
    """By format, a callable making the hot-spot table as the file of ``python -m warehouse
    export hotspots`` in the session's language, for a deferred download button (the language
    is read now: the callable runs when someone clicks, outside the script)."""
    lang = current_language()

    def make(fmt: str) -> bytes:
        header = hotspots_report.header_line(
            region_name,
            flt.kode_region,
            flt.dari,
            flt.sampai,
            today,
            list(flt.kategori),
            list(flt.sumber),
            measure,
            METHOD["k"],
            METHOD["permutations"],
            METHOD["seed"],
            lang=lang,
        )
        return hotspots_report.downloads(result, header, lang)[fmt]

    return {fmt: functools.partial(make, fmt) for fmt in ("csv", "xlsx")}


# --- maps ------------------------------------------------------------------------------------


MAP_KEYS = ("pmks_density_map", "pmks_hotspot_map", "pmks_heat_map")


def table_kelurahan(result: pd.DataFrame) -> str | None:
    """The kelurahan filter of the tables, set by a click on any of the page's maps."""
    return kelurahan_filter(
        result,
        MAP_KEYS,
        "pmks_kelurahan",
        t("pmks.kelurahan.pick"),
        t("pmks.kelurahan.all"),
        "pmks.kelurahan.note",
        t("pmks.map.click_hint"),
    )


def in_kelurahan(rows: pd.DataFrame, kelurahan: str | None) -> pd.DataFrame:
    """The rows (``kode``) of one kelurahan; all rows when ``kelurahan`` is None."""
    return rows if kelurahan is None else rows[rows["kode"] == kelurahan]


def _tooltip(measure: str) -> dict[str, str]:
    return {
        "kode": t("col.kode"),
        "nama": t("col.kelurahan"),
        "kecamatan": t("col.kecamatan"),
        "cases_count": t("pmks.col.cases"),
        measure: t(f"pmks.col.{measure}"),
    }


def hidden(rows: pd.DataFrame, threshold: int) -> pd.DataFrame:
    """``rows`` with every count of people per kelurahan (and category or source) from 1 to
    ``threshold`` - 1 emptied, with the rates that would reveal it, as in the export
    (:func:`reports.hotspots.suppress_unit_counts`); counts stay whole numbers (Int64), rates
    floats, an emptied cell missing."""
    out = hotspots_report.suppress_unit_counts(rows, threshold)
    for col in out.columns:
        if out[col].dtype == object and rows[col].dtype != object:
            whole = pd.api.types.is_integer_dtype(rows[col])
            out[col] = pd.to_numeric(out[col]).astype("Int64" if whole else "float64")
    return out


def _as_text(shapes: gpd.GeoDataFrame, threshold: int) -> gpd.GeoDataFrame:
    """The tooltip columns as text, a hidden count and its rates as "< threshold"."""
    shown = hidden(shapes, threshold)
    small = shown["cases_count"].isna() & shapes["cases_count"].notna()
    below = t("pmks.suppressed", n=fmt_int(threshold))
    # A unit outside the user's scope has no values: a dash, not a zero.
    out = tables.as_text(
        shown.assign(cases_count=shown["cases_count"].astype("float64")),
        {
            "cases_count": count_text,
            "cases_per_km2": rate_text,
            "cases_per_10k": rate_text,
            "cases_per_10k_eb": rate_text,
        },
    )
    for col in ("cases_count", "cases_per_km2", "cases_per_10k", "cases_per_10k_eb"):
        out.loc[small.to_numpy(), col] = below
    return out


@maps.shared
def density_map(shapes: gpd.GeoDataFrame, measure: str, threshold: int) -> folium.Map:
    """Choropleth of ``measure`` (cases per km2 or per 10,000 residents, raw or smoothed) in five quantile
    classes; ``shapes`` are the boundaries joined with :func:`analysis`; tooltips hide counts
    below ``threshold``."""
    classes = classify(shapes[measure], scheme="quantiles", k=5)
    return maps.choropleth(
        _as_text(shapes, threshold),
        classes,
        legend_title=t(f"pmks.legend.{measure}"),
        labels=maps.class_labels(classes, rate_text),
        no_data_label=t("map.no_data"),
        tooltip=_tooltip(measure),
    )


@maps.shared
def hotspot_map(shapes: gpd.GeoDataFrame, measure: str, threshold: int) -> folium.Map:
    """The Gi* classes of ``shapes`` (joined with :func:`analysis`) with their confidence;
    tooltips hide counts below ``threshold``."""
    labels = {c: t(f"pmks.hotspot.class.{c}") for c in hotspots.HOTSPOT_CLASSES}
    shown = _as_text(shapes, threshold).assign(_label=shapes["hotspot_class"].map(labels).fillna(t("map.no_data")))
    return maps.hotspot_map(
        shown,
        "hotspot_class",
        labels,
        t("pmks.hotspot.legend"),
        t("map.no_data"),
        {**_tooltip(measure), "_label": t("pmks.col.hotspot_class")},
    )


@maps.shared
def moran_map(shapes: gpd.GeoDataFrame, clusters: pd.DataFrame, measure: str, threshold: int) -> folium.Map:
    """The Local Moran clusters and outliers (:func:`moran`) on the boundaries; tooltips hide
    counts below ``threshold``."""
    labels = {c: t(f"pmks.moran.class.{c}") for c in hotspots.MORAN_CLASSES}
    classes = maps.join_values(shapes[["kode", "geometry"]], clusters)["moran_class"]
    shown = _as_text(shapes, threshold).assign(_class=classes.to_numpy())
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
        {"kode": t("col.kode"), "nama": t("col.kelurahan"), "kecamatan": t("col.kecamatan")},
    )


# --- tables ----------------------------------------------------------------------------------


@data.per_language
def hot_table(result: pd.DataFrame, measure: str, threshold: int) -> pd.DataFrame:
    """The significant kelurahan, strongest hot spot first, counts below ``threshold`` hidden."""
    hot = hidden(result[result["confidence_pct"] > 0].sort_values("gi_z", ascending=False), threshold)
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


@data.per_language
def unit_table(result: pd.DataFrame, threshold: int) -> pd.DataFrame:
    """Every kelurahan's cases, density, rate and hot-spot class with its cases per source
    (:func:`unit_analysis`), most cases first, counts below ``threshold`` hidden."""
    frame = hidden(result.sort_values("cases_count", ascending=False, kind="stable"), threshold)
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


@data.per_language
def category_table(by_category: pd.DataFrame, threshold: int = 0) -> pd.DataFrame:
    """Cases by category and source (:func:`category_counts`) as displayed; counts below
    ``threshold`` hidden, with the share they would reveal (one kelurahan's table)."""
    shown = hidden(by_category, threshold)
    if threshold > 0:
        small = shown["total_count"].isna() & by_category["total_count"].notna()
        shown["share_rate"] = by_category["share_rate"].where(~small)
    return tables.localized(
        shown.assign(kategori=shown["kategori"].map(kategori_name)),
        {
            "kategori": "pmks.col.kategori",
            **{f"{s}_count": f"pmks.sumber.{s}" for s in PMKS_SOURCES},
            "total_count": "pmks.col.cases",
            "share_rate": "pmks.col.share_pct",
        },
        percent=("share_rate",),
    )


def _times_text(summary: pd.DataFrame) -> pd.DataFrame:
    """The median and 90th percentile in minutes as text, "too few" where ``enough`` is False."""
    too_few = [t("pmks.response.too_few", n=fmt_int(n)) for n in summary["arrived_count"]]
    out = summary.copy()
    for col in ("median_minutes", "p90_minutes"):
        out[col] = [
            fmt_float(v, 0) if ok and v == v else (few if not ok else "–")
            for v, ok, few in zip(summary[col], summary["enough"], too_few)
        ]
    return out


def response_time(row: pd.Series, column: str) -> str:
    """One response figure (``median_minutes`` or ``p90_minutes``) of a summary row for a
    metric: minutes, or too few."""
    if not row["enough"]:
        return t("pmks.response.too_few", n=fmt_int(row["arrived_count"]))
    return minutes(row[column])


@data.per_language
def shift_table(by_shift: pd.DataFrame) -> pd.DataFrame:
    """Response times of the report cases and the workload of every answered case per shift
    (:attr:`reports.hotspots.ResponseReport.by_shift`)."""
    return tables.localized(
        _times_text(by_shift).assign(shift=by_shift["shift"].map(lambda s: t(f"pmks.shift.{s}"))),
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


@data.per_language
def response_by_category(summary: pd.DataFrame) -> pd.DataFrame:
    """Response by kategori (:attr:`reports.hotspots.ResponseReport.by_category`), most cases first."""
    rows = _times_text(summary.sort_values("cases_count", ascending=False, kind="stable"))
    return tables.localized(
        rows.assign(kategori=rows["kategori"].map(kategori_name)),
        {"kategori": "pmks.col.kategori", **RESPONSE_COLUMNS},
        percent=("within_target_rate",),
    )


@data.per_language
def response_by_unit(summary: pd.DataFrame) -> pd.DataFrame:
    """The ranked kelurahan (:attr:`reports.hotspots.ResponseReport.by_unit`), slowest 90th
    percentile first."""
    return tables.localized(
        _times_text(summary), {"nama": "col.kelurahan", **RESPONSE_COLUMNS}, percent=("within_target_rate",)
    )


@data.per_language
def response_by_source(summary: pd.DataFrame, counted: tuple[str, ...]) -> pd.DataFrame:
    """Response per source (:attr:`reports.hotspots.ResponseReport.by_source`), saying which
    sources count as a response to a report."""
    rows = _times_text(summary)
    return tables.localized(
        rows.assign(
            counted=[t("pmks.yes") if s in counted else t("pmks.no") for s in rows["sumber"]],
            sumber=rows["sumber"].map(sumber_name),
        ),
        {"sumber": "pmks.col.sumber", "counted": "pmks.col.counted", **RESPONSE_COLUMNS},
        percent=("within_target_rate",),
    )


def sources_note(settings: hotspots_report.TrcSettings) -> str:
    """What the response figures count, and the fewest arrivals they need."""
    return t(
        "pmks.response.sources_note",
        sources=", ".join(sumber_name(s) for s in settings.report_sources),
        n=fmt_int(settings.min_cases),
    )


@data.per_language
def shelter_table(by_upt: pd.DataFrame) -> pd.DataFrame:
    """Occupancy per UPT (:attr:`reports.hotspots.Shelter.by_upt`) as displayed."""
    shown = by_upt.assign(nama=by_upt["nama"].fillna(t("pmks.shelter.unassigned")))
    return tables.localized(
        shown,
        {
            "nama": "pmks.col.upt",
            "kapasitas": "pmks.col.capacity",
            "current_count": "pmks.col.occupants",
            "occupancy_rate": "pmks.col.occupancy_pct",
            "peak_count": "pmks.col.peak",
            "peak_rate": "pmks.col.peak_pct",
            "over_days_count": "pmks.col.over_days",
        },
        percent=("occupancy_rate", "peak_rate"),
    )


def shelter_warnings(shelter) -> list[str]:
    """Warnings for the shelters above capacity on the shelter's day and during the period."""
    upt = shelter.by_upt[shelter.by_upt["nama"].notna()]
    now = [md(n) for n in upt.loc[upt["over"], "nama"]]
    before = [md(n) for n in upt.loc[~upt["over"] & (upt["over_days_count"] > 0), "nama"]]
    out = []
    if now:
        out.append(t("pmks.shelter.over", date=fmt_date(shelter.day), names=", ".join(now)))
    if before:
        out.append(t("pmks.shelter.over_period", names=", ".join(before)))
    return out


def missing_names(shapes: gpd.GeoDataFrame) -> list[str]:
    """Names of the units without a polygon, for a Markdown caption."""
    return [md(name) for name in maps.units_without_shape(shapes)]


@data.per_language
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


@data.per_language
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


@charts.shared
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


@charts.shared
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


@charts.shared
def response_chart(by_shift: pd.DataFrame, title: str, target_minutes: float) -> go.Figure:
    """Median and 90th-percentile response per shift with the target line (minutes); no bar
    for a shift with too few arrivals."""
    names = [t(f"pmks.shift.{s}") for s in by_shift["shift"]]
    enough = by_shift["enough"]
    fig = go.Figure()
    fig.add_bar(
        x=names, y=by_shift["median_minutes"].where(enough), name=t("pmks.response.median"), marker={"color": "#7fcdbb"}
    )
    fig.add_bar(
        x=names, y=by_shift["p90_minutes"].where(enough), name=t("pmks.response.p90"), marker={"color": BAR_COLOR}
    )
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


# --- the page's fragments: a control here reruns its part only ------------------------------


@st.fragment
def hotspot_section(
    flt: CaseFilter,
    shapes: gpd.GeoDataFrame,
    summary: dict,
    measure: str,
    threshold: int,
    rows: pd.DataFrame,
    scope_kelurahan: tuple[str, ...] | None = None,
) -> None:
    """The hot-spot map in the view picked here (Gi* or local Moran, in the URL as ``hotspot``)
    and the table of hot spots among ``rows`` (the units the page's kelurahan filter keeps);
    for a user limited to ``scope_kelurahan`` the test runs among those units only."""
    st.subheader(t("pmks.hotspot.title"))
    view = url.segmented(
        t("pmks.hotspot.view"),
        ["gi", "moran"],
        param="hotspot",
        key="pmks_hotspot_view",
        default="gi",
        format_func=lambda v: t(f"pmks.hotspot.view.{v}"),
    )
    if not summary["tested_count"]:
        st.info(t("pmks.hotspot.too_few", n=fmt_int(MIN_UNITS)))
        return
    if view == "gi":
        drawn = maps.show(hotspot_map(shapes, measure, threshold), key="pmks_hotspot_map")
        significant = summary["significant_count"]
    else:
        clusters = moran(flt, measure, scope_kelurahan=scope_kelurahan)
        drawn = maps.show(moran_map(shapes, clusters, measure, threshold), key="pmks_hotspot_map")
        significant = moran_cluster_count(clusters)
    rerun_on_click(drawn, "pmks_hotspot_map")
    if significant == 0:
        st.info(t("pmks.hotspot.none"))
    st.caption(
        t(
            "pmks.hotspot.method",
            k=METHOD["k"],
            permutations=fmt_int(METHOD["permutations"]),
            seed=METHOD["seed"],
            n=fmt_int(summary["tested_count"]),
        )
    )
    if scope_kelurahan is not None:
        st.caption(t("pmks.scope.hotspot", n=fmt_int(summary["tested_count"])))
    hot = hot_table(rows, measure, threshold)
    if len(hot):
        # p of 999 permutations goes down to 0.001: two decimals would show it as 0,00.
        tables.show_table(hot, digits={t("pmks.col.gi_z"): 2, t("pmks.col.gi_p_fdr"): 3})
        if threshold > 0:
            st.caption(t("pmks.suppressed_note", n=fmt_int(threshold)))


@st.fragment
def heat_section(
    flt: CaseFilter, boundaries: gpd.GeoDataFrame, cases_count: int, scope_kelurahan: tuple[str, ...] | None = None
) -> None:
    """The heat layer with the bandwidth picked here (in the URL as ``bandwidth``)."""
    st.subheader(t("pmks.heat.title"))
    bandwidth = url.select_slider(
        t("pmks.heat.bandwidth"),
        BANDWIDTHS_M,
        param="bandwidth",
        key="pmks_bandwidth",
        default=DEFAULT_BANDWIDTH_M,
        format_func=lambda b: t("pmks.metres", n=fmt_int(b)),
    )
    cells, heat_classes, located, cell_m, counted_m = heat(flt, float(bandwidth), scope_kelurahan=scope_kelurahan)
    if located == 0:
        st.info(t("pmks.heat.no_points"))
        return
    rerun_on_click(maps.show(heat_map(boundaries, cells, heat_classes), key="pmks_heat_map"), "pmks_heat_map")
    st.caption(
        t(
            "pmks.heat.method",
            bandwidth=fmt_int(bandwidth),
            cell=fmt_int(cell_m),
            counted=fmt_int(counted_m),
            n=fmt_int(located),
            unlocated=fmt_int(cases_count - located),
        )
    )


@st.fragment
def response_section(flt: CaseFilter, kelurahan: str | None, scope_kelurahan: tuple[str, ...] | None = None) -> None:
    """The TRC's response against the target, team size and shifts picked here (in the URL as
    ``target``, ``tim`` and ``shift_<name>``)."""
    st.subheader(t("pmks.response.title"))
    r1, r2 = st.columns(2)
    target = url.number(
        t("pmks.response.target"),
        param="target",
        key="pmks_target",
        default=int(DEFAULT_TARGET_MINUTES),
        min_value=5,
        max_value=1440,
        step=5,
        where=r1,
    )
    team = url.number(
        t("pmks.response.team"),
        param="tim",
        key="pmks_team",
        default=DEFAULT_TEAM_SIZE,
        min_value=1,
        max_value=500,
        step=1,
        where=r2,
    )
    with st.expander(t("pmks.response.shifts")):
        shifts = shifts_or_default(shift_inputs())
        if shifts is None:
            st.warning(t("pmks.response.bad_shifts"))
            shifts = DEFAULT_SHIFTS
    rules = trc_settings()
    trc = response_report(flt, float(target), int(team), shifts, rules, kelurahan, scope_kelurahan=scope_kelurahan)
    overall = trc.overall
    rm = st.columns(4)
    rm[0].metric(t("pmks.response.median"), response_time(overall, "median_minutes"))
    rm[1].metric(t("pmks.response.p90"), response_time(overall, "p90_minutes"))
    rm[2].metric(t("pmks.response.within", target=fmt_int(target)), pct(overall["within_target_rate"]))
    rm[3].metric(t("pmks.response.no_arrival"), fmt_int(overall["no_arrival_count"]))
    pm = st.columns(4)
    pm[0].metric(t("pmks.response.patrol_cases"), fmt_int(trc.patrol["cases_count"]))
    pm[1].metric(t("pmks.response.patrol_median"), response_time(trc.patrol, "median_minutes"))
    st.caption(sources_note(rules))
    by_shift = trc.by_shift
    g1, g2 = st.columns([2, 3])
    plot(g1, response_chart(by_shift, t("pmks.response.by_shift"), target), key="pmks_response_chart")
    tables.show_table(shift_table(by_shift), where=g2)
    st.caption(t("pmks.response.note", team=fmt_int(team), members=fmt_float(team / len(shifts))))
    tab_k, tab_u, tab_s = st.tabs(
        [t("pmks.response.by_category"), t("pmks.response.by_unit"), t("pmks.response.by_source")]
    )
    tables.show_table(response_by_category(trc.by_category), where=tab_k)
    tables.show_table(response_by_unit(trc.by_unit), where=tab_u)
    if trc.unranked_count:
        tab_u.caption(t("pmks.response.unranked", n=fmt_int(trc.unranked_count), min=fmt_int(rules.min_cases)))
    tables.show_table(response_by_source(trc.by_source, rules.report_sources), where=tab_s)
