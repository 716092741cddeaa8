"""The coverage pages (overview and kelurahan profile) in Streamlit: the reports of
``reports.coverage`` cached until the warehouse changes, widget and URL state, maps, charts and
display tables.

A little over 500 lines: two pages' widgets, maps, charts and tables, in that order."""

from __future__ import annotations

import datetime as dt

import geopandas as gpd
import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from analytics import classify, coverage, quality
from reports import brief as brief_report
from reports import coverage as coverage_report
from ui import charts, data, maps, sidebar, tables, url
from ui.i18n import current_language, fmt_compact, fmt_date, fmt_float, fmt_int, t
from ui.safe import html_text, md

UNITS = coverage.UNITS
SCHEMES = classify.SCHEMES
LAYERS = ("coverage", "quality")
DETAIL_PAGE = "app_pages/kelurahan.py"
MAP_STATE = "overview_map"
PICK_KEY = "overview_open"
_PICKED = "_overview_open_kode"
TARGET_COLOR = "#d95f02"
PROGRESS_COLOR = "#2c7fb8"

_overview = data.cached(coverage_report.overview, max_entries=16)
# Shared, not copied: every profile of the region is cut from it, and callers only read it.
_profiles = data.cached(coverage_report.profiles, max_entries=4, resource=True)
_levels = data.cached(coverage_report.levels, max_entries=32)
_export = data.cached(coverage_report.build, max_entries=16)
_children = data.cached(coverage_report.children, max_entries=16)
_brief = data.cached(brief_report.brief_pdf, max_entries=4)
_counts = data.cached(coverage_report.findings_counts, max_entries=16)
_findings_page = data.cached(coverage_report.findings_page, max_entries=16)
_masked_findings = data.cached(coverage_report.masked_findings, max_entries=2, resource=True)
PAGE_ROWS = coverage_report.PAGE_ROWS


def overview(f, unit: str) -> coverage_report.Overview:
    """reports.coverage.overview of the sidebar's selection, counted in ``unit``."""
    return _overview(f.kode_region, f.siklus, f.today, unit, scope_kelurahan=f.scope_kelurahan)


def profile(f, kode: str) -> coverage_report.Profile:
    """The profile of kelurahan ``kode`` (reports.coverage.Profiles.profile)."""
    return _profiles(f.kode_region, f.siklus, f.today, scope_kelurahan=f.scope_kelurahan).profile(kode)


def kelurahan_choices(f) -> dict[str, str]:
    """kode -> 'nama (kecamatan)' of the region's kelurahan (reports.coverage.Profiles.choices)."""
    return _profiles(f.kode_region, f.siklus, f.today, scope_kelurahan=f.scope_kelurahan).choices()


def _kelurahan_counts(f) -> pd.DataFrame:
    return _counts(f.kode_region, "kelurahan", scope_kelurahan=f.scope_kelurahan)


def findings_per_unit(f) -> pd.DataFrame:
    """Findings per kelurahan of the selection and check (reports.coverage.findings_counts)."""
    return coverage_report.per_level(_kelurahan_counts(f))


def check_totals(f) -> pd.Series:
    """Findings of the region per check, summed in SQL (reports.coverage.totals)."""
    return coverage_report.totals(_kelurahan_counts(f))


def unit_findings(f, kode: str) -> tuple[pd.DataFrame, int]:
    """(the first page of the masked findings of kelurahan ``kode``, their total count)."""
    return _findings_page(f.kode_region, scope_kelurahan=f.scope_kelurahan, kode_kelurahan=kode)


def unit_check_counts(f, kode: str) -> pd.Series:
    """Findings of kelurahan ``kode`` per check, indexed by check."""
    row = findings_per_unit(f).set_index("kode").loc[kode]
    return pd.Series({c: row[f"{c}_count"] for c in quality.CHECKS})


def quality_metrics(counts: pd.Series) -> None:
    """One metric per check of analytics.quality.CHECKS (``counts`` indexed by check), in two
    rows of three."""
    cells = [col for row in (st.columns(3), st.columns(3)) for col in row]
    for col, check in zip(cells, quality.CHECKS):
        col.metric(t(f"quality.check.{check}"), fmt_int(counts[check]))


