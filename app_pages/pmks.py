"""The PMKS page: where cases concentrate (density, Gi* hot spots, heat layer), how fast the TRC
reaches them, and what becomes of them (lifecycle, outcomes, shelter)."""

import streamlit as st

from domain import roles
from ui import auth, maps, pmks, sidebar, tables, url
from ui.i18n import fmt_date, fmt_int, plot, t
from ui.safe import md

f = sidebar.filters(needs_cycle=False)
scope = f.scope_kelurahan
st.title(t("pmks.title"))
if scope is not None:
    st.caption(t("pmks.scope.note", n=fmt_int(len(scope))))
span = pmks.period(f.kode_region, scope_kelurahan=scope)
if not span["cases_count"]:
    st.info(t("pmks.no_cases_region", region=md(f.region_name)))
    st.stop()
default_period = pmks.default_period(span["first_date"], f.today)

c1, c2, c3 = st.columns([3, 2, 2])
kategori = url.multiselect(
    t("pmks.filter.kategori"),
    pmks.CATEGORIES,
    param="kategori",
    key="pmks_kategori",
    format_func=pmks.kategori_name,
    placeholder=t("pmks.filter.all"),
    where=c1,
)
sumber = url.multiselect(
    t("pmks.filter.sumber"),
    pmks.SOURCES,
    param="sumber",
    key="pmks_sumber",
    format_func=pmks.sumber_name,
    placeholder=t("pmks.filter.all"),
    where=c2,
)
dari, sampai = pmks.date_range(
    url.date_range(
        t("pmks.filter.period"), param="periode", key="pmks_period", default=default_period, max_value=f.today, where=c3
    ),
    default_period,
)
st.caption(
    t("pmks.caption", region=md(f.region_name), dari=fmt_date(dari), sampai=fmt_date(sampai), date=fmt_date(f.today))
)
measure = url.segmented(
    t("pmks.measure"),
    pmks.MEASURES,
    param="ukuran",
    key="pmks_measure",
    default=pmks.DEFAULT_MEASURE,
    format_func=lambda m: t(f"pmks.measure.{m}"),
)
st.caption(t(f"pmks.measure.caption.{measure}"))

flt = pmks.CaseFilter(f.kode_region, tuple(kategori), tuple(sumber), dari, sampai)
result = pmks.unit_analysis(flt, measure, scope_kelurahan=scope)
summary = pmks.summary(result)
if summary["cases_count"] == 0:
    st.info(t("pmks.no_cases"))
    st.stop()
shelter = pmks.shelter(flt, f.today, pmks.shelters(), scope_kelurahan=scope)

m = st.columns(4)
m[0].metric(t("pmks.metric.cases"), fmt_int(summary["cases_count"]))
m[1].metric(
    t("pmks.metric.units"),
    t("pmks.of", n=fmt_int(summary["units_with_cases_count"]), total=fmt_int(summary["units_count"])),
)
m[2].metric(t("pmks.metric.hot"), fmt_int(summary["hot_count"]))
m[3].metric(t("pmks.metric.in_shelter", date=fmt_date(shelter.day)), fmt_int(shelter.stay["current_count"]))

threshold = pmks.suppress_below()
hidden_note = t("pmks.suppressed_note", n=fmt_int(threshold)) if threshold > 0 else ""
boundaries, shapes = pmks.unit_shapes(f.kode_region, result)
st.subheader(t("pmks.density.title"))
maps.show(pmks.density_map(shapes, measure, threshold), key="pmks_density_map")
st.caption(" ".join(filter(None, (t("pmks.density.note"), hidden_note))))
missing = pmks.missing_names(shapes)
if missing:
    st.caption(t("map.no_polygon", n=len(missing), names=", ".join(missing)))
kelurahan = pmks.table_kelurahan(result)

