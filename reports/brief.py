"""``python -m warehouse export brief``: the weekly brief for the agency head's meeting, an A4
PDF of one to two pages in Bahasa Indonesia or English.

Page one: the headline figures of the DTKS update with their change over the week and the
coverage map (legend, scale bar, north arrow; the lagging kelurahan numbered). Page two: the
ten most lagging kelurahan, the 6T scorecard of each programme's latest closed tahap, the PMKS
hot spots and the TRC response.

The figures come from the other reports (reports.coverage, reports.six_t, reports.hotspots)
and from analytics, never computed here; this module lays them out. The same warehouse gives
the same bytes: the PDF's creation date is the data date, the fonts are matplotlib's bundled
DejaVu Sans (pinned with matplotlib), the map is rendered by Agg without a timestamp.
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import sys
from dataclasses import dataclass
from pathlib import Path

import duckdb
import geopandas as gpd
import matplotlib
import numpy as np
import pandas as pd
from fpdf import FPDF, FontFace
from fpdf.drawing_primitives import rgb8
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Patch, Polygon, Rectangle

import queries
from analytics import classify, coverage, response, six_t
from domain.i18n import format_date, format_float, format_int, translate
from geodata import crs
from reports import coverage as coverage_report
from reports import files
from reports import hotspots as hotspots_report
from reports import settings as six_t_settings
from reports import six_t as six_t_report
from warehouse import db

LANGS = ("id", "en")
FORMATS = ("pdf",)
WEEK_DAYS = 7
LAGGING_ROWS = 10
HOT_ROWS = 6
FONT_DIR = Path(matplotlib.get_data_path()) / "fonts" / "ttf"
FONT = "DejaVu"

# The dashboard's colours (ui/maps.py): ColorBrewer YlGnBu by number of classes, its no-data
# grey and sea.
PALETTES = {
    1: ("#41b6c4",),
    2: ("#a1dab4", "#225ea8"),
    3: ("#edf8b1", "#7fcdbb", "#2c7fb8"),
    4: ("#ffffcc", "#a1dab4", "#41b6c4", "#225ea8"),
    5: ("#ffffcc", "#a1dab4", "#41b6c4", "#2c7fb8", "#253494"),
}
NO_DATA_COLOR = "#c4c4c4"
SEA_COLOR = "#eef3f7"
LAGGING_COLOR = "#d95f02"
LAGGING_RGB = (217, 95, 2)
INK = (33, 37, 41)
MUTED = (108, 117, 125)
ACCENT = (16, 78, 112)
TILE_FILL = (238, 243, 247)
ZEBRA = (245, 247, 249)

PAGE_W, MARGIN = 210.0, 14.0
BODY_W = PAGE_W - 2 * MARGIN
MAP_H = 180.0
MAP_DPI = 200


@dataclass(frozen=True)
class Scorecard:
    """One programme's latest closed tahap: its row of queries/six_t_tahap.sql and the region
    row of :func:`analytics.six_t.compliance_rates`."""

    tahap: pd.Series
    region: pd.Series


@dataclass(frozen=True)
class Brief:
    """Everything the brief shows, read from one warehouse.

    region: the region row of :func:`analytics.coverage.coverage_levels` (households) at the data
    date, change: :func:`analytics.coverage.week_change` against seven days before; units: the
    kelurahan rows; lagging: the lagging rows of the coverage export table, largest backlog
    first; shapes: the kelurahan display boundaries (EPSG:4326); hotspots: the hot-spot export
    table of ``pmks_period``; trc: :func:`analytics.response.response_summary` of the last week
    and of ``pmks_period``, one row each, with ``dari`` and ``sampai``.
    """

    kode_region: str
    region_name: str
    today: dt.date
    demo: bool
    siklus: str
    cycle_name: str
    cycle_end: dt.date
    region: pd.Series
    change: pd.Series
    units: pd.DataFrame
    lagging: pd.DataFrame
    shapes: gpd.GeoDataFrame
    scorecards: tuple[Scorecard, ...]
    hotspots: pd.DataFrame
    pmks_period: tuple[dt.date, dt.date]
    trc: pd.DataFrame


def _levels(con, kode_region: str, cycle: pd.Series, day: dt.date) -> pd.DataFrame:
    """:func:`analytics.coverage.coverage_levels` (households) of every unit on ``day``, read as
    reports.coverage.build reads them."""
    start, end = pd.Timestamp(cycle["tanggal_mulai"]).date(), pd.Timestamp(cycle["tanggal_target"]).date()
    schedule = coverage.load_target_schedule(coverage_report.TARGETS_FILE, cycle.name)
    rows = queries.run(con, "coverage_units", kode_region=kode_region, siklus=cycle.name, tanggal=day)
    return coverage.coverage_levels(rows, day, start, end, schedule)


def lagging_rows(table: pd.DataFrame) -> pd.DataFrame:
    """The lagging kelurahan of the coverage export table (reports.coverage.coverage_table),
    largest backlog first, then lowest coverage, as the overview ranks them."""
    lagging = table[table["lagging"].astype(bool)]
    return lagging.sort_values(["backlog_count", "coverage_pct"], ascending=[False, True], kind="stable")


def closed_tahap(tahaps: pd.DataFrame, today: dt.date) -> pd.DataFrame:
    """Per programme, the latest tahap of queries/six_t_tahap.sql whose distribution window
    ended on or before ``today`` (none for a programme without a closed tahap)."""
    ends = pd.to_datetime(tahaps["tanggal_selesai"])
    closed = tahaps[ends.notna() & (ends <= pd.Timestamp(today))]
    return closed.sort_values(["kode_program", "tanggal_selesai"], kind="stable").groupby("kode_program").tail(1)


def brief_data(con: duckdb.DuckDBPyConnection, kode_region: str | None = None) -> Brief:
    """The figures of the brief for region ``kode_region`` (default the largest loaded one) and
    the newest verivali cycle. Raises LookupError for an unknown region or no cycle."""
    kode_region, region_name = files.region(con, kode_region)
    cycle = files.cycle(con, None)
    today = files.data_date(con)
    levels = _levels(con, kode_region, cycle, today)
    before = _levels(con, kode_region, cycle, today - dt.timedelta(days=WEEK_DAYS))
    region = levels[levels["level"] == "region"].iloc[0]
    change = coverage.week_change(region, before[before["level"] == "region"].iloc[0])
    table, _ = coverage_report.build(con, kode_region, cycle.name)

    settings = six_t_settings.load()
    scorecards = []
    for _, tahap in closed_tahap(queries.run(con, "six_t_tahap", kode_region=kode_region), today).iterrows():
        params = six_t_report.query_params(kode_region, tahap["kode_program"], tahap["tahap"], None, settings)
        rates = six_t.compliance_rates(queries.run(con, "six_t_units", **params))
        scorecards.append(Scorecard(tahap, six_t.unit_level(rates, "region").iloc[0]))

    first = queries.run(con, "pmks_period", kode_region=kode_region)["first_date"].iloc[0]
    dari, sampai = hotspots_report.default_period(None if pd.isna(first) else pd.Timestamp(first).date(), today)
    hot, _ = hotspots_report.build(con, kode_region, dari=dari, sampai=sampai)
    periods = ((max(dari, today - dt.timedelta(days=WEEK_DAYS - 1)), today), (dari, sampai))
    trc = pd.concat(
        [
            response.response_summary(
                response.response_times(
                    queries.run(con, "pmks_response", **hotspots_report.query_params(kode_region, None, None, a, b))
                )
            ).assign(dari=a, sampai=b)
            for a, b in periods
        ],
        ignore_index=True,
    )
    return Brief(
        kode_region=kode_region,
        region_name=region_name,
        today=today,
        demo=bool(queries.run(con, "data_date")["demo"].fillna(False).iloc[0]),
        siklus=cycle.name,
        cycle_name=cycle["nama"],
        cycle_end=pd.Timestamp(cycle["tanggal_target"]).date(),
        region=region,
        change=change,
        units=levels[levels["level"] == "kelurahan"],
        lagging=lagging_rows(table),
        shapes=hotspots_report.shapes_from_rows(queries.run(con, "kelurahan_boundaries", kode_region=kode_region)),
        scorecards=tuple(scorecards),
        hotspots=hot,
        pmks_period=(dari, sampai),
        trc=trc,
    )


# --- formatting -------------------------------------------------------------------------


def _missing(x) -> bool:
    return x is None or x is pd.NA or (isinstance(x, float) and np.isnan(x))


def _signed(text: str, value: float) -> str:
    """``text`` of a change with an explicit sign: '+' when up, a true minus when down."""
    if value > 0:
        return "+" + text
    return text.replace("-", "−", 1) if value < 0 else text


def _pct(x, lang: str, from_rate: bool = False) -> str:
    """A percentage with one decimal ('45,3' in id); a dash for none."""
    if _missing(x):
        return "–"
    return format_float(float(x) * 100 if from_rate else float(x), lang)


def _date(d, lang: str) -> str:
    return "–" if _missing(d) else format_date(pd.Timestamp(d).date(), lang)


# --- the map ----------------------------------------------------------------------------


def _nice_length(limit_m: float) -> float:
    """The largest 1, 2 or 5 x 10^n metres not above ``limit_m``."""
    exp = 10 ** np.floor(np.log10(limit_m))
    return float(max(m * exp for m in (1, 2, 5) if m * exp <= limit_m))


def _km(metres: float, lang: str) -> str:
    """A scale-bar length in km with as many decimals as it needs (0,25 / 2,5 / 10)."""
    km = metres / 1000
    digits = next(d for d in range(4) if abs(round(km, d) - km) < 1e-9)
    return format_float(km, lang, digits)


def coverage_map_png(
    shapes: gpd.GeoDataFrame, units: pd.DataFrame, numbers: dict[str, int], lang: str, height_mm: float = MAP_H
) -> bytes | None:
    """The coverage choropleth as PNG, :data:`BODY_W` mm wide, or None without any polygon.

    ``shapes`` are the display boundaries (EPSG:4326, ``kode``, ``kode_kecamatan``), ``units``
    the kelurahan rows of :func:`analytics.coverage.coverage_levels`, ``numbers`` kode -> the
    number printed on the unit (the lagging table's rank). Drawn in the region's UTM zone, so
    the scale bar holds and grid north is up; the legend, north arrow and scale bar sit in a
    panel right of the polygons' bounds, never over them.
    """
    drawn = shapes[shapes.geometry.notna() & ~shapes.geometry.is_empty]
    if drawn.empty:
        return None
    gdf = crs.to_metric(drawn).merge(units[["kode", "coverage_rate"]], on="kode", how="left")
    classes = classify.classify(gdf["coverage_rate"] * 100, scheme="quantiles", k=len(PALETTES))
    palette = PALETTES.get(len(classes.bins), ())
    fill = [palette[i] if i >= 0 else NO_DATA_COLOR for i in classes.index]

    width_in, height_in = BODY_W / 25.4, height_mm / 25.4
    fig = Figure(figsize=(width_in, height_in), dpi=MAP_DPI)
    FigureCanvasAgg(fig)
    ax = fig.add_axes((0.005, 0.005, 0.99, 0.99))
    minx, miny, maxx, maxy = gdf.total_bounds
    w, h = maxx - minx, maxy - miny
    pad = 0.03 * max(w, h)
    # Metres per inch that fit the polygons in the left 70 % of the frame.
    scale = max((w + 2 * pad) / (0.70 * 0.99 * width_in), (h + 2 * pad) / (0.99 * height_in))
    x0 = minx - pad
    x1 = x0 + scale * 0.99 * width_in
    yc = (miny + maxy) / 2
    half = scale * 0.99 * height_in / 2
    ax.set_xlim(x0, x1)
    ax.set_ylim(yc - half, yc + half)
    ax.set_aspect("equal")
    ax.set_facecolor(SEA_COLOR)
    ax.set_xticks([])
    ax.set_yticks([])
    for spine in ax.spines.values():
        spine.set_edgecolor("#9aa5b1")
        spine.set_linewidth(0.6)

    gdf.plot(ax=ax, color=fill, edgecolor="#6c757d", linewidth=0.25)
    gdf.dissolve("kode_kecamatan").boundary.plot(ax=ax, color="#212529", linewidth=0.7)
    for kode, point in zip(gdf["kode"], gdf.geometry.representative_point()):
        if kode in numbers:
            ax.annotate(
                str(numbers[kode]),
                (point.x, point.y),
                ha="center",
                va="center",
                fontsize=5.5,
                fontweight="bold",
                color=LAGGING_COLOR,
                bbox={"boxstyle": "circle,pad=0.25", "fc": "white", "ec": LAGGING_COLOR, "lw": 0.7},
            )

    lowers = (classes.lower, *classes.bins[:-1])
    handles = [
        Patch(
            facecolor=c,
            edgecolor="#6c757d",
            linewidth=0.4,
            label=f"{format_float(lo, lang)} – {format_float(hi, lang)}   ({n})",
        )
        for c, lo, hi, n in zip(palette, lowers, classes.bins, classes.counts)
    ]
    if classes.missing_count:
        handles.append(
            Patch(
                facecolor=NO_DATA_COLOR,
                edgecolor="#6c757d",
                linewidth=0.4,
                label=f"{translate(lang, 'brief.map.no_data')}   ({classes.missing_count})",
            )
        )
    handles.append(Line2D([], [], color="#212529", linewidth=0.9, label=translate(lang, "brief.map.kecamatan")))
    if numbers:
        handles.append(
            Line2D(
                [],
                [],
                marker="o",
                linestyle="",
                markersize=6,
                markerfacecolor="white",
                markeredgecolor=LAGGING_COLOR,
                label=translate(lang, "brief.map.lagging"),
            )
        )
    panel_x = (maxx + pad - x0) / (x1 - x0)
    legend = ax.legend(
        handles=handles,
        loc="upper left",
        bbox_to_anchor=(panel_x, 0.97),
        bbox_transform=ax.transAxes,
        frameon=False,
        fontsize=7,
        title=translate(lang, "brief.map.legend"),
        title_fontsize=8,
        alignment="left",
        handlelength=1.6,
        handleheight=1.1,
    )
    legend.get_title().set_fontweight("bold")

    # North arrow and scale bar, bottom of the panel, in map metres.
    panel_w = x1 - (maxx + pad)
    ax_x = maxx + pad + 0.12 * panel_w
    bottom = yc - half
    arrow_h = 0.07 * 2 * half
    tip = (ax_x + 0.06 * panel_w, bottom + 0.12 * 2 * half + arrow_h)
    base_y = tip[1] - arrow_h
    half_w = 0.35 * arrow_h
    ax.add_patch(
        Polygon([tip, (tip[0] - half_w, base_y), (tip[0], base_y + 0.25 * arrow_h)], fc="#212529", ec="#212529", lw=0.6)
    )
    ax.add_patch(
        Polygon([tip, (tip[0] + half_w, base_y), (tip[0], base_y + 0.25 * arrow_h)], fc="white", ec="#212529", lw=0.6)
    )
    ax.text(
        tip[0],
        tip[1] + 0.01 * 2 * half,
        translate(lang, "brief.map.north"),
        ha="center",
        va="bottom",
        fontsize=9,
        fontweight="bold",
    )

    length = _nice_length(0.7 * panel_w)
    bar_y, bar_h = bottom + 0.05 * 2 * half, 0.008 * 2 * half
    for i in range(2):
        ax.add_patch(
            Rectangle(
                (ax_x + i * length / 2, bar_y),
                length / 2,
                bar_h,
                fc="#212529" if i == 0 else "white",
                ec="#212529",
                lw=0.6,
            )
        )
    for x, label in ((0, "0"), (length / 2, _km(length / 2, lang)), (length, f"{_km(length, lang)} km")):
        ax.text(ax_x + x, bar_y + bar_h + 0.006 * 2 * half, label, ha="center", va="bottom", fontsize=6.5)

    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=MAP_DPI, metadata={"Software": None})
    return buf.getvalue()


# --- the PDF ----------------------------------------------------------------------------


class _Document(FPDF):
    """A4 portrait with the brief's footer on every page."""

    def __init__(self, footer_text: str, lang: str):
        super().__init__(orientation="P", unit="mm", format="A4")
        self.footer_text = footer_text
        self.lang = lang

    def footer(self) -> None:
        self.set_y(-11)
        self.set_draw_color(*MUTED)
        self.set_line_width(0.2)
        self.line(MARGIN, self.get_y(), PAGE_W - MARGIN, self.get_y())
        self.set_font(FONT, "", 7)
        self.set_text_color(*MUTED)
        self.cell(BODY_W / 2, 6, self.footer_text, align="L")
        self.cell(BODY_W / 2, 6, translate(self.lang, "brief.page", page=self.page_no(), pages="{nb}"), align="R")


def _heading(pdf: FPDF, text: str) -> None:
    pdf.ln(2)
    pdf.set_font(FONT, "B", 11.5)
    pdf.set_text_color(*ACCENT)
    pdf.cell(BODY_W, 7, text, new_x="LMARGIN", new_y="NEXT")
    pdf.set_draw_color(*ACCENT)
    pdf.set_line_width(0.4)
    pdf.line(MARGIN, pdf.get_y(), PAGE_W - MARGIN, pdf.get_y())
    pdf.ln(2)
    pdf.set_text_color(*INK)


def _note(pdf: FPDF, text: str, size: float = 7.5) -> None:
    pdf.set_font(FONT, "", size)
    pdf.set_text_color(*MUTED)
    pdf.multi_cell(BODY_W, size * 0.5, text, align="L", new_x="LMARGIN", new_y="NEXT")
    pdf.set_text_color(*INK)


def _table(pdf: FPDF, rows: list[list[str]], widths: tuple[float, ...], align: tuple[str, ...]) -> None:
    """A table with a bold heading row and zebra rows; the cells are plain text."""
    pdf.set_font(FONT, "", 8)
    pdf.set_draw_color(200, 205, 210)
    pdf.set_line_width(0.2)
    pdf.set_fill_color(*ZEBRA)
    with pdf.table(
        col_widths=widths,
        width=BODY_W,
        text_align=align,
        borders_layout="HORIZONTAL_LINES",
        cell_fill_color=rgb8(*ZEBRA),
        cell_fill_mode="EVEN_ROWS",
        headings_style=FontFace(emphasis="BOLD", color=rgb8(*ACCENT), fill_color=rgb8(*TILE_FILL)),
        line_height=4.0,
        padding=(0.6, 1.2),
        markdown=False,
    ) as table:
        for values in rows:
            row = table.row()
            for value in values:
                row.cell(value)
    pdf.ln(1.5)


def _masthead(pdf: FPDF, brief: Brief, lang: str) -> None:
    pdf.set_fill_color(*ACCENT)
    pdf.rect(0, 0, PAGE_W, 30, style="F")
    pdf.set_text_color(255, 255, 255)
    pdf.set_xy(MARGIN, 6)
    pdf.set_font(FONT, "", 9)
    pdf.cell(
        BODY_W, 5, translate(lang, "brief.agency", region=brief.region_name).upper(), new_x="LMARGIN", new_y="NEXT"
    )
    pdf.set_font(FONT, "B", 17)
    pdf.cell(BODY_W, 9, translate(lang, "brief.title"), new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(FONT, "", 9)
    pdf.cell(
        BODY_W,
        5,
        translate(lang, "brief.subtitle", date=_date(brief.today, lang), siklus=brief.siklus, cycle=brief.cycle_name),
        new_x="LMARGIN",
        new_y="NEXT",
    )
    pdf.set_text_color(*INK)
    pdf.set_y(32)
    if brief.demo:
        pdf.set_font(FONT, "", 7.5)
        pdf.set_text_color(*LAGGING_RGB)
        pdf.cell(BODY_W, 4, translate(lang, "brief.demo"), new_x="LMARGIN", new_y="NEXT")
        pdf.set_text_color(*INK)


def _tiles(pdf: FPDF, tiles: list[tuple[str, str, str]]) -> None:
    """Headline figures side by side: (label, value, change) each."""
    gap = 2.5
    w = (BODY_W - gap * (len(tiles) - 1)) / len(tiles)
    top = pdf.get_y()
    for i, (label, value, change) in enumerate(tiles):
        x = MARGIN + i * (w + gap)
        pdf.set_fill_color(*TILE_FILL)
        pdf.rect(x, top, w, 21, style="F")
        pdf.set_fill_color(*ACCENT)
        pdf.rect(x, top, 0.9, 21, style="F")
        pdf.set_xy(x + 2.5, top + 1.8)
        pdf.set_font(FONT, "", 7)
        pdf.set_text_color(*MUTED)
        pdf.cell(w - 3.5, 3.5, label)
        pdf.set_xy(x + 2.5, top + 6.2)
        pdf.set_font(FONT, "B", 13)
        pdf.set_text_color(*INK)
        pdf.cell(w - 3.5, 7, value)
        pdf.set_xy(x + 2.5, top + 14)
        pdf.set_font(FONT, "", 6.5)
        pdf.set_text_color(*MUTED)
        pdf.multi_cell(w - 3.5, 2.9, change, align="L")
    pdf.set_text_color(*INK)
    pdf.set_y(top + 23)


def _coverage_section(pdf: FPDF, brief: Brief, lang: str) -> None:
    region, change = brief.region, brief.change
    _heading(pdf, translate(lang, "brief.section.coverage"))

    def delta(key: str, value, text: str) -> str:
        return (
            translate(lang, "brief.delta.none") if _missing(value) else translate(lang, key, delta=_signed(text, value))
        )

    finish = region["projected_finish"]
    _tiles(
        pdf,
        [
            (
                translate(lang, "brief.kpi.coverage"),
                f"{_pct(region['coverage_rate'], lang, from_rate=True)} %",
                delta("brief.delta.points", change["coverage_points"], _pct(change["coverage_points"], lang)),
            ),
            (
                translate(lang, "brief.kpi.done"),
                format_int(region["done_count"], lang),
                delta("brief.delta.week", change["done_count"], format_int(change["done_count"], lang)),
            ),
            (
                translate(lang, "brief.kpi.backlog"),
                format_int(region["backlog_count"], lang),
                delta("brief.delta.week", change["backlog_count"], format_int(change["backlog_count"], lang)),
            ),
            (
                translate(lang, "brief.kpi.pace"),
                format_float(region["pace_per_day"], lang),
                delta("brief.delta.week", change["pace_per_day"], format_float(change["pace_per_day"], lang)),
            ),
            (
                translate(lang, "brief.kpi.finish"),
                translate(lang, "brief.finish.none") if _missing(finish) else _date(finish, lang),
                delta("brief.delta.days", change["finish_days"], format_int(change["finish_days"] or 0, lang)),
            ),
        ],
    )
    _note(
        pdf,
        translate(
            lang,
            "brief.target",
            target=_pct(region["target_rate"], lang, from_rate=True),
            date=_date(brief.cycle_end, lang),
            n=format_int(brief.units["lagging"].sum(), lang),
            total=format_int(len(brief.units), lang),
        ),
    )
    pdf.ln(2)
    pdf.set_font(FONT, "B", 10)
    pdf.cell(BODY_W, 6, translate(lang, "brief.map.title"), new_x="LMARGIN", new_y="NEXT")
    numbers = {kode: i + 1 for i, kode in enumerate(brief.lagging["kode"].head(LAGGING_ROWS))}
    png = coverage_map_png(brief.shapes, brief.units, numbers, lang)
    if png is None:
        _note(pdf, translate(lang, "brief.map.none"), 9)
        return
    pdf.image(io.BytesIO(png), x=MARGIN, w=BODY_W, h=MAP_H)
    pdf.ln(1)
    _note(pdf, translate(lang, "brief.map.note"))


def _lagging_section(pdf: FPDF, brief: Brief, lang: str) -> None:
    _heading(pdf, translate(lang, "brief.section.lagging"))
    if brief.lagging.empty:
        _note(pdf, translate(lang, "brief.lagging.none"), 9)
        return
    head = [
        translate(lang, f"brief.col.{c}")
        for c in ("no", "kelurahan", "kecamatan", "coverage", "week_ago", "backlog", "pace", "finish")
    ]
    body = [
        [
            str(i + 1),
            str(r["kelurahan"]),
            "" if _missing(r["kecamatan"]) else str(r["kecamatan"]),
            _pct(r["coverage_pct"], lang),
            _pct(r["coverage_7d_ago_pct"], lang),
            format_int(r["backlog_count"], lang),
            "–" if _missing(r["pace_per_day"]) else format_float(r["pace_per_day"], lang, 2),
            _date(r["projected_finish"], lang),
        ]
        for i, (_, r) in enumerate(brief.lagging.head(LAGGING_ROWS).iterrows())
    ]
    _table(pdf, [head, *body], (8, 34, 26, 17, 17, 24, 32, 24), ("R", "L", "L", "R", "R", "R", "R", "R"))
    _note(pdf, translate(lang, "brief.lagging.note"))


def _six_t_section(pdf: FPDF, brief: Brief, lang: str) -> None:
    _heading(pdf, translate(lang, "brief.section.six_t"))
    if not brief.scorecards:
        _note(pdf, translate(lang, "brief.six_t.none", date=_date(brief.today, lang)), 9)
        return
    head = [translate(lang, "brief.six_t.indicator")]
    for card in brief.scorecards:
        t = card.tahap
        window = translate(
            lang, "brief.six_t.window", dari=_date(t["tanggal_mulai"], lang), sampai=_date(t["tanggal_selesai"], lang)
        )
        head.append(translate(lang, "brief.six_t.program", program=t["nama"], tahap=t["tahap"]) + "\n" + window)
    rows = [head]
    for indicator in six_t.MEASURES:
        rows.append(
            [translate(lang, f"six_t.t.{indicator}")]
            + [_pct(card.region[f"{indicator}_rate"], lang, from_rate=True) for card in brief.scorecards]
        )
    rows.append(
        [translate(lang, "brief.six_t.distributions")]
        + [format_int(card.region["distributions_count"], lang) for card in brief.scorecards]
    )
    rows.append(
        [translate(lang, "brief.six_t.at_risk")]
        + [format_int(card.region["at_risk_rupiah"], lang) for card in brief.scorecards]
    )
    n = len(brief.scorecards)
    _table(pdf, rows, (62, *([(BODY_W - 62) / n] * n)), ("L", *(["R"] * n)))
    _note(pdf, translate(lang, "brief.six_t.note", date=_date(brief.today, lang)))


def _pmks_section(pdf: FPDF, brief: Brief, lang: str) -> None:
    _heading(pdf, translate(lang, "brief.section.pmks"))
    table = brief.hotspots
    classes = table["hotspot_class"].astype(str)
    hot = table[classes.str.startswith("hot_")].sort_values(
        ["confidence_pct", "gi_z"], ascending=[False, False], kind="stable"
    )
    dari, sampai = brief.pmks_period
    _note(
        pdf,
        translate(
            lang,
            "brief.hot.summary",
            hot=format_int(len(hot), lang),
            cold=format_int(int(classes.str.startswith("cold_").sum()), lang),
            cases=format_int(brief.trc["cases_count"].iloc[-1], lang),
            dari=_date(dari, lang),
            sampai=_date(sampai, lang),
        ),
        8,
    )
    pdf.ln(1)
    if hot.empty:
        _note(pdf, translate(lang, "brief.hot.none"), 9)
    else:
        suppressed = translate(lang, "brief.suppressed", n=hotspots_report.SUPPRESS_BELOW)
        head = [
            translate(lang, f"brief.col.{c}") for c in ("kelurahan", "kecamatan", "cases", "cases_km2", "confidence")
        ]
        body = [
            [
                str(r["kelurahan"]),
                "" if _missing(r["kecamatan"]) else str(r["kecamatan"]),
                suppressed if _missing(r["cases_count"]) else format_int(r["cases_count"], lang),
                suppressed if _missing(r["cases_per_km2"]) else format_float(r["cases_per_km2"], lang),
                format_int(r["confidence_pct"], lang),
            ]
            for _, r in hot.head(HOT_ROWS).iterrows()
        ]
        _table(pdf, [head, *body], (50, 42, 28, 32, 30), ("L", "L", "R", "R", "R"))
        if len(hot) > HOT_ROWS:
            _note(pdf, translate(lang, "brief.hot.more", n=format_int(len(hot) - HOT_ROWS, lang)))
    pdf.ln(1)
    pdf.set_font(FONT, "B", 9)
    pdf.cell(BODY_W, 6, translate(lang, "brief.trc.title"), new_x="LMARGIN", new_y="NEXT")
    target = response.DEFAULT_TARGET_MINUTES
    head = [translate(lang, "brief.col.period"), translate(lang, "brief.col.cases")] + [
        translate(lang, f"brief.col.{c}", n=format_int(target, lang)) for c in ("arrived", "median", "p90", "within")
    ]
    body = []
    for i, r in brief.trc.iterrows():
        period = translate(lang, "brief.trc.period", dari=_date(r["dari"], lang), sampai=_date(r["sampai"], lang))
        if i == 0:
            period = f"{translate(lang, 'brief.trc.week')} ({period})"
        body.append(
            [
                period,
                format_int(r["cases_count"], lang),
                format_int(r["arrived_count"], lang),
                "–" if _missing(r["median_minutes"]) else format_float(r["median_minutes"], lang, 0),
                "–" if _missing(r["p90_minutes"]) else format_float(r["p90_minutes"], lang, 0),
                _pct(r["within_target_rate"], lang, from_rate=True),
            ]
        )
    _table(pdf, [head, *body], (66, 16, 16, 24, 32, 28), ("L", "R", "R", "R", "R", "R"))
    _note(pdf, translate(lang, "brief.trc.note"))


def render(brief: Brief, lang: str = "id") -> bytes:
    """The brief as PDF bytes, in ``lang`` ('id' or 'en')."""
    if lang not in LANGS:
        raise ValueError(f"unknown language {lang!r}; choose from {LANGS}")
    pdf = _Document(translate(lang, "brief.footer", region=brief.region_name, date=_date(brief.today, lang)), lang)
    pdf.set_creation_date(dt.datetime.combine(brief.today, dt.time(), tzinfo=dt.UTC))
    pdf.set_title(f"{translate(lang, 'brief.title')}: {brief.region_name}, {_date(brief.today, lang)}")
    pdf.set_author(translate(lang, "brief.agency", region=brief.region_name))
    pdf.set_creator("Peta Kesos")
    pdf.set_lang(lang)
    pdf.add_font(FONT, "", FONT_DIR / "DejaVuSans.ttf")
    pdf.add_font(FONT, "B", FONT_DIR / "DejaVuSans-Bold.ttf")
    pdf.set_margins(MARGIN, 12, MARGIN)
    pdf.set_auto_page_break(True, margin=14)
    pdf.add_page()
    _masthead(pdf, brief, lang)
    _coverage_section(pdf, brief, lang)
    pdf.add_page()
    _lagging_section(pdf, brief, lang)
    _six_t_section(pdf, brief, lang)
    _pmks_section(pdf, brief, lang)
    return bytes(pdf.output())


def brief_pdf(con: duckdb.DuckDBPyConnection, kode_region: str | None = None, lang: str = "id") -> bytes:
    """The weekly brief of region ``kode_region`` (default the largest loaded one) as PDF
    bytes, for the overview page's download button; the same file as ``export brief``."""
    return render(brief_data(con, kode_region), lang)


def run(args: argparse.Namespace) -> int:
    try:
        con = db.connect(args.db, read_only=True)
    except FileNotFoundError as exc:
        print(f"no warehouse at {exc.args[0]}; build one with `python -m warehouse demo`", file=sys.stderr)
        return 1
    try:
        brief = brief_data(con, args.wilayah)
    except LookupError as exc:
        print(exc.args[0] if exc.args else exc, file=sys.stderr)
        return 1
    finally:
        con.close()
    path = Path(args.out) if args.out else Path(f"ringkasan_{brief.kode_region}_{brief.today.isoformat()}.pdf")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(render(brief, args.lang))
    print(f"weekly brief of {brief.region_name} ({brief.kode_region}), data as of {brief.today}, written to {path}")
    return 0


def add_parser(subparsers) -> None:
    p = subparsers.add_parser("brief", help="the weekly brief for the agency head (A4 PDF, 1-2 pages)")
    p.add_argument("--format", choices=FORMATS, default="pdf", help="file format (only pdf)")
    p.add_argument("--out", help="output file (default ringkasan_<wilayah>_<data date>.pdf)")
    p.add_argument("--wilayah", help="kab/kota code, e.g. 21.71 (default the largest loaded region)")
    p.add_argument("--lang", choices=LANGS, default="id", help="language of the brief (default id)")
    p.add_argument("--db", help=f"warehouse file (default ${db.DB_ENV})")
    p.set_defaults(func=run)
