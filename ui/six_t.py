"""The 6T audit page's cached reads of :mod:`reports.six_t` and its Streamlit-aware parts:
tables and charts in the session's language, the scorecard and the map (app_pages/six_t.py)."""

from __future__ import annotations

from collections.abc import Callable

import folium
import pandas as pd
import plotly.express as px
import plotly.graph_objects as go
import streamlit as st

from analytics import classify, six_t
from domain import roles
from reports import settings as six_t_settings
from reports import six_t as six_t_report
from ui import auth, charts, data, maps, tables, url
from ui.coverage import clicked_kode
from ui.i18n import current_language, fmt_date, fmt_float, fmt_int, t
from ui.safe import html_text, md

LEVELS = ("kelurahan", "kecamatan", "program", "tahap", "kanal")
DRILL_ROWS = 1000
XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# ui.i18n.fmt_date's formats, applied to a whole column at once.
DATE_FORMATS = {"id": "%d/%m/%Y", "en": "%Y-%m-%d"}

DRILL_COLUMNS = {
    "kelurahan": "col.kelurahan",
    "id_penyaluran": "six_t.col.id",
    "failures": "six_t.col.failures",
    "kecamatan": "col.kecamatan",
    "kode_program": "six_t.filter.program",
    "tahap": "six_t.filter.tahap",
    "kanal": "six_t.filter.kanal",
    "tanggal_salur": "six_t.col.tanggal",
    "nik_penerima": "six_t.col.nik",
    "no_kk": "six_t.col.kk",
    "nama": "six_t.col.nama",
    "nilai_hak_rupiah": "six_t.col.nilai_hak",
    "nilai_diterima_rupiah": "six_t.col.nilai_diterima",
    "deduction_rupiah": "six_t.col.deduction",
    "at_risk_rupiah": "six_t.col.at_risk",
}
MAP_KEY = "six_t_map"
Selection = six_t_report.Selection
Audit = six_t_report.Audit
program_names = six_t_report.program_names
tahap_options = six_t_report.tahap_options
open_tahap = six_t_report.open_tahap
latest_closed_tahap = six_t_report.latest_closed_tahap
INDICATORS = six_t.INDICATORS
MEASURES = six_t.MEASURES
KANAL = six_t_report.KANAL
PAPER_COLUMNS = six_t_report.PAPER_COLUMNS


def settings() -> six_t_settings.SixTSettings:
    """The 6T rules of ``config/six_t.toml``."""
    return six_t_settings.load()


tahap_list = data.cached(six_t_report.tahap_list)
# Small frames (per unit): the rows are read a page at a time below.
audit = data.cached(six_t_report.audit, max_entries=16)
failing = data.cached(six_t_report.failing_page, max_entries=16)
reasons = data.cached(six_t_report.reason_counts, max_entries=16)
sample = data.cached(six_t_report.sample, max_entries=16)
failing_total = six_t_report.failing_total


def reason_table(counts: pd.DataFrame) -> pd.DataFrame:
    """How often each T failed for each reason (rows of :func:`reasons`), in words."""
    reasons = reason_labels()
    shown = counts.assign(
        indicator=counts["indicator"].map(indicator_labels()),
        reason=[reasons.get(r, r) for r in counts["reason"]],
    )
    return tables.localized(
        shown,
        {"indicator": "six_t.heat.indicator", "reason": "six_t.col.reason", "failed_count": "six_t.col.failed_count"},
    )


def _drill_frame(
    rows: pd.DataFrame, labels: dict, reasons: dict, headers: dict, date_format: str, kanal: dict
) -> pd.DataFrame:
    out = rows.assign(
        failures=six_t.failure_text(rows, labels, reasons).to_numpy(),
        tanggal_salur=pd.to_datetime(rows["tanggal_salur"]).dt.strftime(date_format).to_numpy(),
        kanal=[kanal.get(k, k) for k in rows["kanal"]],
    )
    return out[list(headers)].rename(columns=headers)


def _drill_texts() -> tuple[dict, dict, dict, str, dict]:
    headers = {col: t(key) for col, key in DRILL_COLUMNS.items()}
    kanal = {k: t(f"six_t.kanal.{k}") for k in KANAL}
    return indicator_labels(), reason_labels(), headers, DATE_FORMATS[current_language()], kanal


def drill_table(rows: pd.DataFrame) -> pd.DataFrame:
    """Rows of :func:`failing` as displayed: what each failed and why in words, the columns of
    :data:`DRILL_COLUMNS` with headers in the session's language."""
    return _drill_frame(rows, *_drill_texts())


