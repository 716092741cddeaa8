"""The register page's cached read of :mod:`reports.usulan` and :mod:`reports.graduasi` and its
Streamlit-aware parts: metrics, maps, tables and the trend chart in the session's language
(app_pages/register.py)."""

from __future__ import annotations

from dataclasses import dataclass

import folium
import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from analytics import classify, graduasi, usulan
from reports import graduasi as graduasi_report
from reports import usulan as usulan_report
from ui import data, maps, tables
from ui.i18n import current_language, fmt_float, fmt_int, t
from ui.safe import html_text, md

USULAN_MEASURES = ("musyawarah", "proposals_count", "accepted_rate", "median_keputusan_hari")
GRADUASI_MEASURES = ("keluar_count", "sejahtera_mandiri_count")
# ColorBrewer RdYlBu ends and a middle: held blue, no date orange, none red.
MUSYAWARAH_COLORS = dict(zip(usulan.MUSYAWARAH, ("#4575b4", "#fdae61", "#d73027")))
# ColorBrewer Set2, colour-blind safe, one per kind of exit.
KIND_COLORS = dict(zip(graduasi.KINDS, ("#66c2a5", "#fc8d62", "#8da0cb", "#e78ac3", "#b3b3b3")))
USULAN_MAP_KEY = "register_usulan_map"
GRADUASI_MAP_KEY = "register_graduasi_map"


@dataclass(frozen=True)
class Life:
    """The register's life in one region: the cycle's proposals and the PKH exits."""

    usulan: usulan_report.Usulan
    graduasi: graduasi_report.Graduasi


@data.cached(max_entries=16)
def life(con, kode_region: str, siklus: str, *, scope_kelurahan: tuple[str, ...] | None = None) -> Life:
    """:class:`Life` of the region, cycle and the user's scope, cached until the warehouse changes."""
    return Life(
        usulan=usulan_report.proposals(con, kode_region, siklus, scope_kelurahan=scope_kelurahan),
        graduasi=graduasi_report.exits(con, kode_region, scope_kelurahan=scope_kelurahan),
    )


def count(value) -> str:
    """A count in the session's language; the hidden mark for a suppressed one (None)."""
    if value is None or value != value:
        return t("register.hidden")
    return fmt_int(value)


def pct(rate) -> str:
    return "–" if rate is None or rate != rate else f"{fmt_float(rate * 100)} %"


def days(value) -> str:
    return "–" if value is None or value != value else t("register.days", n=fmt_float(value))


def names(units: pd.DataFrame) -> str:
    """The names of ``units`` as Markdown text, comma separated."""
    return ", ".join(md(n) for n in units["nama"])


# --- usulan -------------------------------------------------------------------------------


def usulan_metrics(u: usulan_report.Usulan) -> None:
    """The cycle's headline figures of the region."""
    r = u.region
    c1, c2, c3 = st.columns(3)
    c1.metric(t("register.usulan.metric.masuk"), count(r["masuk_count"]))
    c2.metric(t("register.usulan.metric.keluar"), count(r["keluar_count"]))
    c3.metric(
        t("register.usulan.metric.ganda"),
        fmt_int(r["ganda_count"]),
        help=t("register.usulan.metric.tanpa_ba", n=fmt_int(r["tanpa_ba_count"])),
    )
    c1, c2, c3 = st.columns(3)
    c1.metric(
        t("register.usulan.metric.ditetapkan"),
        count(r["ditetapkan_count"]),
        help=t("register.usulan.metric.accepted", pct=pct(r["accepted_rate"])),
    )
    c2.metric(t("register.usulan.metric.ditolak"), count(r["ditolak_count"]))
    c3.metric(t("register.usulan.metric.pending"), fmt_int(r["pending_count"]))
    c1, c2 = st.columns(2)
    c1.metric(t("register.usulan.metric.median"), days(r["median_keputusan_hari"]))
    c2.metric(t("register.usulan.metric.without"), fmt_int(len(u.without)))


