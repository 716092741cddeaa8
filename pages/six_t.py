"""The auditors' page: 6T compliance of bansos distributions per kelurahan, programme, tahap and
channel, the failing distributions (personal data masked) and a field-verification sample."""

import plotly.express as px
import streamlit as st

from analytics import classify, six_t
from analytics.privacy import mask_frame
from ui import data, maps, sidebar, tables
from ui.i18n import current_language, fmt_date, fmt_float, fmt_int, t
from warehouse import export_six_t, six_t_settings

DRILL_ROWS = 1000

f = sidebar.filters()
settings = six_t_settings.load()
lang = current_language()
labels = {m: t(f"six_t.t.{m}") for m in six_t.MEASURES}
reasons = {code: t(f"six_t.reason.{code}") for codes in six_t.REASONS.values() for code in codes}


def pct(rate) -> str:
    return "–" if rate != rate else f"{fmt_float(rate * 100)} %"


def rupiah(value) -> str:
    return f"Rp {fmt_int(value)}"


st.title(t("six_t.title"))
grace = settings.waktu_grace_days
st.caption(
    t(
        "six_t.caption",
        region=f.region_name,
        date=fmt_date(f.today),
        jumlah=fmt_int(settings.jumlah_tolerance_rupiah),
        harga=fmt_int(settings.harga_tolerance_rupiah),
        waktu=t("six_t.grace_programme") if grace is None else t("six_t.grace_days", n=grace),
    )
)

tahap_list = data.query("six_t_tahap", kode_region=f.kode_region)
if tahap_list.empty:
    st.info(t("six_t.no_distributions"))
    st.stop()

programs = list(dict.fromkeys(tahap_list["kode_program"]))
program_names = dict(zip(tahap_list["kode_program"], tahap_list["nama"]))
c1, c2, c3 = st.columns(3)
program = c1.selectbox(
    t("six_t.filter.program"),
    [None, *programs],
    index=1,
    format_func=lambda p: t("six_t.all") if p is None else f"{p} ({program_names[p]})",
    key="six_t_program",
)
tahap_options = [] if program is None else tahap_list.loc[tahap_list["kode_program"] == program, "tahap"].tolist()
tahap = c2.selectbox(
    t("six_t.filter.tahap"),
    [None, *tahap_options],
    index=len(tahap_options),
    format_func=lambda v: t("six_t.all") if v is None else v,
    key="six_t_tahap",
    disabled=program is None,
)
kanal = c3.selectbox(
    t("six_t.filter.kanal"),
    [None, *export_six_t.KANAL],
    format_func=lambda k: t("six_t.all") if k is None else t(f"six_t.kanal.{k}"),
    key="six_t_kanal",
)
params = export_six_t.query_params(f.kode_region, program, tahap, kanal, settings)

rates = six_t.compliance_rates(data.query("six_t_units", **params))
region = six_t.unit_level(rates, "region")
if region.empty:
    st.info(t("six_t.no_data"))
    st.stop()
region = region.iloc[0]
kelurahan = six_t.unit_level(rates, "kelurahan")

st.subheader(t("six_t.scorecard"))
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
    help=t("six_t.metric.compliant_help", n=fmt_int(region["compliant_count"]), failed=fmt_int(region["failed_count"])),
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
st.caption(t("six_t.desil_note"))

st.subheader(t("six_t.map.title"))
measure = st.segmented_control(
    t("six_t.map.pick"), list(six_t.MEASURES), default="sasaran", format_func=labels.get, key="six_t_measure"
) or "sasaran"
shapes = maps.join_values(data.boundaries(f.kode_region), kelurahan)
classes = classify.classify(shapes[f"{measure}_rate"] * 100, scheme="quantiles", k=5)
shown = tables.as_text(
    shapes,
    {
        f"{measure}_rate": pct,
        "distributions_count": fmt_int,
        "failed_count": fmt_int,
        "at_risk_rupiah": rupiah,
    },
)
m = maps.choropleth(
    shown,
    classes,
    legend_title=t("six_t.map.legend", measure=labels[measure]),
    labels=maps.class_labels(classes, fmt_float),
    no_data_label=t("six_t.map.no_data"),
    tooltip={
        "nama": t("col.kelurahan"),
        "kecamatan": t("col.kecamatan"),
        f"{measure}_rate": t("six_t.map.legend", measure=labels[measure]),
        "distributions_count": t("six_t.col.distributions"),
        "failed_count": t("six_t.col.failed"),
        "at_risk_rupiah": t("six_t.col.at_risk"),
    },
)
maps.show(m, key="six_t_map")
missing = maps.units_without_shape(shapes)
if missing:
    st.caption(t("map.no_polygon", n=len(missing), names=", ".join(missing)))

st.subheader(t("six_t.heat.title"))
heat = six_t.heat_table(kelurahan).rename(columns=labels)
if heat.empty:
    st.info(t("six_t.no_data"))
else:
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
    st.plotly_chart(fig, width="stretch", key="six_t_heat")
    st.caption(t("six_t.heat.caption"))

st.subheader(t("six_t.trend.title"))
trend_rates = six_t.compliance_rates(data.query("six_t_units", **{**params, "tahap_bansos": None}))
trend = six_t.trend(six_t.unit_level(trend_rates, "tahap"))
if trend.empty:
    st.info(t("six_t.no_data"))
