"""Data, state, maps and charts of the DTKS coverage pages (overview and kelurahan profile)."""

from __future__ import annotations

import datetime as dt

import geopandas as gpd
import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from analytics import classify, coverage, quality
from reports import coverage as coverage_report
from reports import settings
from ui import data, maps, tables
from ui.i18n import current_language, fmt_date, fmt_float, fmt_int, t

LAYERS = ("coverage", "quality")
DETAIL_PAGE = "app_pages/kelurahan.py"
MAP_STATE = "overview_map"
PICK_KEY = "overview_open"
_PICKED = "_overview_open_kode"
TARGET_COLOR = "#d95f02"
PROGRESS_COLOR = "#2c7fb8"


def cycle(siklus: str) -> tuple[dt.date, dt.date, str]:
    """(tanggal_mulai, tanggal_target, nama) of a cycle."""
    row = data.cycles().set_index("siklus").loc[siklus]
    return pd.Timestamp(row["tanggal_mulai"]).date(), pd.Timestamp(row["tanggal_target"]).date(), row["nama"]


def schedule(siklus: str) -> list[tuple[dt.date, float]]:
    """The configured target schedule of the cycle (empty: the straight line)."""
    return settings.target_schedule(siklus)


def levels(f, unit: str, as_of: dt.date | None = None) -> pd.DataFrame:
    """coverage_units.sql rows with coverage, pace, finish and lagging flags, as of a date."""
    day = as_of or f.today
    start, end, _ = cycle(f.siklus)
    rows = data.query("coverage_units", kode_region=f.kode_region, siklus=f.siklus, tanggal=day)
    return coverage.coverage_levels(rows, day, start, end, schedule(f.siklus), unit=unit)


def daily(f) -> pd.DataFrame:
    """Daily progress rows per kelurahan and for the region (queries/coverage_daily.sql)."""
    return data.query("coverage_daily", kode_region=f.kode_region, siklus=f.siklus, tanggal=f.today)


def funnel(f) -> pd.DataFrame:
    """Households per verivali stage per kelurahan and region (queries/verivali_funnel.sql)."""
    return data.query("verivali_funnel", kode_region=f.kode_region, siklus=f.siklus, tanggal=f.today)


def enumerators(f) -> pd.DataFrame:
    """Each enumerator's output per kelurahan (queries/enumerator_output_kelurahan.sql)."""
    return data.query("enumerator_output_kelurahan", kode_region=f.kode_region, siklus=f.siklus, tanggal=f.today)


# A resource, not data: the list can hold a row per member of the region, and cache_data would
# copy it on every rerun. Callers only read it.
@st.cache_resource(show_spinner=False, max_entries=4)
def _findings(path: str, version: float, kode_region: str, today: dt.date) -> pd.DataFrame:
    members = data.query("quality_members", kode_region=kode_region)
    households = data.query("quality_households", kode_region=kode_region, tanggal=today)
    return quality.quality_findings(members, households, data.boundaries(kode_region), today)


def findings(f) -> pd.DataFrame:
    """Quality findings of the region (unmasked: mask before showing a row; do not modify)."""
    path = data.warehouse_file()
    return _findings(str(path), path.stat().st_mtime, f.kode_region, f.today)


@st.cache_data(show_spinner=False, max_entries=16)
def _findings_per_unit(path: str, version: float, kode_region: str, today: dt.date, kode: tuple) -> pd.DataFrame:
    return quality.findings_per_unit(_findings(path, version, kode_region, today), list(kode))


def findings_per_unit(f, kode) -> pd.DataFrame:
    """Findings per kelurahan and check (analytics.quality.findings_per_unit), cached."""
    path = data.warehouse_file()
    return _findings_per_unit(str(path), path.stat().st_mtime, f.kode_region, f.today, tuple(kode))


@st.cache_data(show_spinner=False, max_entries=16)
def _check_totals(path: str, version: float, kode_region: str, today: dt.date) -> pd.Series:
    return quality.check_totals(_findings(path, version, kode_region, today))