def usulan_map(kode_region: str, u: usulan_report.Usulan, measure: str) -> tuple[folium.Map, list[str]]:
    """The map of the musyawarah status (categories) or of one measure per kelurahan (quantile
    classes; kelurahan without musyawarah grey as no data), and the names without a polygon."""
    shapes = maps.join_values(data.boundaries(kode_region), u.kelurahan)
    shown = _usulan_tooltip_frame(shapes)
    tooltip = {
        "kode": t("col.kode"),
        "nama": t("col.kelurahan"),
        "kecamatan": t("col.kecamatan"),
        "musyawarah_label": t("register.usulan.col.musyawarah"),
        "proposals_count": t("register.usulan.col.proposals"),
        "keluar_count": t("register.usulan.col.keluar"),
        "accepted_rate": t("register.usulan.col.accepted"),
        "median_keputusan_hari": t("register.usulan.col.median"),
    }
    legend = t(f"register.usulan.measure.{measure}")
    if measure == "musyawarah":
        m = maps.categorical(
            shown.assign(musyawarah=shapes["musyawarah"]),
            "musyawarah",
            MUSYAWARAH_COLORS,
            {k: t(f"register.usulan.musyawarah.{k}") for k in MUSYAWARAH_COLORS},
            legend,
            t("map.no_data"),
            tooltip,
        )
    else:
        scale = 100 if measure == "accepted_rate" else 1
        values = pd.to_numeric(shapes[measure], errors="coerce") * scale
        classes = classify.classify(values.where(~shapes["no_musyawarah"].fillna(True).astype(bool)), k=5)
        m = maps.choropleth(
            shown,
            classes,
            legend_title=legend,
            labels=maps.class_labels(classes, fmt_float),
            no_data_label=t("register.usulan.map.no_data"),
            tooltip=tooltip,
        )
    return m, maps.units_without_shape(shapes)


def _usulan_tooltip_frame(shapes: pd.DataFrame) -> pd.DataFrame:
    """``shapes`` with the tooltip's columns as text in the session's language."""
    labels = {k: t(f"register.usulan.musyawarah.{k}") for k in MUSYAWARAH_COLORS}
    out = tables.as_text(
        shapes,
        {
            "proposals_count": count,
            "keluar_count": count,
            "accepted_rate": pct,
            "median_keputusan_hari": days,
        },
    )
    out["musyawarah_label"] = [labels.get(k, t("map.no_data")) for k in shapes["musyawarah"]]
    return out


USULAN_COLUMNS = {
    "kode": "col.kode",
    "nama": "col.kelurahan",
    "kecamatan": "col.kecamatan",
    "musyawarah_label": "register.usulan.col.musyawarah",
    "last_musyawarah": "register.usulan.col.last",
    "proposals_count": "register.usulan.col.proposals",
    "masuk_count": "register.usulan.col.masuk",
    "keluar_count": "register.usulan.col.keluar",
    "ganda_count": "register.usulan.col.ganda",
    "tanpa_ba_count": "register.usulan.col.tanpa_ba",
    "ditetapkan_count": "register.usulan.col.ditetapkan",
    "ditolak_count": "register.usulan.col.ditolak",
    "pending_count": "register.usulan.col.pending",
    "accepted_rate": "register.usulan.col.accepted",
    "median_keputusan_hari": "tables.register.median_days",
}


def usulan_table(u: usulan_report.Usulan) -> pd.DataFrame:
    """The kelurahan rows as displayed (:func:`show_counts`): counts (hidden ones blank), the
    accepted share in %, the median in days, the musyawarah status in words, headers translated."""
    labels = {k: t(f"register.usulan.musyawarah.{k}") for k in MUSYAWARAH_COLORS}
    kel = u.kelurahan
    shown = kel.assign(
        musyawarah_label=[labels[k] for k in kel["musyawarah"]],
        accepted_rate=pd.to_numeric(kel["accepted_rate"], errors="coerce") * 100,
        last_musyawarah=pd.to_datetime(kel["last_musyawarah"]),
    )
    return shown[list(USULAN_COLUMNS)].rename(columns={c: t(k) for c, k in USULAN_COLUMNS.items()})


def show_counts(table: pd.DataFrame, columns: dict[str, str]) -> None:
    """Draw ``table`` (:func:`usulan_table` or :func:`graduasi_table`, whose ``columns`` are
    :data:`USULAN_COLUMNS` or :data:`GRADUASI_COLUMNS`) with tables.show_table, a count hidden as
    too small marked as such."""
    hidden = {t(key): t("register.hidden") for col, key in columns.items() if col.endswith("_count")}
    tables.show_table(table, missing=hidden)


def show_usulan(u: usulan_report.Usulan) -> None:
    """The kelurahan table of the cycle's proposals."""
    show_counts(usulan_table(u), USULAN_COLUMNS)


def show_graduasi(year: graduasi_report.Year) -> None:
    """The kelurahan table of the year's exits."""
    show_counts(graduasi_table(year), GRADUASI_COLUMNS)


def usulan_file(u: usulan_report.Usulan):
    """A callable making the CSV of ``python -m warehouse export usulan`` in the session's
    language, for a deferred download (the language is read now)."""
    lang = current_language()
    return lambda: u.file("csv", lang)


# --- graduasi -----------------------------------------------------------------------------