@data.cached(max_entries=2)
def _drill_csv(
    con,
    selection: Selection,
    rules,
    which: str | None,
    codes: tuple[str, ...],
    texts: tuple,
    scope_kelurahan,
    lang: str,
) -> bytes:
    chunks = six_t_report.failing_chunks(con, selection, rules, which, codes, scope_kelurahan=scope_kelurahan)
    empty = six_t_report.failing_page(con, selection, rules, which, limit=0, scope_kelurahan=scope_kelurahan)
    return six_t_report.chunked_csv((_drill_frame(c, *texts) for c in chunks), _drill_frame(empty, *texts), lang)


def deferred_drill_csv(
    selection: Selection,
    rules: six_t_settings.SixTSettings,
    which: str | None,
    kelurahan: str | None,
    units: pd.DataFrame,
    *,
    scope_kelurahan: tuple[str, ...] | None = None,
):
    """A callable making the CSV of :func:`drill_table` for every failing row (of one
    kelurahan when given, else of every kelurahan of ``units``), for a download button: the
    list can be long, so it is written only when someone clicks, one kelurahan at a time; the
    texts are fixed now (the callable runs outside the script)."""
    texts = _drill_texts()
    codes = (kelurahan,) if kelurahan else tuple(sorted(units["kode"]))
    lang = current_language()
    return lambda: _drill_csv(selection, rules, which, codes, texts, scope_kelurahan, lang)


def follow_click(map_keys, select_key: str, valid) -> None:
    """Point the selectbox ``select_key`` at the kelurahan just clicked on one of the maps
    ``map_keys`` (streamlit-folium keeps the click in the session state under the map's key).

    Each click is followed once, so that picking another kelurahan in the box afterwards
    sticks; a code outside ``valid`` is ignored. Call before the selectbox is drawn.
    """
    for key in map_keys:
        kode = clicked_kode(st.session_state.get(key))
        seen = f"_{key}_followed"
        if kode != st.session_state.get(seen):
            st.session_state[seen] = kode
            if kode in valid:
                st.session_state[select_key] = kode


def kelurahan_filter(
    units: pd.DataFrame, map_keys, key: str, label: str, every: str, note: str, hint: str
) -> str | None:
    """A pick list of the kelurahan of ``units`` (``kode``, ``nama``, ``kecamatan``) that a
    click on one of the maps ``map_keys`` also sets (:func:`follow_click`), with a caption
    saying what it filters: ``note`` (a translation key with ``{name}``) while one is picked,
    else ``hint``. Returns the picked code, None for all."""
    names = dict(zip(units["kode"], units["nama"] + " (" + units["kecamatan"].fillna("") + ")"))
    # A new session opens on the URL's kelurahan (set through the state: a click sets it too).
    if key not in st.session_state:
        st.session_state[key] = url.choice("kelurahan", names, None)
    follow_click(map_keys, key, names)
    kode = st.selectbox(label, [None, *names], format_func=lambda k: every if k is None else names[k], key=key)
    st.caption(hint if kode is None else t(note, name=md(names[kode])))
    url.keep("kelurahan", kode)
    return kode


def rerun_on_click(value, key: str) -> None:
    """Rerun the whole page when the map ``key`` drawn in a fragment reports a click it has not
    reported before: the click filters tables outside the fragment (:func:`follow_click`)."""
    kode = clicked_kode(value)
    seen = f"_{key}_in_fragment"
    if kode != st.session_state.get(seen):
        st.session_state[seen] = kode
        st.rerun()


def drill_kelurahan(kelurahan: pd.DataFrame) -> str | None:
    """The kelurahan filter of the tables and the drill-down, set by a click on the map."""
    return kelurahan_filter(
        kelurahan,
        [MAP_KEY],
        "six_t_kelurahan",
        t("six_t.kelurahan.pick"),
        t("six_t.kelurahan.all"),
        "six_t.kelurahan.note",
        t("six_t.map.click_hint"),
    )


def default_tahap(tahaps: pd.DataFrame, program: str | None, today) -> str | None:
    """The tahap the page opens on: the latest closed one (an open one has no tepat waktu
    verdict yet), else the newest; None (all) without a programme."""
    options = tahap_options(tahaps, program)
    return latest_closed_tahap(tahaps, program, today) or (options[-1] if options else None)


def rules_caption(region_name: str, today, rules: six_t_settings.SixTSettings) -> str:
    """The page's caption: the region, the data date and the rules in force."""
    grace = rules.waktu_grace_days
    return t(
        "six_t.caption",
        region=md(region_name),
        date=fmt_date(today),
        jumlah=fmt_int(rules.jumlah_tolerance_rupiah),
        harga=fmt_int(rules.harga_tolerance_rupiah),
        waktu=t("six_t.grace_programme") if grace is None else t("six_t.grace_days", n=grace),
    )


