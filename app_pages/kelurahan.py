"""One kelurahan's profile: its DTKS update trend against the target, the enumerators who
worked there, the results of the visits and the data-quality findings (masked)."""

import streamlit as st

from analytics import coverage, quality
from ui import coverage as cov
from ui import sidebar, tables
from ui.i18n import fmt_date, fmt_float, fmt_int, t

f = sidebar.filters()
levels = cov.levels(f, "households")
units = levels[levels["level"] == "kelurahan"]
if units.empty:
    st.title(t("kelurahan.title_none"))
    st.info(t("kelurahan.none"))
    st.stop()

options = units["kode"].tolist()
names = cov.unit_names(units)
wanted = cov.url_choice("kelurahan", options, options[0])
kode = st.selectbox(
    t("kelurahan.pick"), options, index=options.index(wanted), format_func=names.get, key="pick_kelurahan"
)
cov.set_param("kelurahan", kode)
row = units.set_index("kode").loc[kode]
start, end, _ = cov.cycle(f.siklus)

st.title(t("kelurahan.title", name=row["nama"]))
st.caption(t("kelurahan.caption", kecamatan=row["kecamatan"], kode=kode, cycle=f.siklus, date=fmt_date(f.today)))
c = [col for r in (st.columns(3), st.columns(3)) for col in r]
c[0].metric(t("metric.households"), fmt_int(row["households_count"]))
c[1].metric(t("metric.coverage"), cov.pct(row["coverage_rate"]))
c[2].metric(t("metric.backlog"), fmt_int(row["backlog_count"]))
c[3].metric(t("metric.pace"), fmt_float(row["pace_per_day"], 2))
c[4].metric(
    t("metric.finish"), fmt_date(row["projected_finish"]) if row["projected_finish"] else t("metric.finish_none")
)
c[5].metric(t("metric.padan"), cov.pct(row["padan_rate"]))
if row["lagging"]:
    st.warning(
        t(
            "kelurahan.lagging",
            target=fmt_float(row["target_rate"] * 100),
            region=fmt_float(levels.loc[levels["level"] == "region", "coverage_rate"].iloc[0] * 100),
        )
    )

st.subheader(t("kelurahan.trend"))
series = cov.daily(f)
st.plotly_chart(
    cov.progress_chart(
        coverage.cumulative_progress(
            series[series["kode"] == kode],
            row["households_count"],
            start,
            end,
            f.today,
            schedule=cov.schedule(f.siklus),
        ),
        t("progress.coverage"),
        t("chart.done"),
    ),
    key="kelurahan_progress",
)

left, right = st.columns(2)
breakdown = coverage.result_breakdown(units)
left.plotly_chart(
    cov.results_chart(breakdown[breakdown["kode"] == kode], t("kelurahan.results")), key="kelurahan_results"
)
funnels = coverage.funnel_table(cov.funnel(f), units[["kode", "households_count"]])
right.plotly_chart(
    cov.funnel_chart(funnels[funnels["kode"] == kode].iloc[0], t("funnel.title")),
    key="kelurahan_funnel",
)

st.subheader(t("kelurahan.enumerators"))
workers = cov.enumerators(f)
workers = workers[workers["kode"] == kode]
if workers.empty:
    st.info(t("kelurahan.no_enumerators"))
else:
    st.dataframe(
        tables.localized(
            tables.as_text(workers, {"first_visit": fmt_date, "last_visit": fmt_date}),
            {
                "nama_petugas": "col.petugas",
                "visits_count": "col.visits",
                "households_count": "col.households_visited",
                "results_count": "col.results",
                "updated_28d_count": "col.results_28d",
                "days_worked_count": "col.days_worked",
                "first_visit": "col.first_visit",
                "last_visit": "col.last_visit",
            },
        ),
        hide_index=True,
        width="stretch",
    )

st.subheader(t("quality.title"))
found = cov.findings(f)
mine = quality.masked_findings(found[found["kode_kelurahan"] == kode])
counts = cov.findings_per_unit(f, [kode]).iloc[0]
q = [col for r in (st.columns(3), st.columns(3)) for col in r]
for col, check in zip(q, quality.CHECKS):
    col.metric(t(f"quality.check.{check}"), fmt_int(counts[f"{check}_count"]))
if mine.empty:
    st.success(t("quality.none"))
else:
    st.dataframe(
        tables.localized(
            cov.findings_for_display(mine),
            {
                "check": "col.check",
                "id_dtks": "col.id_dtks",
                "no_kk": "col.no_kk",
                "nik": "col.nik",
                "nama": "col.nama",
                "detail": "col.detail",
            },
        ),
        hide_index=True,
        width="stretch",
    )
    st.download_button(
        t("download.quality"),
        tables.csv_bytes(mine),
        file_name=f"kualitas_{kode}_{f.today}.csv",
        mime="text/csv",
    )
