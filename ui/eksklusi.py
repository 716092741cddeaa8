"""The targeting-errors page's cached reads of :mod:`reports.eksklusi` and its Streamlit-aware
parts: headline figures, the map, the tables in the session's language (app_pages/eksklusi.py)."""

from __future__ import annotations

import datetime as dt

import folium
import pandas as pd
import streamlit as st

from analytics import classify
from domain import roles
from reports import eksklusi as report
from reports import settings
from ui import auth, data, maps, tables
from ui.i18n import current_language, fmt_date, fmt_float, fmt_int, t
from ui.safe import md

MAP_KEY = "eksklusi_map"
MEASURES = ("excluded_pct", "included_pct")
LIST_ROWS = 1000
Errors = report.Errors

errors = data.cached(report.errors, max_entries=16)
follow_up = data.cached(report.follow_up, max_entries=16)

UNIT_COLUMNS = {
    "kode": "col.kode",
    "kelurahan": "col.kelurahan",
    "kecamatan": "col.kecamatan",
    "eligible_count": "eksklusi.col.eligible",
    "excluded_count": "eksklusi.col.excluded",
    "excluded_pct": "eksklusi.col.excluded_pct",
    "recipients_count": "eksklusi.col.recipients",
    "included_count": "eksklusi.col.included",
    "included_pct": "eksklusi.col.included_pct",
    "included_rupiah": "eksklusi.col.included_rupiah",
}
LIST_COLUMNS = {
    "kelurahan": "col.kelurahan",
    "no_kk": "eksklusi.col.kk",
    "nik": "eksklusi.col.nik",
    "nama": "eksklusi.col.nama",
    "rt": "eksklusi.col.rt",
    "rw": "eksklusi.col.rw",
    "desil": "eksklusi.col.desil",
    "programmes": "eksklusi.col.programmes",
}


def suppress_below() -> int:
    """The suppression threshold of ``config/privacy.toml``."""
    return settings.suppress_below()


def caption(region_name: str, today: dt.date, found: Errors) -> str:
    """The page's caption: the region, the data date and the tahap the figures are of."""
    return t(
        "eksklusi.caption",
        region=md(region_name),
        date=fmt_date(today),
        tahap=md(report.tahap_text(found.tahaps, None)),
    )


def pct(rate) -> str:
    """A 0-1 rate as a percentage; a dash when there is none."""
    return "–" if pd.isna(rate) else f"{fmt_float(rate * 100)} %"


def rupiah(value) -> str:
    return "–" if pd.isna(value) else f"Rp {fmt_int(value)}"


def count(value) -> str:
    return "–" if pd.isna(value) else fmt_int(value)


def show_headline(total: pd.Series, threshold: int) -> None:
    """The headline figures of the region (one programme, or all together)."""
    shown = report.export_table(
        pd.DataFrame([{"kode": "", "nama": "", "kode_kecamatan": "", "kecamatan": "", **total}]), threshold
    ).iloc[0]
    c1, c2, c3, c4 = st.columns(4)
    c1.metric(t("eksklusi.metric.eligible"), count(total["eligible_count"]))
    c2.metric(
        t("eksklusi.metric.excluded"),
        count(shown["excluded_count"]),
        pct(total["excluded_rate"]) if shown["excluded_count"] is not None else None,
        delta_color="off",
        delta_arrow="off",
        help=t(
            "eksklusi.metric.excluded_help", n=count(shown["excluded_count"]), eligible=count(total["eligible_count"])
        ),
    )
    c3.metric(
        t("eksklusi.metric.included"),
        count(shown["included_count"]),
        pct(total["included_rate"]) if shown["included_count"] is not None else None,
        delta_color="off",
        delta_arrow="off",
        help=t(
            "eksklusi.metric.included_help",
            n=count(shown["included_count"]),
            recipients=count(total["recipients_count"]),
        ),
    )
    c4.metric(t("eksklusi.metric.included_rupiah"), rupiah(shown["included_rupiah"]))


def unit_frame(found: Errors, program: str | None, threshold: int) -> pd.DataFrame:
    """The export table of one programme (:func:`reports.eksklusi.export_table`): what the map,
    the table and the download show."""
    return report.export_table(found.of(program), threshold)