def indicator_labels() -> dict[str, str]:
    """Measure (the six T and ``lengkap``) -> its name in the session's language."""
    return {m: t(f"six_t.t.{m}") for m in six_t.MEASURES}


def reason_labels() -> dict[str, str]:
    """Reason code -> its text in the session's language."""
    return {code: t(f"six_t.reason.{code}") for codes in six_t.REASONS.values() for code in codes}


def pct(rate) -> str:
    """A 0-1 rate as a percentage; a dash when there is none."""
    return "–" if rate != rate else f"{fmt_float(rate * 100)} %"


def rupiah(value) -> str:
    return f"Rp {fmt_int(value)}"


def count_text(value) -> str:
    """A count; a dash for a unit without values (outside the user's scope)."""
    return "–" if value != value else fmt_int(value)


def rupiah_text(value) -> str:
    """Rupiah; a dash for a unit without values (outside the user's scope)."""
    return "–" if value != value else rupiah(value)


def show_scorecard(region: pd.Series) -> None:
    """The six T as metrics (two rows of three), then distributions, the fully compliant share
    and the rupiah at risk."""
    labels = indicator_labels()
    card = six_t.scorecard(region)
    cols = [col for row in (st.columns(3), st.columns(3)) for col in row]
    for col, row in zip(cols, card.itertuples()):
        col.metric(
            labels[row.indicator],
            pct(row.rate) if row.applicable_count else t("six_t.not_applicable"),
            t("six_t.not_met_delta", n=fmt_int(row.not_met_count)) if row.not_met_count else None,
            delta_color="red",
            delta_arrow="off",
            help=t("six_t.metric_help", met=fmt_int(row.met_count), applicable=fmt_int(row.applicable_count)),
        )
    c1, c2, c3 = st.columns(3)
    c1.metric(t("six_t.metric.distributions"), fmt_int(region["distributions_count"]))
    c2.metric(
        t("six_t.metric.compliant"),
        pct(region["lengkap_rate"]),
        help=t(
            "six_t.metric.compliant_help", n=fmt_int(region["compliant_count"]), failed=fmt_int(region["failed_count"])
        ),
    )
    c3.metric(
        t("six_t.metric.at_risk"),
        rupiah(region["at_risk_rupiah"]),
        help=t(
            "six_t.metric.at_risk_help",
            deduction=rupiah(region["deduction_rupiah"]),
            ineligible=rupiah(region["ineligible_rupiah"]),
        ),
    )


def choropleth(
    kode_region: str, kelurahan: pd.DataFrame, measure: str, scope_kelurahan: tuple[str, ...] | None = None
) -> tuple[folium.Map, list[str]]:
    """The map of one measure's rate per kelurahan (quantile classes, legend, no-data grey for
    a kelurahan where nothing is applicable; units outside ``scope_kelurahan`` as plain
    outlines) and the names of units without a polygon."""
    label = t("six_t.map.legend", measure=indicator_labels()[measure])
    shapes = maps.join_values(data.boundaries(kode_region), kelurahan)
    classes = classify.classify(shapes[f"{measure}_rate"] * 100, scheme="quantiles", k=5)
    shown = tables.as_text(
        shapes,
        {
            f"{measure}_rate": pct,
            "distributions_count": count_text,
            "failed_count": count_text,
            "at_risk_rupiah": rupiah_text,
        },
    )
    m = maps.choropleth(
        shown,
        classes,
        legend_title=label,
        labels=maps.class_labels(classes, fmt_float),
        no_data_label=t("six_t.map.no_data"),
        tooltip={
            "kode": t("col.kode"),
            "nama": t("col.kelurahan"),
            "kecamatan": t("col.kecamatan"),
            f"{measure}_rate": label,
            "distributions_count": t("six_t.col.distributions"),
            "failed_count": t("six_t.col.failed"),
            "at_risk_rupiah": t("six_t.col.at_risk"),
        },
        scope_kelurahan=scope_kelurahan,
    )
    return m, [md(name) for name in maps.units_without_shape(shapes)]