def findings_for_display(masked: pd.DataFrame) -> pd.DataFrame:
    """Masked findings with the check and the NIK problem in the session's language, and
    blanks where a check has no member (household checks carry no NIK or name)."""
    out = masked.astype(object).where(masked.notna(), "")
    out["detail"] = [
        t(f"quality.reason.{d}") if c == "nik_invalid" and d else d for c, d in zip(out["check"], out["detail"])
    ]
    out["check"] = [t(f"quality.check.{c}") for c in out["check"]]
    return out


def findings_table(masked: pd.DataFrame) -> None:
    """Draw the profile's masked findings."""
    tables.show(
        findings_for_display(masked),
        {
            "check": t("col.check"),
            "id_dtks": t("col.id_dtks"),
            "no_kk": t("col.no_kk"),
            "nik": t("col.nik"),
            "nama": t("col.nama"),
            "detail": t("col.detail"),
        },
    )


def masked_findings_csv(f, kode: str | None = None):
    """A callable that makes the masked findings CSV of the region (or of kelurahan ``kode``),
    for a deferred download button: the list is read page by page, only when someone clicks."""
    lang = current_language()
    return lambda: tables.csv_bytes(
        _masked_findings(f.kode_region, scope_kelurahan=f.scope_kelurahan, kode_kelurahan=kode),
        lang,
    )


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


def profile_picker(f, names: dict[str, str], layer: str) -> None:
    """A list of the kelurahan ``names`` (kode -> label); picking one opens its profile, as a
    click on the map does."""
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


def export_files(f, unit: str) -> tuple[bytes, object]:
    """(the CSV, a callable that makes the xlsx) of ``python -m warehouse export coverage`` for
    this selection in the session's language; Excel takes a moment to write, so it is only
    built when someone clicks."""
    lang = current_language()
    table, header = _export(f.kode_region, f.siklus, unit, lang, scope_kelurahan=f.scope_kelurahan)
    return coverage_report.coverage_file(table, header, "csv", lang), lambda: coverage_report.coverage_file(
        table, header, "xlsx", lang
    )


def deferred_brief(f):
    """A callable that makes the weekly brief PDF (``python -m warehouse export brief``) in the
    session's language: it takes some seconds, so it is only built when someone clicks."""
    lang = current_language()
    return lambda: _brief(f.kode_region, lang, scope_kelurahan=f.scope_kelurahan)


def lagging_table(view: coverage_report.Overview, unit: str) -> None:
    """Draw the lagging kelurahan, largest backlog first."""
    suffix = "" if unit == "households" else "_members"
    tables.show(
        tables.as_text(view.lagging, {"projected_finish": fmt_date}),
        {
            "nama": t("col.kelurahan"),
            "kecamatan": t("col.kecamatan"),
            "coverage_rate": t("col.coverage_pct"),
            "target_rate": t("col.target_pct"),
            "backlog_count": t(f"col.backlog{suffix}"),
            "pace_per_day": t(f"col.pace{suffix}"),
            "projected_finish": t("col.finish"),
            "behind_target": t("col.behind_target"),
            "behind_region": t("col.behind_region"),
        },
        percent=("coverage_rate", "target_rate"),
    )


def funnel_table(view: coverage_report.Overview) -> None:
    """Draw the share of households at each verivali stage per kelurahan (%)."""
    stages = {f"{s}_rate": t("col.stage_pct", stage=t(f"tahap.{s}")) for s in coverage.STAGES}
    tables.show(
        view.funnel,
        {"nama": t("col.kelurahan"), "households_count": t("col.households"), **stages},
        percent=tuple(stages),
        height=340,
    )