def check_totals(f) -> pd.Series:
    """Findings of the region per check (analytics.quality.check_totals), cached."""
    path = data.warehouse_file()
    return _check_totals(str(path), path.stat().st_mtime, f.kode_region, f.today)


def findings_for_display(masked: pd.DataFrame) -> pd.DataFrame:
    """Masked findings with the check and the NIK problem in the session's language, and
    blanks where a check has no member (household checks carry no NIK or name)."""
    out = masked.astype(object).where(masked.notna(), "")
    out["detail"] = [
        t(f"quality.reason.{d}") if c == "nik_invalid" and d else d for c, d in zip(out["check"], out["detail"])
    ]
    out["check"] = [t(f"quality.check.{c}") for c in out["check"]]
    return out


def masked_findings_csv(found: pd.DataFrame):
    """A callable that makes the masked findings CSV, for a deferred download button (the
    list can be long; it is only built when someone clicks)."""
    return lambda: tables.csv_bytes(quality.masked_findings(found))


def clicked_kode(value) -> str | None:
    """The kelurahan code of the feature clicked on a streamlit-folium map, None without one.

    ``value`` is what st_folium returns (or mirrors into the session state under its key):
    ``{"last_active_drawing": {"properties": {"kode": ...}}}``.
    """
    if not isinstance(value, dict):
        return None
    drawing = value.get("last_active_drawing")
    if not isinstance(drawing, dict):
        return None
    kode = (drawing.get("properties") or {}).get("kode")
    return kode if isinstance(kode, str) and kode else None


def open_profile(f, kode: str, layer: str) -> None:
    """Switch to the profile of kelurahan ``kode``, with the view in the URL."""
    st.switch_page(
        DETAIL_PAGE,
        query_params={"wilayah": f.kode_region, "siklus": f.siklus, "kelurahan": kode, "layer": layer},
    )


def open_clicked(f, layer: str, state_key: str = MAP_STATE) -> None:
    """Open the profile of the kelurahan just clicked on the map, if any.

    streamlit-folium copies a click into ``st.session_state[state_key]`` before the rerun; the
    value is taken out so that coming back to the overview does not open it again.
    """
    kode = clicked_kode(st.session_state.pop(state_key, None))
    if kode:
        open_profile(f, kode, layer)


def _remember_pick() -> None:
    # The pick is moved out of the widget, so that coming back to the overview does not open
    # the same profile again.
    st.session_state[_PICKED] = st.session_state.get(PICK_KEY)
    st.session_state[PICK_KEY] = None


def unit_names(units: pd.DataFrame) -> dict[str, str]:
    """kode -> 'nama (kecamatan)' for a pick list, in the order of ``units``."""
    return dict(zip(units["kode"], units["nama"] + " (" + units["kecamatan"].fillna("") + ")"))


def profile_picker(f, units: pd.DataFrame, layer: str) -> None:
    """A list of the kelurahan (``kode``, ``nama``, ``kecamatan``); picking one opens its
    profile, as a click on the map does."""
    names = unit_names(units)
    st.selectbox(
        t("overview.open_profile"),
        list(names),
        index=None,
        format_func=names.get,
        placeholder=t("overview.open_placeholder"),
        key=PICK_KEY,
        on_change=_remember_pick,
    )
    kode = st.session_state.pop(_PICKED, None)
    if kode:
        open_profile(f, kode, layer)


def url_choice(param: str, options, default: str) -> str:
    """The URL's value of ``param`` when it is one of ``options``, else ``default``."""
    wanted = st.query_params.get(param)
    return wanted if wanted in options else default


def set_param(param: str, value: str) -> None:
    """Mirror a choice into the URL so that a shared link opens the same view."""
    if st.query_params.get(param) != value:
        st.query_params[param] = value