@charts.shared
def heat_chart(kelurahan: pd.DataFrame) -> go.Figure | None:
    """Kelurahan x T heat table in percent (:func:`analytics.six_t.heat_table`); None when no
    kelurahan has a distribution."""
    # Plotly reads a few HTML tags in labels: names go in as text.
    heat = six_t.heat_table(kelurahan.assign(nama=kelurahan["nama"].map(html_text))).rename(columns=indicator_labels())
    if heat.empty:
        return None
    fig = px.imshow(
        heat,
        color_continuous_scale="YlGnBu",
        zmin=0,
        zmax=100,
        text_auto=".0f",
        aspect="auto",
        labels={"x": t("six_t.heat.indicator"), "y": t("col.kelurahan"), "color": t("six_t.col.rate_pct")},
    )
    fig.update_layout(height=220 + 24 * len(heat), margin={"l": 10, "r": 10, "t": 90, "b": 10})
    fig.update_xaxes(side="top")
    return fig


@charts.shared
def trend_chart(trend: pd.DataFrame) -> go.Figure | None:
    """Compliance per tahap, one line per measure, one panel per programme; None without data."""
    if trend.empty:
        return None
    fig = px.line(
        trend.assign(measure=trend["measure"].map(indicator_labels())),
        x="tahap",
        y="rate_pct",
        color="measure",
        facet_row="kode_program" if trend["kode_program"].nunique() > 1 else None,
        markers=True,
        range_y=[0, 105],
        labels={
            "tahap": t("six_t.filter.tahap"),
            "rate_pct": t("six_t.col.rate_pct"),
            "measure": t("six_t.heat.indicator"),
            "kode_program": t("six_t.filter.program"),
        },
    )
    fig.update_xaxes(matches=None, type="category")
    return fig


def entitlement_note(rates: pd.DataFrame, kelurahan: str | None = None) -> str | None:
    """The warning about reports whose own nilai_hak differs from the tahap's entitlement, for
    the region (or ``kelurahan``); None when there is none."""
    units = six_t.unit_level(rates, "kelurahan" if kelurahan else "region")
    if kelurahan:
        units = units[units["kode"] == kelurahan]
    n = int(units["nilai_hak_berbeda_count"].fillna(0).sum())
    return t("six_t.hak_differs", n=fmt_int(n)) if n else None


def unit_table(rates: pd.DataFrame, level: str, kelurahan: str | None = None) -> pd.DataFrame:
    """The rates of one level as displayed (percent, headers in the session's language); at the
    kelurahan level only ``kelurahan`` when given."""
    units = six_t.unit_level(rates, level)
    if level == "kelurahan" and kelurahan is not None:
        units = units[units["kode"] == kelurahan]
    return tables.localized(
        units,
        {
            "kode": "col.kode",
            "nama": "six_t.col.unit",
            "distributions_count": "six_t.col.distributions",
            **{f"{m}_rate": f"six_t.col.{m}_pct" for m in six_t.MEASURES},
            "at_risk_rupiah": "six_t.col.at_risk",
        },
        percent=tuple(f"{m}_rate" for m in six_t.MEASURES),
    )


def deferred_kelurahan_csv(selection: Selection, rates: pd.DataFrame, rules) -> Callable[[], bytes]:
    """A callable making the file of ``python -m warehouse export six-t --format csv`` for this
    selection in the session's language, for a deferred download button (the language is read
    now: the callable runs when someone clicks, outside the script)."""
    lang = current_language()
    return lambda: six_t_report.kelurahan_csv(selection, rates, rules, lang)


def sample_view(drawn: pd.DataFrame, kelurahan: str | None = None) -> pd.DataFrame:
    """The sample (of one kelurahan when given) as displayed: each T's status in words."""
    statuses = {s: t(f"six_t.status.{s}") for s in ("met", "not_met", "not_applicable")}
    drawn = six_t_report.in_kelurahan(drawn, kelurahan)
    shown = drawn.assign(**{m: six_t.status(drawn[f"{m}_met"]).map(statuses).to_numpy() for m in six_t.INDICATORS})
    return tables.localized(
        shown,
        {
            "kelurahan": "col.kelurahan",
            "id_penyaluran": "six_t.col.id",
            "nik_penerima": "six_t.col.nik",
            "nama": "six_t.col.nama",
            **{m: f"six_t.t.{m}" for m in six_t.INDICATORS},
        },
    )


def working_paper(selection: Selection, drawn: pd.DataFrame, per: int, seed: int) -> bytes:
    """The field-verification working paper (:func:`reports.six_t.working_paper`) in the
    session's language."""
    return six_t_report.working_paper(selection, drawn, per, seed, current_language())


# --- the page's fragments: a control here reruns its part only ------------------------------