def unit_table(units: pd.DataFrame) -> None:
    """The kelurahan table (rows of :func:`unit_frame`, a suppressed cell empty) with headers and
    numbers in the session's language."""
    typed = units.astype(
        {
            c: "Float64" if c.endswith("_pct") else "Int64"
            for c in UNIT_COLUMNS
            if c.endswith(("_count", "_pct", "_rupiah"))
        }
    )
    tables.show(typed, {c: t(k) for c, k in UNIT_COLUMNS.items()})


def programme_table(found: Errors) -> pd.DataFrame:
    """The region's figures per programme, headers in the session's language."""
    totals = found.totals.assign(
        kode_program=found.totals["kode_program"].fillna(t("eksklusi.filter.all")),
        tahap=found.totals["tahap"].fillna(""),
    )
    return tables.localized(
        totals,
        {
            "kode_program": "eksklusi.col.program",
            "tahap": "eksklusi.col.tahap",
            "eligible_count": "eksklusi.col.eligible",
            "excluded_count": "eksklusi.col.excluded",
            "excluded_rate": "eksklusi.col.excluded_pct",
            "recipients_count": "eksklusi.col.recipients",
            "included_count": "eksklusi.col.included",
            "included_rate": "eksklusi.col.included_pct",
            "included_rupiah": "eksklusi.col.included_rupiah",
        },
        percent=("excluded_rate", "included_rate"),
    )


def choropleth(kode_region: str, units: pd.DataFrame, measure: str) -> tuple[folium.Map, list[str]]:
    """The map of one measure (a ``_pct`` column of :func:`unit_frame`; suppressed and empty
    rates drawn as no data), quantile classes, legend; and the names of units without a polygon."""
    label = t(f"eksklusi.measure.{measure}")
    shapes = maps.join_values(data.boundaries(kode_region), units)
    classes = classify.classify(pd.to_numeric(shapes[measure], errors="coerce"), scheme="quantiles", k=5)
    shown = tables.as_text(
        shapes,
        {
            "excluded_pct": lambda v: "–" if pd.isna(v) else f"{fmt_float(v)} %",
            "included_pct": lambda v: "–" if pd.isna(v) else f"{fmt_float(v)} %",
            "excluded_count": count,
            "included_count": count,
            "included_rupiah": rupiah,
        },
    )
    m = maps.choropleth(
        shown,
        classes,
        legend_title=label,
        labels=maps.class_labels(classes, fmt_float),
        no_data_label=t("eksklusi.map.no_data"),
        tooltip={
            "kode": t("col.kode"),
            "nama": t("col.kelurahan"),
            "kecamatan": t("col.kecamatan"),
            "excluded_count": t("eksklusi.col.excluded"),
            "excluded_pct": t("eksklusi.col.excluded_pct"),
            "included_count": t("eksklusi.col.included"),
            "included_pct": t("eksklusi.col.included_pct"),
            "included_rupiah": t("eksklusi.col.included_rupiah"),
        },
    )
    return m, [md(name) for name in maps.units_without_shape(shapes)]


def kelurahan_csv(found: Errors, program: str | None, region_name: str, kode: str, today, threshold: int):
    """A callable making the file of ``python -m warehouse export eksklusi --format csv`` for this
    selection in the session's language, for a deferred download (the language is read now)."""
    lang = current_language()
    return lambda: report.kelurahan_csv(found, program, region_name, kode, today, threshold, lang)


def list_table(rows: pd.DataFrame) -> pd.DataFrame:
    """The masked follow-up list as displayed (a dash for a household without an active member),
    headers in the session's language."""
    return tables.localized(rows.fillna({"nik": "–", "nama": "–"}), LIST_COLUMNS)


def deferred_list_csv(rows: pd.DataFrame):
    """A callable making the follow-up list's CSV for a download button (headers fixed now)."""
    shown = list_table(rows)
    return lambda: tables.csv_bytes(shown)


def withhold_list() -> None:
    """Stop here unless the user may read the follow-up list (masked rows about households)."""
    if not auth.allowed(roles.EKSKLUSI_ROWS):
        found = auth.session()
        st.info(t("eksklusi.list.withheld", role=found.role if found else "-"))
        st.stop()