def kecamatan_table(view: coverage_report.Overview, unit: str) -> None:
    """Draw the coverage per kecamatan."""
    suffix = "" if unit == "households" else "_members"
    frame_key = "households" if unit == "households" else "members"
    tables.show(
        tables.as_text(view.kecamatan, {"projected_finish": fmt_date}),
        {
            "nama": t("col.kecamatan"),
            "frame_count": t(f"col.{frame_key}"),
            "done_count": t(f"col.updated{suffix}"),
            "coverage_rate": t("col.coverage_pct"),
            "backlog_count": t(f"col.backlog{suffix}"),
            "projected_finish": t("col.finish"),
            "padan_rate": t("col.padan_pct"),
            "lagging": t("col.lagging"),
        },
        percent=("coverage_rate", "padan_rate"),
    )


def enumerators_table(view: coverage_report.Profile) -> None:
    """Draw the enumerators who worked in the profile's kelurahan."""
    tables.show(
        tables.as_text(view.enumerators, {"first_visit": fmt_date, "last_visit": fmt_date}),
        {
            "nama_petugas": t("col.petugas"),
            "visits_count": t("col.visits"),
            "households_count": t("col.households_visited"),
            "results_count": t("col.results"),
            "updated_28d_count": t("col.results_28d"),
            "days_worked_count": t("col.days_worked"),
            "first_visit": t("col.first_visit"),
            "last_visit": t("col.last_visit"),
        },
    )


@charts.shared
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
        title=html_text(title),
        yaxis_title="%",
        yaxis_range=[0, 100],
        height=340,
        margin={"l": 10, "r": 10, "t": 40, "b": 10},
        legend={"orientation": "h", "y": -0.15},
    )
    return fig


@charts.shared
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
    # Plotly reads tags in its texts: a region named <a href=...> would be a link.
    fig.update_layout(title=html_text(title), height=340, margin={"l": 10, "r": 10, "t": 40, "b": 10})
    return fig


@charts.shared
def results_chart(breakdown: pd.DataFrame, title: str, threshold: int) -> go.Figure:
    """Updated households by result (rows of reports.coverage.suppressed_breakdown for one
    unit); a suppressed count has no bar and says it is hidden."""
    hidden = t("kelurahan.results_hidden", n=fmt_int(threshold))
    fig = go.Figure(
        go.Bar(
            x=breakdown["households_count"].fillna(0).tolist(),
            y=[t(f"hasil.{h}") for h in breakdown["hasil"]],
            text=[hidden if s else fmt_int(n) for n, s in zip(breakdown["households_count"], breakdown["suppressed"])],
            textposition="outside",
            hoverinfo="y+text",
            orientation="h",
            marker={"color": PROGRESS_COLOR},
        )
    )
    fig.update_layout(
        title=html_text(title),
        xaxis_title=t("unit.households"),
        height=280,
        margin={"l": 10, "r": 10, "t": 40, "b": 10},
        yaxis={"autorange": "reversed"},
    )
    return fig


def scope_caption(f, units: pd.DataFrame) -> None:
    """Say that the figures total the user's kelurahan only, when the user has a scope."""
    if f.scope_kelurahan is not None:
        st.caption(t("scope.caption", n=fmt_int(len(units))))


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
        fmt_compact(region["frame_count"]),
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
        fmt_compact(region["backlog_count"]),
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


def target_caption(view: coverage_report.Overview) -> str:
    """How many kelurahan lag (behind the target) and, apart, how many are below the region."""
    return t(
        "overview.target",
        target=fmt_float(view.region["target_rate"] * 100),
        date=fmt_date(view.end),
        n=fmt_int(view.lagging_count),
        total=fmt_int(len(view.units)),
        below=fmt_int(view.below_region_count),
        region=fmt_float(view.region["coverage_rate"] * 100),
    )


def finish_captions(view: coverage_report.Overview) -> tuple[str, str]:
    """(when the last kelurahan finishes at its own pace, or that it never does and which
    kelurahan have pace zero; how both finish figures are defined)."""
    region = view.region
    if region["finish_last_kelurahan"] is not None and not view.never.size:
        last = t("overview.finish", date=fmt_date(region["finish_last_kelurahan"]))
    else:
        names = ", ".join(md(n) for n in view.never["nama"])
        last = t("overview.finish_never", n=fmt_int(len(view.never)), names=names)
    city = fmt_date(region["projected_finish"]) if region["projected_finish"] else t("metric.finish_none")
    return last, t("overview.finish_note", city=city)