def export_file(f, unit: str, levels_df: pd.DataFrame, fmt: str) -> bytes:
    """The same file as ``python -m warehouse export coverage`` for this selection."""
    start, end, name = cycle(f.siklus)
    target = coverage.target_rate(f.today, start, end, schedule(f.siklus))
    lang = current_language()
    header = coverage_report.header_line(f.region_name, f.kode_region, f.siklus, name, f.today, unit, target, lang)
    return coverage_report.coverage_file(coverage_report.coverage_table(levels_df), header, fmt)


def deferred_export_file(f, unit: str, levels_df: pd.DataFrame, fmt: str):
    """:func:`export_file` as a callable for a deferred download button (Excel takes a moment
    to write; the language is fixed now, the callable runs outside the script)."""
    start, end, name = cycle(f.siklus)
    target = coverage.target_rate(f.today, start, end, schedule(f.siklus))
    header = coverage_report.header_line(
        f.region_name, f.kode_region, f.siklus, name, f.today, unit, target, current_language()
    )
    table = coverage_report.coverage_table(levels_df)
    return lambda: coverage_report.coverage_file(table, header, fmt)


def progress_chart(progress: pd.DataFrame, title: str, done_label: str) -> go.Figure:
    """Cumulative share done against the target line (both in %)."""
    fig = go.Figure()
    fig.add_scatter(
        x=progress["tanggal"],
        y=progress["progress_rate"] * 100,
        name=done_label,
        mode="lines",
        line={"color": PROGRESS_COLOR, "width": 3},
    )
    fig.add_scatter(
        x=progress["tanggal"],
        y=progress["target_rate"] * 100,
        name=t("chart.target"),
        mode="lines",
        line={"color": TARGET_COLOR, "dash": "dash"},
    )
    fig.update_layout(
        title=title,
        yaxis_title="%",
        yaxis_range=[0, 100],
        height=340,
        margin={"l": 10, "r": 10, "t": 40, "b": 10},
        legend={"orientation": "h", "y": -0.15},
    )
    return fig


def funnel_chart(row: pd.Series, title: str) -> go.Figure:
    """The verivali funnel of one unit (a row of analytics.coverage.funnel_table)."""
    stages = [s for s in coverage.STAGES if f"{s}_count" in row.index]
    fig = go.Figure(
        go.Funnel(
            y=[t(f"tahap.{s}") for s in stages],
            x=[int(row[f"{s}_count"]) for s in stages],
            textinfo="value+percent initial",
            marker={"color": PROGRESS_COLOR},
        )
    )
    fig.update_layout(title=title, height=340, margin={"l": 10, "r": 10, "t": 40, "b": 10})
    return fig


def results_chart(breakdown: pd.DataFrame, title: str) -> go.Figure:
    """Updated households by result (rows of analytics.coverage.result_breakdown for one unit)."""
    fig = go.Figure(
        go.Bar(
            x=breakdown["households_count"],
            y=[t(f"hasil.{h}") for h in breakdown["hasil"]],
            orientation="h",
            marker={"color": PROGRESS_COLOR},
        )
    )
    fig.update_layout(
        title=title,
        xaxis_title=t("unit.households"),
        height=280,
        margin={"l": 10, "r": 10, "t": 40, "b": 10},
        yaxis={"autorange": "reversed"},
    )
    return fig


def pct(rate) -> str:
    """A rate (0-1) as a percentage with one decimal, '–' when there is none."""
    return "–" if rate is None or rate != rate else f"{fmt_float(rate * 100)} %"


def count(n) -> str:
    """A count with the language's separators, '–' when there is none."""
    return "–" if n is None or n != n else fmt_int(n)


def _signed(text: str) -> str:
    return text if text.startswith("-") else f"+{text}"


