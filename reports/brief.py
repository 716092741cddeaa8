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

The figures are gathered in reports/brief_figures.py, the map drawn in reports/brief_map.py.
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import sys
from pathlib import Path

import duckdb
import matplotlib
import pandas as pd
from fpdf import FPDF, FontFace
from fpdf.drawing_primitives import rgb8

from analytics import hotspots, response, six_t
from domain.i18n import format_date, format_float, format_int, translate
from reports import brief_figures, brief_map, settings
from reports.brief_figures import Figures
from warehouse import db

LANGS = ("id", "en")
FORMATS = ("pdf",)
LAGGING_ROWS = 10
HOT_ROWS = 6
FONT_DIR = Path(matplotlib.get_data_path()) / "fonts" / "ttf"
FONT = "DejaVu"
# fpdf2 replaces this text by the page count everywhere on the pages; its default, {nb}, could
# occur in a name.
PAGES_ALIAS = "{peta-kesos:pages}"

LAGGING_RGB = (217, 95, 2)  # brief_map.LAGGING_COLOR
INK = (33, 37, 41)
MUTED = (108, 117, 125)
ACCENT = (16, 78, 112)
TILE_FILL = (238, 243, 247)
ZEBRA = (245, 247, 249)

PAGE_W, MARGIN = 210.0, 14.0
BODY_W = PAGE_W - 2 * MARGIN
MAP_H = 180.0


# --- formatting ----------------------------------------------------------------------


def _missing(x) -> bool:
    """None, NaN, NaT or NA: a value that is not there."""
    return bool(pd.api.types.is_scalar(x) and pd.isna(x))


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
        self.cell(BODY_W / 2, 6, translate(self.lang, "brief.page", page=self.page_no(), pages=PAGES_ALIAS), align="R")


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


