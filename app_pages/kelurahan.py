"""One kelurahan's profile: its DTKS update trend against the target, the enumerators who
worked there, the results of the visits and the data-quality findings (masked)."""

import streamlit as st

from domain import roles
from ui import auth, sidebar, url
from ui import coverage as cov
from ui.i18n import fmt_date, fmt_float, fmt_int, plot, t
from ui.safe import md

f = sidebar.filters()
names = cov.kelurahan_choices(f)
if not names:
    st.title(t("kelurahan.title_none"))
    st.info(t("kelurahan.none"))
    st.stop()

# A kelurahan outside the user's scope is never taken from the URL.
kode = url.selectbox(
    t("kelurahan.pick"),
    names,
    param="kelurahan",
    key="pick_kelurahan",
    allowed=f.scope_kelurahan,
    format_func=names.get,
)
view = cov.profile(f, kode)
row = view.row

st.title(t("kelurahan.title", name=md(row["nama"])))
st.caption(
    t("kelurahan.caption", kecamatan=md(row["kecamatan"]), kode=md(kode), cycle=md(f.siklus), date=fmt_date(f.today))
)
cov.profile_metrics(row)
st.caption(t("coverage.definitions"))
if row["lagging"]:
    st.warning(
        t("kelurahan.lagging", target=fmt_float(row["target_rate"] * 100), region=fmt_float(view.region_rate * 100))
    )
elif row["behind_region"]:
    st.info(t("kelurahan.below_region", region=fmt_float(view.region_rate * 100)))

st.subheader(t("kelurahan.trend"))
plot(st, cov.progress_chart(view.progress, t("progress.coverage"), t("chart.done")), key="kelurahan_progress")

left, right = st.columns(2)
plot(left, cov.results_chart(view.results, t("kelurahan.results"), view.suppress_below), key="kelurahan_results")
if view.suppress_below > 0:
    left.caption(t("kelurahan.results_note", n=fmt_int(view.suppress_below)))
plot(right, cov.funnel_chart(view.funnel, t("funnel.title")), key="kelurahan_funnel")

st.subheader(t("kelurahan.enumerators"))
if view.enumerators.empty:
    st.info(t("kelurahan.no_enumerators"))
else:
    cov.enumerators_table(view)

st.subheader(t("quality.title"))
mine, total = cov.unit_findings(f, kode)
cov.quality_metrics(cov.unit_check_counts(f, kode))
if mine.empty:
    st.success(t("quality.none"))
elif not auth.allowed(roles.QUALITY_ROWS):
    st.info(t("auth.forbidden_rows", role=auth.session().role))
else:
    auth.record_list("quality.findings", {"wilayah": f.kode_region, "kelurahan": kode})
    cov.findings_table(mine)
    if total > len(mine):
        st.caption(t("quality.page_note", n=fmt_int(len(mine)), total=fmt_int(total)))
    quality_name = f"kualitas_{kode}_{f.today}.csv"
    st.download_button(
        t("download.quality"),
        auth.download(roles.QUALITY_ROWS, quality_name, cov.masked_findings_csv(f, kode)),
        file_name=quality_name,
        mime="text/csv",
    )