def graduasi_metrics(year: graduasi_report.Year) -> None:
    """The year's headline figures of the region."""
    r = year.region
    c1, c2, c3 = st.columns(3)
    c1.metric(t("register.graduasi.metric.keluar"), count(None if r is None else r["keluar_count"]))
    target = t("register.graduasi.no_target") if year.target is None else fmt_int(year.target)
    c2.metric(
        t("register.graduasi.metric.sejahtera"),
        count(None if r is None else r["sejahtera_mandiri_count"]),
        help=t("register.graduasi.metric.target_help", target=target),
    )
    c3.metric(t("register.graduasi.metric.target"), pct(None if r is None else r["target_rate"]), help=target)
    c1, c2, c3 = st.columns(3)
    for col, kind in zip((c1, c2, c3), ("alamiah_tidak_layak", "alamiah_pindah", "alamiah_meninggal")):
        col.metric(t(f"register.graduasi.kind.{kind}"), count(None if r is None else r[f"{kind}_count"]))
    c1, c2 = st.columns(2)
    c1.metric(t("register.graduasi.kind.tanpa_keterangan"), count(None if r is None else r["tanpa_keterangan_count"]))
    c2.metric(
        t("register.graduasi.metric.masih"),
        count(None if r is None else r["masih_menerima_count"]),
        help=t("register.graduasi.metric.tidak_tercatat", n=count(None if r is None else r["tidak_tercatat_count"])),
    )


def graduasi_trend(g: graduasi_report.Graduasi) -> go.Figure:
    """KPM who left PKH per year, stacked by kind (:func:`analytics.graduasi.trend`), with the
    target of graduasi sejahtera mandiri as a line; hidden (small) counts are left out."""
    shown = g.shown
    long = graduasi.trend(shown)
    fig = go.Figure()
    for kind in graduasi.KINDS:
        rows = long[long["jenis"] == kind]
        fig.add_bar(
            x=rows["tahun"].astype(str),
            y=pd.to_numeric(rows["kpm_count"], errors="coerce"),
            name=html_text(t(f"register.graduasi.kind.{kind}")),
            marker_color=KIND_COLORS[kind],
        )
    fig.add_scatter(
        x=shown["tahun"].astype(str),
        y=shown["target_count"],
        mode="lines+markers",
        name=html_text(t("register.graduasi.target")),
        line={"color": "#000000", "dash": "dash"},
    )
    fig.update_layout(
        barmode="stack",
        xaxis_title=t("register.graduasi.year"),
        yaxis_title=t("register.graduasi.kpm"),
        xaxis={"type": "category"},
        legend_title_text=t("register.graduasi.kind"),
        height=380,
    )
    return fig


def graduasi_map(kode_region: str, year: graduasi_report.Year, measure: str) -> tuple[folium.Map, list[str]]:
    """The map of one count per kelurahan in the year (quantile classes; hidden small counts and
    kelurahan without any exit grey), and the names without a polygon."""
    shapes = maps.join_values(data.boundaries(kode_region), year.kelurahan)
    shown = tables.as_text(shapes, {c: count for c in ("keluar_count", *graduasi.KIND_COLUMNS)})
    values = pd.to_numeric(shapes[measure], errors="coerce")
    classes = classify.classify(values.where(values > 0), k=5)
    m = maps.choropleth(
        shown,
        classes,
        legend_title=t(f"register.graduasi.measure.{measure}", tahun=year.tahun),
        labels=maps.class_labels(classes, fmt_float),
        no_data_label=t("register.graduasi.map.no_data"),
        tooltip={
            "kode": t("col.kode"),
            "nama": t("col.kelurahan"),
            "kecamatan": t("col.kecamatan"),
            "keluar_count": t("register.graduasi.col.keluar"),
            **{f"{k}_count": t(f"register.graduasi.kind.{k}") for k in graduasi.KINDS},
        },
    )
    return m, maps.units_without_shape(shapes)


GRADUASI_COLUMNS = {
    "kode": "col.kode",
    "nama": "col.kelurahan",
    "kecamatan": "col.kecamatan",
    "keluar_count": "register.graduasi.col.keluar",
    **{f"{k}_count": f"tables.graduasi.{k}" for k in graduasi.KINDS},
    "tidak_tercatat_count": "register.graduasi.col.tidak_tercatat",
    "masih_menerima_count": "register.graduasi.col.masih",
}


def graduasi_table(year: graduasi_report.Year) -> pd.DataFrame:
    """The kelurahan rows of the year as displayed (:func:`show_counts`): counts (hidden ones
    blank), headers translated."""
    kel = year.kelurahan
    if kel.empty:
        return pd.DataFrame(columns=[t(k) for k in GRADUASI_COLUMNS.values()])
    return kel[list(GRADUASI_COLUMNS)].rename(columns={c: t(k) for c, k in GRADUASI_COLUMNS.items()})


def graduasi_file(g: graduasi_report.Graduasi, tahun: int):
    """A callable making the CSV of ``python -m warehouse export graduasi --tahun`` in the
    session's language, for a deferred download (the language is read now)."""
    lang = current_language()
    return lambda: g.file(tahun, "csv", lang)