def _masthead(pdf: FPDF, figures: Figures, lang: str) -> None:
    pdf.set_fill_color(*ACCENT)
    pdf.rect(0, 0, PAGE_W, 30, style="F")
    pdf.set_text_color(255, 255, 255)
    pdf.set_xy(MARGIN, 6)
    pdf.set_font(FONT, "", 9)
    pdf.cell(
        BODY_W, 5, translate(lang, "brief.agency", region=figures.region_name).upper(), new_x="LMARGIN", new_y="NEXT"
    )
    pdf.set_font(FONT, "B", 17)
    pdf.cell(BODY_W, 9, translate(lang, "brief.title"), new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(FONT, "", 9)
    pdf.cell(
        BODY_W,
        5,
        translate(
            lang, "brief.subtitle", date=_date(figures.today, lang), siklus=figures.siklus, cycle=figures.cycle_name
        ),
        new_x="LMARGIN",
        new_y="NEXT",
    )
    pdf.set_text_color(*INK)
    pdf.set_y(32)
    if figures.demo:
        pdf.set_font(FONT, "", 7.5)
        pdf.set_text_color(*LAGGING_RGB)
        pdf.cell(BODY_W, 4, translate(lang, "brief.demo"), new_x="LMARGIN", new_y="NEXT")
        pdf.set_text_color(*INK)
    if figures.scoped:
        pdf.set_font(FONT, "", 7.5)
        pdf.cell(
            BODY_W,
            4,
            translate(lang, "scope.caption", n=format_int(len(figures.units), lang)),
            new_x="LMARGIN",
            new_y="NEXT",
        )


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


def headline_tiles(region: pd.Series, change: pd.Series, lang: str) -> list[tuple[str, str, str]]:
    """(label, value, change over the week) of the five headline figures, as text.

    ``region`` is a row of :func:`analytics.coverage.coverage_levels`, ``change`` its
    :func:`analytics.coverage.week_change`; a change that cannot be computed (no rate, no
    finish date a week ago) says so instead of showing a number.
    """

    def delta(key: str, value, fmt) -> str:
        if _missing(value):
            return translate(lang, "brief.delta.none")
        return translate(lang, key, delta=_signed(fmt(value), value))

    coverage_rate, finish = region["coverage_rate"], region["projected_finish"]
    return [
        (
            translate(lang, "brief.kpi.coverage"),
            "–" if _missing(coverage_rate) else f"{_pct(coverage_rate, lang, from_rate=True)} %",
            delta("brief.delta.points", change["coverage_points"], lambda v: format_float(v, lang)),
        ),
        (
            translate(lang, "brief.kpi.done"),
            format_int(region["done_count"], lang),
            delta("brief.delta.week", change["done_count"], lambda v: format_int(v, lang)),
        ),
        (
            translate(lang, "brief.kpi.backlog"),
            format_int(region["backlog_count"], lang),
            delta("brief.delta.week", change["backlog_count"], lambda v: format_int(v, lang)),
        ),
        (
            translate(lang, "brief.kpi.pace"),
            format_float(region["pace_per_day"], lang),
            delta("brief.delta.week", change["pace_per_day"], lambda v: format_float(v, lang)),
        ),
        (
            translate(lang, "brief.kpi.finish"),
            translate(lang, "brief.finish.none") if _missing(finish) else _date(finish, lang),
            delta("brief.delta.days", change["finish_days"], lambda v: format_int(v, lang)),
        ),
    ]


def _coverage_section(pdf: FPDF, figures: Figures, lang: str) -> None:
    region = figures.region
    _heading(pdf, translate(lang, "brief.section.coverage"))
    _tiles(pdf, headline_tiles(region, figures.change, lang))
    _note(
        pdf,
        translate(
            lang,
            "brief.target",
            target=_pct(region["target_rate"], lang, from_rate=True),
            date=_date(figures.cycle_end, lang),
            n=format_int(figures.units["lagging"].sum(), lang),
            total=format_int(len(figures.units), lang),
        ),
    )
    pdf.ln(2)
    pdf.set_font(FONT, "B", 10)
    pdf.cell(BODY_W, 6, translate(lang, "brief.map.title"), new_x="LMARGIN", new_y="NEXT")
    numbers = {kode: i + 1 for i, kode in enumerate(figures.lagging["kode"].head(LAGGING_ROWS))}
    png = brief_map.coverage_map_png(figures.shapes, figures.units, numbers, lang, BODY_W, MAP_H)
    if png is None:
        _note(pdf, translate(lang, "brief.map.none"), 9)
        return
    pdf.image(io.BytesIO(png), x=MARGIN, w=BODY_W, h=MAP_H)
    pdf.ln(1)
    _note(pdf, translate(lang, "brief.map.note"))


def _lagging_section(pdf: FPDF, figures: Figures, lang: str) -> None:
    _heading(pdf, translate(lang, "brief.section.lagging"))
    if figures.lagging.empty:
        _note(pdf, translate(lang, "brief.lagging.none"), 9)
        return
    head = [
        translate(lang, f"brief.col.{c}")
        for c in ("no", "kelurahan", "kecamatan", "coverage", "week_ago", "backlog", "pace", "finish")
    ]
    body = [
        [
            str(i + 1),
            str(r["nama"]),
            "" if _missing(r["kecamatan"]) else str(r["kecamatan"]),
            _pct(r["coverage_rate"], lang, from_rate=True),
            _pct(r["coverage_7d_ago_rate"], lang, from_rate=True),
            format_int(r["backlog_count"], lang),
            "–" if _missing(r["pace_per_day"]) else format_float(r["pace_per_day"], lang, 2),
            _date(r["projected_finish"], lang),
        ]
        for i, (_, r) in enumerate(figures.lagging.head(LAGGING_ROWS).iterrows())
    ]
    _table(pdf, [head, *body], (8, 32, 28, 18, 16, 24, 31, 25), ("R", "L", "L", "R", "R", "R", "R", "R"))
    _note(pdf, translate(lang, "brief.lagging.note"))


def _six_t_section(pdf: FPDF, figures: Figures, lang: str) -> None:
    _heading(pdf, translate(lang, "brief.section.six_t"))
    if not figures.scorecards:
        _note(pdf, translate(lang, "brief.six_t.none", date=_date(figures.today, lang)), 9)
        return
    head = [translate(lang, "brief.six_t.indicator")]
    for card in figures.scorecards:
        t = card.tahap
        window = translate(
            lang, "brief.six_t.window", dari=_date(t["tanggal_mulai"], lang), sampai=_date(t["tanggal_selesai"], lang)
        )
        head.append(translate(lang, "brief.six_t.program", program=t["nama"], tahap=t["tahap"]) + "\n" + window)
    rows = [head]
    for indicator in six_t.MEASURES:
        rows.append(
            [translate(lang, f"six_t.t.{indicator}")]
            + [_pct(card.region[f"{indicator}_rate"], lang, from_rate=True) for card in figures.scorecards]
        )
    rows.append(
        [translate(lang, "brief.six_t.distributions")]
        + [format_int(card.region["distributions_count"], lang) for card in figures.scorecards]
    )
    rows.append(
        [translate(lang, "brief.six_t.at_risk")]
        + [format_int(card.region["at_risk_rupiah"], lang) for card in figures.scorecards]
    )
    n = len(figures.scorecards)
    _table(pdf, rows, (62, *([(BODY_W - 62) / n] * n)), ("L", *(["R"] * n)))
    _note(pdf, translate(lang, "brief.six_t.note", date=_date(figures.today, lang)))


def _pmks_section(pdf: FPDF, figures: Figures, lang: str) -> None:
    _heading(pdf, translate(lang, "brief.section.pmks"))
    table = figures.hotspots
    classes = table["hotspot_class"].astype(str)
    hot = table[classes.str.startswith("hot_")].sort_values(
        ["confidence_pct", "gi_z"], ascending=[False, False], kind="stable"
    )
    dari, sampai = figures.pmks_period
    _note(
        pdf,
        translate(
            lang,
            "brief.hot.summary",
            hot=format_int(len(hot), lang),
            cold=format_int(int(classes.str.startswith("cold_").sum()), lang),
            cases=format_int(figures.trc["cases_count"].iloc[-1], lang),
            dari=_date(dari, lang),
            sampai=_date(sampai, lang),
        ),
        8,
    )
    pdf.ln(1)
    tested = int((classes != hotspots.NO_DATA).sum())
    if tested < hotspots.MIN_UNITS:
        # A brief limited to a few kelurahan: too few units for the statistic to say anything.
        _note(pdf, translate(lang, "brief.hot.too_few", n=format_int(hotspots.MIN_UNITS, lang)), 9)
    elif hot.empty:
        _note(pdf, translate(lang, "brief.hot.none"), 9)
    else:
        suppressed = translate(lang, "brief.suppressed", n=settings.suppress_below())
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
    for i, r in figures.trc.iterrows():
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


def render(figures: Figures, lang: str = "id") -> bytes:
    """The brief as PDF bytes, in ``lang`` ('id' or 'en')."""
    if lang not in LANGS:
        raise ValueError(f"unknown language {lang!r}; choose from {LANGS}")
    pdf = _Document(translate(lang, "brief.footer", region=figures.region_name, date=_date(figures.today, lang)), lang)
    pdf.set_creation_date(dt.datetime.combine(figures.today, dt.time(), tzinfo=dt.UTC))
    pdf.set_title(f"{translate(lang, 'brief.title')}: {figures.region_name}, {_date(figures.today, lang)}")
    pdf.set_author(translate(lang, "brief.agency", region=figures.region_name))
    pdf.set_creator("Peta Kesos")
    pdf.set_lang(lang)
    pdf.add_font(FONT, "", FONT_DIR / "DejaVuSans.ttf")
    pdf.add_font(FONT, "B", FONT_DIR / "DejaVuSans-Bold.ttf")
    pdf.alias_nb_pages(PAGES_ALIAS)
    pdf.set_margins(MARGIN, 12, MARGIN)
    pdf.set_auto_page_break(True, margin=14)
    pdf.add_page()
    _masthead(pdf, figures, lang)
    _coverage_section(pdf, figures, lang)
    pdf.add_page()
    _lagging_section(pdf, figures, lang)
    _six_t_section(pdf, figures, lang)
    _pmks_section(pdf, figures, lang)
    return bytes(pdf.output())


def brief_pdf(
    con: duckdb.DuckDBPyConnection,
    kode_region: str | None = None,
    lang: str = "id",
    scope_kelurahan: tuple[str, ...] | None = None,
) -> bytes:
    """The weekly brief of region ``kode_region`` (default the largest loaded one) as PDF
    bytes, for the overview page's download button; the same file as ``export brief``
    (unscoped). With ``scope_kelurahan``, the brief of those kelurahan only
    (:class:`reports.brief_figures.Figures`)."""
    return render(brief_figures.brief_data(con, kode_region, scope_kelurahan), lang)


def run(args: argparse.Namespace) -> int:
    try:
        con = db.connect(args.db, read_only=True)
    except FileNotFoundError as exc:
        print(f"no warehouse at {exc.args[0]}; build one with `python -m warehouse demo`", file=sys.stderr)
        return 1
    try:
        figures = brief_figures.brief_data(con, args.wilayah)
    except LookupError as exc:
        print(exc.args[0] if exc.args else exc, file=sys.stderr)
        return 1
    finally:
        con.close()
    path = Path(args.out) if args.out else Path(f"ringkasan_{figures.kode_region}_{figures.today.isoformat()}.pdf")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(render(figures, args.lang))
    print(
        f"weekly brief of {figures.region_name} ({figures.kode_region}), data as of {figures.today}, written to {path}"
    )
    return 0


def add_parser(subparsers) -> None:
    p = subparsers.add_parser("brief", help="the weekly brief for the agency head (A4 PDF, 1-2 pages)")
    p.add_argument("--format", choices=FORMATS, default="pdf", help="file format (only pdf)")
    p.add_argument("--out", help="output file (default ringkasan_<wilayah>_<data date>.pdf)")
    p.add_argument("--wilayah", help="kab/kota code, e.g. 21.71 (default the largest loaded region)")
    p.add_argument("--lang", choices=LANGS, default="id", help="language of the brief (default id)")
    p.add_argument("--db", help=f"warehouse file (default ${db.DB_ENV})")
    p.set_defaults(func=run)