def profile_metrics(row: pd.Series) -> None:
    """The six headline figures of one kelurahan (its row of reports.coverage.levels)."""
    c = [col for r in (st.columns(3), st.columns(3)) for col in r]
    c[0].metric(t("metric.households"), fmt_int(row["households_count"]))
    c[1].metric(t("metric.coverage"), pct(row["coverage_rate"]))
    c[2].metric(t("metric.backlog"), fmt_int(row["backlog_count"]))
    c[3].metric(t("metric.pace"), fmt_float(row["pace_per_day"], 2))
    c[4].metric(
        t("metric.finish"), fmt_date(row["projected_finish"]) if row["projected_finish"] else t("metric.finish_none")
    )
    c[5].metric(t("metric.padan"), pct(row["padan_rate"]))


def map_shapes(f, units: pd.DataFrame) -> gpd.GeoDataFrame:
    """The region's kelurahan polygons with their coverage figures and quality findings
    (``findings_count`` and one count per check)."""
    return maps.join_values(maps.join_values(data.boundaries(f.kode_region), units), findings_per_unit(f))


def map_level(f, view: coverage_report.Overview) -> str:
    """The level the overview's map shows (reports.coverage.map_level): kabkota, kecamatan or kelurahan."""
    return coverage_report.map_level(f.kode_region, len(view.units))


def child_shapes(f, level: str, unit: str) -> gpd.GeoDataFrame:
    """The region's units of ``level`` (kabkota or kecamatan) with their dissolved polygons,
    coverage (reports.coverage.children) and quality findings summed over their kelurahan."""
    shapes = _children(f.kode_region, level, f.siklus, f.today, unit, scope_kelurahan=f.scope_kelurahan)
    counts = _counts(f.kode_region, level, scope_kelurahan=f.scope_kelurahan)
    return maps.join_values(shapes, coverage_report.per_level(counts))


def breadcrumb(f) -> None:
    """The regions above the selection that the picker can open, each a button going back up
    to it, then the selection itself; nothing when there is no region above."""
    if len(f.trail) < 2:
        return
    st.caption(t("map.breadcrumb"))
    cells = st.columns(len(f.trail))
    for cell, (kode, nama) in zip(cells[:-1], f.trail[:-1]):
        if cell.button(md(nama), key=f"crumb_{kode}", icon=":material/arrow_upward:"):
            sidebar.go_to(kode)
            st.rerun()
    cells[-1].markdown(f"**{md(f.trail[-1][1])}**")


def drill_clicked(state_key: str = MAP_STATE) -> None:
    """Open the region just clicked on a map of kab/kota or kecamatan (the sidebar's picker
    takes it), rerunning the whole page."""
    kode = clicked_kode(st.session_state.pop(state_key, None))
    if kode:
        sidebar.go_to(kode)
        st.rerun()


_NAME_LABELS = {"kelurahan": "col.kelurahan", "kecamatan": "col.kecamatan", "kabkota": "col.kabkota"}