else:
    fig = px.line(
        trend.assign(measure=trend["measure"].map(labels)),
        x="tahap",
        y="rate_pct",
        color="measure",
        facet_row="kode_program" if trend["kode_program"].nunique() > 1 else None,
        markers=True,
        range_y=[0, 105],
        labels={"tahap": t("six_t.filter.tahap"), "rate_pct": t("six_t.col.rate_pct"), "measure": t("six_t.heat.indicator"), "kode_program": t("six_t.filter.program")},
    )
    fig.update_xaxes(matches=None, type="category")
    st.plotly_chart(fig, width="stretch", key="six_t_trend")

st.subheader(t("six_t.units.title"))
level = st.segmented_control(
    t("six_t.units.level"),
    ["kelurahan", "kecamatan", "program", "tahap", "kanal"],
    default="kelurahan",
    format_func=lambda v: t(f"six_t.level.{v}"),
    key="six_t_level",
) or "kelurahan"
unit_table = tables.localized(
    six_t.unit_level(rates, level),
    {
        "kode": "col.kode",
        "nama": "six_t.col.unit",
        "distributions_count": "six_t.col.distributions",
        **{f"{m}_rate": f"six_t.col.{m}_pct" for m in six_t.MEASURES},
        "at_risk_rupiah": "six_t.col.at_risk",
    },
    percent=tuple(f"{m}_rate" for m in six_t.MEASURES),
)
st.dataframe(unit_table, hide_index=True, width="stretch")
export_header = export_six_t.header_line(f.region_name, f.kode_region, program, tahap, kanal, f.today, settings, lang)
st.download_button(
    t("six_t.download.kelurahan"),
    export_six_t.kelurahan_file(export_six_t.kelurahan_table(rates), export_header, "csv"),
    file_name=f"kepatuhan_6t_{f.kode_region}_{program or 'semua'}_{tahap or 'semua'}.csv",
    mime="text/csv",
    key="six_t_download_kelurahan",
)

st.subheader(t("six_t.drill.title"))
failing = data.query("six_t_penyaluran", hanya_gagal=True, **params)
which = st.selectbox(
    t("six_t.drill.pick"),
    [None, *six_t.INDICATORS],
    format_func=lambda v: t("six_t.all") if v is None else labels[v],
    key="six_t_drill_t",
)
if which is not None:
    failing = failing[failing[f"{which}_met"].astype("boolean").eq(False).fillna(False).to_numpy(dtype=bool)]
failing = mask_frame(failing).assign(failures=six_t.failure_text(failing, labels, reasons).to_numpy())
drill_columns = {
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
    "at_risk_rupiah": "six_t.col.at_risk",
}
drill = tables.localized(tables.as_text(failing, {"tanggal_salur": fmt_date}), drill_columns)
st.caption(t("six_t.drill.caption", n=fmt_int(len(drill))))
st.dataframe(drill.head(DRILL_ROWS), hide_index=True, width="stretch")
if len(drill) > DRILL_ROWS:
    st.caption(t("six_t.drill.shown", shown=fmt_int(DRILL_ROWS), n=fmt_int(len(drill))))
st.download_button(
    t("six_t.download.failing"),
    tables.csv_bytes(drill),
    file_name=f"gagal_6t_{f.kode_region}_{program or 'semua'}_{tahap or 'semua'}.csv",
    mime="text/csv",
    key="six_t_download_failing",
)

st.subheader(t("six_t.sample.title"))
if program is None or tahap is None:
    st.info(t("six_t.sample.pick_tahap"))
else:
    c1, c2 = st.columns(2)
    seed = int(c1.number_input(t("six_t.sample.seed"), min_value=0, value=settings.sample_seed, step=1, key="six_t_seed"))
    per = int(
        c2.number_input(
            t("six_t.sample.per_kelurahan"), min_value=1, value=settings.sample_per_kelurahan, step=1, key="six_t_per"
        )
    )
    population = data.query("six_t_penyaluran", hanya_gagal=False, **params)
    sample = mask_frame(six_t.stratified_sample(population, per, seed))
    st.caption(t("six_t.sample.caption", per=per, seed=seed, n=fmt_int(len(sample)), total=fmt_int(len(population))))
    statuses = {s: t(f"six_t.status.{s}") for s in ("met", "not_met", "not_applicable")}
    sample_view = sample.assign(**{m: six_t.status(sample[f"{m}_met"]).map(statuses).to_numpy() for m in six_t.INDICATORS})
    st.dataframe(
        tables.localized(
            sample_view,
            {
                "kelurahan": "col.kelurahan",
                "id_penyaluran": "six_t.col.id",
                "nik_penerima": "six_t.col.nik",
                "nama": "six_t.col.nama",
                **{m: f"six_t.t.{m}" for m in six_t.INDICATORS},
            },
        ),
        hide_index=True,
        width="stretch",
    )
    paper_columns = [
        "kode_kelurahan",
        "kelurahan",
        "kecamatan",
        "sample_rank",
        "stratum_count",
        "id_penyaluran",
        "kode_program",
        "tahap",
        "kanal",
        "id_penyalur",
        "tanggal_salur",
        "nik_penerima",
        "no_kk",
        "nama",
        "nilai_hak_rupiah",
        "nilai_diterima_rupiah",
    ]
    header = t(
        "six_t.sample.header",
        region=f.region_name,
        kode=f.kode_region,
        program=program,
        tahap=tahap,
        kanal=t("six_t.all") if kanal is None else kanal,
        date=f.today.isoformat(),
        per=per,
        seed=seed,
    )
    st.download_button(
        t("six_t.sample.download"),
        export_six_t.working_paper_file(six_t.working_paper(sample, paper_columns), header),
        file_name=f"kertas_kerja_6t_{f.kode_region}_{program}_{tahap}_benih{seed}.xlsx",
        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        key="six_t_download_sample",
    )