@st.fragment
def map_section(
    kode_region: str, kelurahan: pd.DataFrame, labels: dict[str, str], scope_kelurahan: tuple[str, ...] | None = None
) -> None:
    """The map of one indicator, picked here (in the URL as ``indikator``)."""
    st.subheader(t("six_t.map.title"))
    measure = url.segmented(
        t("six_t.map.pick"), MEASURES, param="indikator", key="six_t_measure", default="sasaran", format_func=labels.get
    )
    m, missing = choropleth(kode_region, kelurahan, measure, scope_kelurahan)
    rerun_on_click(maps.show(m, key=MAP_KEY), MAP_KEY)
    if missing:
        st.caption(t("map.no_polygon", n=len(missing), names=", ".join(missing)))


@st.fragment
def unit_section(rates: pd.DataFrame, kelurahan: str | None) -> None:
    """The compliance table at the level picked here (in the URL as ``tingkat``)."""
    level = url.segmented(
        t("six_t.units.level"),
        LEVELS,
        param="tingkat",
        key="six_t_level",
        default="kelurahan",
        format_func=lambda v: t(f"six_t.level.{v}"),
    )
    tables.show_table(unit_table(rates, level, kelurahan))


@st.fragment
def drill_section(
    selection: Selection,
    rules,
    labels: dict[str, str],
    kelurahan: str | None,
    rates: pd.DataFrame,
    units: pd.DataFrame,
    scope_kelurahan: tuple[str, ...] | None,
) -> None:
    """The masked failing distributions of the T picked here (in the URL as ``gagal``), a page
    of :data:`DRILL_ROWS` at a time, their download, and the audit record of the list shown.
    Call after the role check."""
    which = url.selectbox(
        t("six_t.drill.pick"),
        [None, *INDICATORS],
        param="gagal",
        key="six_t_drill_t",
        format_func=lambda v: t("six_t.all") if v is None else labels[v],
    )
    total = failing_total(rates, which, kelurahan)
    pages = max(1, -(-total // DRILL_ROWS))
    page = 1
    if pages > 1:
        page = int(st.number_input(t("six_t.drill.page", pages=fmt_int(pages)), 1, pages, 1, key="six_t_drill_page"))
    offset = (page - 1) * DRILL_ROWS
    rows = failing(selection, rules, which, kelurahan, DRILL_ROWS, offset, scope_kelurahan=scope_kelurahan)
    auth.record_list(
        "six_t.drilldown",
        {
            "wilayah": selection.kode_region,
            "program": selection.program,
            "tahap": selection.tahap,
            "kanal": selection.kanal,
            "t": which,
            "kelurahan": kelurahan,
            "page": page,
        },
    )
    st.caption(t("six_t.drill.caption", n=fmt_int(total)))
    tables.show_table(drill_table(rows))
    if pages > 1:
        st.caption(
            t("six_t.drill.shown", shown=f"{fmt_int(offset + 1)}–{fmt_int(offset + len(rows))}", n=fmt_int(total))
        )
    name = f"gagal_6t_{selection.file_stem}.csv"
    st.download_button(
        t("six_t.download.failing"),
        auth.download(
            roles.SIX_T_DRILLDOWN,
            name,
            deferred_drill_csv(selection, rules, which, kelurahan, units, scope_kelurahan=scope_kelurahan),
        ),
        file_name=name,
        mime="text/csv",
        key="six_t_download_failing",
    )


@st.fragment
def sample_section(
    selection: Selection,
    rules,
    population_count: int,
    kelurahan: str | None,
    scope_kelurahan: tuple[str, ...] | None,
) -> None:
    """The field-verification sample with its seed and size picked here (in the URL as
    ``benih`` and ``per``), and the working paper. Call after the role check."""
    c1, c2 = st.columns(2)
    seed = url.number(
        t("six_t.sample.seed"),
        param="benih",
        key="six_t_seed",
        default=rules.sample_seed,
        min_value=0,
        max_value=999_999_999,
        step=1,
        where=c1,
    )
    per = url.number(
        t("six_t.sample.per_kelurahan"),
        param="per",
        key="six_t_per",
        default=rules.sample_per_kelurahan,
        min_value=1,
        max_value=10_000,
        step=1,
        where=c2,
    )
    drawn = sample(selection, rules, per, seed, scope_kelurahan=scope_kelurahan)
    st.caption(t("six_t.sample.caption", per=per, seed=seed, n=fmt_int(len(drawn)), total=fmt_int(population_count)))
    tables.show_table(sample_view(drawn, kelurahan))
    name = f"kertas_kerja_6t_{selection.file_stem}_benih{seed}.xlsx"
    st.download_button(
        t("six_t.sample.download"),
        auth.download(roles.SIX_T_WORKING_PAPER, name, lambda: working_paper(selection, drawn, per, seed)),
        file_name=name,
        mime=XLSX_MIME,
        key="six_t_download_sample",
    )