def headline(region: pd.Series, change: pd.Series, unit: str) -> None:
    """The six headline figures of the region, each with its change since a week before
    (analytics.coverage.week_change); the NIK padan status carries no date, so it has none."""
    suffix = "" if unit == "households" else "_members"
    c = [col for row in (st.columns(3), st.columns(3)) for col in row]
    c[0].metric(
        t(f"metric.{'households' if unit == 'households' else 'members'}"),
        fmt_int(region["frame_count"]),
        _signed(t("coverage.delta_done", n=fmt_int(change["done_count"]))),
        delta_color="off",
        help=t("coverage.help_done"),
    )
    c[1].metric(
        t("metric.coverage"),
        pct(region["coverage_rate"]),
        None
        if change["coverage_points"] != change["coverage_points"]
        else _signed(t("metric.week_delta", delta=fmt_float(change["coverage_points"]))),
    )
    c[2].metric(
        t(f"metric.backlog{suffix}"),
        fmt_int(region["backlog_count"]),
        _signed(t("coverage.delta_week", value=fmt_int(change["backlog_count"]))),
        delta_color="inverse",
    )
    c[3].metric(
        t(f"metric.pace{suffix}"),
        fmt_float(region["pace_per_day"]),
        _signed(t("coverage.delta_week", value=fmt_float(change["pace_per_day"]))),
    )
    moved = change["finish_days"]
    c[4].metric(
        t("metric.finish"),
        fmt_date(region["projected_finish"]) if region["projected_finish"] else t("metric.finish_none"),
        None if moved != moved else _signed(t("coverage.delta_days", n=fmt_int(moved))),
        delta_color="inverse",
    )
    c[5].metric(t("metric.padan"), pct(region["padan_rate"]), help=t("coverage.help_padan"))


def map_shapes(f, units: pd.DataFrame) -> gpd.GeoDataFrame:
    """The region's kelurahan polygons with their coverage figures and quality findings
    (``findings_count`` and one count per check)."""
    per_unit = findings_per_unit(f, units["kode"])
    return maps.join_values(maps.join_values(data.boundaries(f.kode_region), units), per_unit)


def unit_map(shapes: gpd.GeoDataFrame, layer: str, scheme: str, unit: str, classes=None):
    """The classed choropleth of a layer: coverage (%) or quality findings (records).

    ``classes`` (analytics.classify.Classes) lets two maps share one set of breaks; by default
    the layer's value is classed with ``scheme`` into five classes.
    """
    value = shapes["coverage_rate"] * 100 if layer == "coverage" else shapes["findings_count"]
    classes = classes or classify.classify(value, scheme=scheme, k=5)
    frame = "households" if unit == "households" else "members"
    tooltip = {
        "kode": t("col.kode"),
        "nama": t("col.kelurahan"),
        "kecamatan": t("col.kecamatan"),
        "coverage_rate": t("col.coverage_pct"),
        "frame_count": t(f"col.{frame}"),
        "backlog_count": t("col.backlog"),
        "projected_finish": t("col.finish"),
        "findings_count": t("col.findings"),
    }
    if layer == "quality":
        tooltip.update({f"{c}_count": t(f"quality.check.{c}") for c in quality.CHECKS})
    tooltip = {col: label for col, label in tooltip.items() if col in shapes.columns}
    formats = {
        "coverage_rate": pct,
        "frame_count": count,
        "backlog_count": count,
        "projected_finish": fmt_date,
        "findings_count": count,
        **{f"{c}_count": count for c in quality.CHECKS},
    }
    shown = tables.as_text(shapes, {col: fmt for col, fmt in formats.items() if col in tooltip})
    return maps.choropleth(
        shown,
        classes,
        legend_title=t(f"map.legend_{layer}"),
        labels=maps.class_labels(classes, fmt_float if layer == "coverage" else fmt_int),
        no_data_label=t("map.no_data"),
        tooltip=tooltip,
    )


def split_maps(f, unit: str, scheme: str, days) -> list:
    """Two coverage maps of the region as of two dates, classed with one set of breaks so
    that equal colours mean equal coverage on both."""
    shapes = [
        maps.join_values(data.boundaries(f.kode_region), levels(f, unit, as_of=day).query("level == 'kelurahan'"))
        for day in days
    ]
    pair = coverage.shared_classes(shapes[0]["coverage_rate"] * 100, shapes[1]["coverage_rate"] * 100, scheme=scheme)
    return [unit_map(s, "coverage", scheme, unit, classes=c) for s, c in zip(shapes, pair)]