# The view of the hot spots, the heat layer's bandwidth and the TRC's target and team each
# rerun their own part only (fragments).
pmks.hotspot_section(flt, shapes, summary, measure, threshold, pmks.in_kelurahan(result, kelurahan), scope)
if auth.allowed(roles.AGGREGATES_DOWNLOAD):
    stem = f"titik_panas_pmks_{f.kode_region}_{dari}_{sampai}"
    files = pmks.downloads(flt, f.region_name, f.today, measure, result)
    d1, d2 = st.columns(2)
    d1.download_button(
        t("download.csv"),
        auth.download(
            roles.AGGREGATES_DOWNLOAD,
            f"{stem}.csv",
            files["csv"],
        ),
        file_name=f"{stem}.csv",
        mime="text/csv",
        key="pmks_download_csv",
    )
    d2.download_button(
        t("download.xlsx"),
        auth.download(
            roles.AGGREGATES_DOWNLOAD,
            f"{stem}.xlsx",
            files["xlsx"],
        ),
        file_name=f"{stem}.xlsx",
        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        key="pmks_download_xlsx",
    )
st.caption(t("pmks.download.note", n=fmt_int(threshold)))

pmks.heat_section(flt, boundaries, summary["cases_count"], scope)

st.subheader(t("pmks.breakdown.title"))
# Region-wide the category table counts the whole city, not a kelurahan: only one kelurahan's is hidden.
tables.show_table(
    pmks.category_table(pmks.category_counts(flt, kelurahan, scope_kelurahan=scope), threshold if kelurahan else 0)
)
if kelurahan and hidden_note:
    st.caption(hidden_note)
with st.expander(t("pmks.breakdown.units")):
    tables.show_table(pmks.unit_table(pmks.in_kelurahan(result, kelurahan), threshold))
    if hidden_note:
        st.caption(hidden_note)

pmks.response_section(flt, kelurahan, scope)

st.subheader(t("pmks.lifecycle.title"))
life = pmks.lifecycle(flt, f.today, kelurahan, scope_kelurahan=scope)
l1, l2 = st.columns([2, 3])
plot(l1, pmks.funnel_chart(life.funnel, t("pmks.lifecycle.funnel")), key="pmks_funnel")
l1.caption(t("pmks.lifecycle.funnel_note"))
with l2:
    st.markdown(f"**{t('pmks.lifecycle.durations')}**")
    if life.durations is None:
        st.info(t("pmks.lifecycle.no_history"))
    else:
        tables.show_table(pmks.durations_table(life.durations))
        st.caption(t("pmks.lifecycle.durations_note"))
st.markdown(f"**{t('pmks.outcomes.title')}**")
tables.show_table(pmks.outcomes_table(life.outcomes))

st.subheader(t("pmks.shelter.title"))
if not shelter.stays_count:
    st.info(t("pmks.shelter.none"))
else:
    stay = shelter.stay
    sm = st.columns(4)
    sm[0].metric(t("pmks.shelter.current"), fmt_int(stay["current_count"]))
    sm[1].metric(t("pmks.shelter.discharged"), fmt_int(stay["discharged_count"]))
    sm[2].metric(t("pmks.shelter.median_stay"), pmks.days(stay["median_days"]))
    sm[3].metric(t("pmks.shelter.p90_stay"), pmks.days(stay["p90_days"]))
    for warning in pmks.shelter_warnings(shelter):
        st.warning(warning)
    if shelter.by_upt["nama"].notna().any():
        st.markdown(f"**{t('pmks.shelter.by_upt')}**")
        st.metric(t("pmks.shelter.rate"), pmks.pct(shelter.occupancy_rate))
        tables.show_table(pmks.shelter_table(shelter.by_upt))
        st.caption(t("pmks.shelter.upt_note", date=fmt_date(shelter.day)))
    else:
        st.info(t("pmks.shelter.no_upt"))
    plot(st, pmks.occupancy_chart(shelter.occupancy, t("pmks.shelter.occupancy")), key="pmks_occupancy")
    st.caption(t("pmks.shelter.note"))