def unit_map(shapes: gpd.GeoDataFrame, layer: str, scheme: str, unit: str, classes=None, level: str = "kelurahan"):
    """The classed choropleth of a layer: coverage (%) or quality findings (records), of units
    of ``level`` (kelurahan, kecamatan or kabkota: the tooltip names them so).

    ``classes`` (analytics.classify.Classes) lets two maps share one set of breaks; by default
    the layer's value is classed with ``scheme`` into five classes.
    """
    value = shapes["coverage_rate"] * 100 if layer == "coverage" else shapes["findings_count"]
    classes = classes or classify.classify(value, scheme=scheme, k=5)
    frame = "households" if unit == "households" else "members"
    suffix = "" if unit == "households" else "_members"
    tooltip = {
        "kode": t("col.kode"),
        "nama": t(_NAME_LABELS[level]),
        "kecamatan": t("col.kecamatan"),
        "units_count": t("col.units"),
        "coverage_rate": t("col.coverage_pct"),
        "frame_count": t(f"col.{frame}"),
        "backlog_count": t(f"col.backlog{suffix}"),
        "projected_finish": t("col.finish"),
        "findings_count": t("col.findings"),
    }
    if layer == "quality":
        tooltip.update({f"{c}_count": t(f"quality.check.{c}") for c in quality.CHECKS})
    tooltip = {col: label for col, label in tooltip.items() if col in shapes.columns}
    formats = {
        "coverage_rate": pct,
        "frame_count": count,
        "units_count": count,
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


def compare_maps(f, unit: str, scheme: str, days) -> None:
    """The two maps of :func:`split_maps` side by side, each titled with its date."""
    for col, day, split_map, key in zip(
        st.columns(2), days, split_maps(f, unit, scheme, days), ("overview_map_before", "overview_map_after")
    ):
        with col:
            st.markdown(f"**{t('compare.as_of', date=fmt_date(day))}**")
            maps.show(split_map, key=key, height=420)


def split_maps(f, unit: str, scheme: str, days) -> list:
    """Two coverage maps of the region as of two dates, classed with one set of breaks so
    that equal colours mean equal coverage on both."""
    shapes = []
    for day in days:
        rows = _levels(f.kode_region, f.siklus, day, unit, scope_kelurahan=f.scope_kelurahan)
        shapes.append(maps.join_values(data.boundaries(f.kode_region), rows[rows["level"] == "kelurahan"]))
    pair = coverage.shared_classes(shapes[0]["coverage_rate"] * 100, shapes[1]["coverage_rate"] * 100, scheme=scheme)
    return [unit_map(s, "coverage", scheme, unit, classes=c) for s, c in zip(shapes, pair)]


@st.fragment
def map_section(f, view: coverage_report.Overview, unit: str) -> None:
    """The overview's map with its layer and classification, the kelurahan picker and the
    two-date comparison, each control in the URL. A fragment: changing one of them redraws
    this part only, not the figures and tables of the page."""
    title = st.empty()
    layer = url.segmented(
        t("map.layer"),
        LAYERS,
        param="layer",
        key="overview_layer",
        default="coverage",
        format_func=lambda v: t(f"layer.{v}"),
    )
    level = map_level(f, view)
    titles = (
        ("map.title", "map.title_quality")
        if level == "kelurahan"
        else (f"map.title_{level}", f"map.title_quality_{level}")
    )
    title.subheader(t(titles[layer == "quality"]))
    scheme = url.segmented(
        t("map.scheme"),
        SCHEMES,
        param="scheme",
        key="overview_scheme",
        default="quantiles",
        format_func=lambda s: t(f"scheme.{s}"),
    )
    breadcrumb(f)
    shapes = map_shapes(f, view.units) if level == "kelurahan" else child_shapes(f, level, unit)
    drawable = maps.any_shape(shapes)
    if drawable:
        maps.show(unit_map(shapes, layer, scheme, unit, level=level), key=MAP_STATE)
        if level == "kelurahan":
            open_clicked(f, layer)
            st.caption(t("map.click_hint"))
        else:
            drill_clicked()
            st.caption(t("map.click_drill"))
    else:
        st.info(t("map.no_boundaries"))
    profile_picker(f, view.choices(), layer)
    if maps.demo_boundaries(shapes):
        st.caption(t("map.demo_boundaries"))
    if drawable:
        maps.no_polygon_caption(shapes)
    # Two dates side by side compare the kelurahan; a map of larger units has no comparison.
    drawable = drawable and level == "kelurahan"
    if drawable and url.toggle(t("compare.toggle"), param="compare", key="overview_compare"):
        first = min(view.start, f.today)
        pick = st.columns(2)
        days = (
            url.date_input(
                t("compare.date"),
                param="compare_from",
                key="overview_compare_date",
                default=max(first, f.today - dt.timedelta(days=28)),
                min_value=first,
                max_value=f.today,
                where=pick[0],
            ),
            url.date_input(
                t("compare.date_second"),
                param="compare_to",
                key="overview_compare_date_second",
                default=f.today,
                min_value=first,
                max_value=f.today,
                where=pick[1],
            ),
        )
        compare_maps(f, unit, scheme, days)
        st.caption(t("compare.note"))
