"""The PMKS page: where cases concentrate (density, Gi* hot spots, heat layer), how fast the TRC
reaches them, and what becomes of them (lifecycle, outcomes, shelter)."""

import streamlit as st

from domain import roles
from ui import auth, maps, pmks, sidebar
from ui.i18n import fmt_date, fmt_float, fmt_int, plot, t
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
kategori = c1.multiselect(
    t("pmks.filter.kategori"),
    list(pmks.CATEGORIES),
    format_func=pmks.kategori_name,
    placeholder=t("pmks.filter.all"),
    key="pmks_kategori",
)
sumber = c2.multiselect(
    t("pmks.filter.sumber"),
    list(pmks.SOURCES),
    format_func=pmks.sumber_name,
    placeholder=t("pmks.filter.all"),
    key="pmks_sumber",
)
dari, sampai = pmks.date_range(
    c3.date_input(t("pmks.filter.period"), value=default_period, max_value=f.today, key="pmks_period"),
    default_period,
)
st.caption(
    t("pmks.caption", region=md(f.region_name), dari=fmt_date(dari), sampai=fmt_date(sampai), date=fmt_date(f.today))
)
measure = (
    st.segmented_control(
        t("pmks.measure"),
        list(pmks.MEASURES),
        default=pmks.DEFAULT_MEASURE,
        format_func=lambda m: t(f"pmks.measure.{m}"),
        key="pmks_measure",
    )
    or pmks.DEFAULT_MEASURE
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

st.subheader(t("pmks.hotspot.title"))
view = (
    st.segmented_control(
        t("pmks.hotspot.view"),
        ["gi", "moran"],
        default="gi",
        format_func=lambda v: t(f"pmks.hotspot.view.{v}"),
        key="pmks_hotspot_view",
    )
    or "gi"
)
if not summary["tested_count"]:
    st.info(t("pmks.hotspot.too_few", n=fmt_int(pmks.MIN_UNITS)))
else:
    if view == "gi":
        maps.show(pmks.hotspot_map(shapes, measure, threshold), key="pmks_hotspot_map")
        significant = summary["significant_count"]
    else:
        clusters = pmks.moran(flt, measure, scope_kelurahan=scope)
        maps.show(pmks.moran_map(shapes, clusters, measure, threshold), key="pmks_hotspot_map")
        significant = pmks.moran_cluster_count(clusters)
    if significant == 0:
        st.info(t("pmks.hotspot.none"))
    st.caption(
        t(
            "pmks.hotspot.method",
            k=pmks.METHOD["k"],
            permutations=fmt_int(pmks.METHOD["permutations"]),
            seed=pmks.METHOD["seed"],
            n=fmt_int(summary["tested_count"]),
        )
    )
    if scope is not None:
        st.caption(t("pmks.scope.hotspot", n=fmt_int(summary["tested_count"])))
    hot = pmks.hot_table(pmks.in_kelurahan(result, kelurahan), measure, threshold)
    if len(hot):
        st.dataframe(hot, hide_index=True, width="stretch")
        if hidden_note:
            st.caption(hidden_note)
if auth.allowed(roles.AGGREGATES_DOWNLOAD):
    stem = f"titik_panas_pmks_{f.kode_region}_{dari}_{sampai}"
    d1, d2 = st.columns(2)
    d1.download_button(
        t("download.csv"),
        auth.download(
            roles.AGGREGATES_DOWNLOAD,
            f"{stem}.csv",
            lambda: pmks.downloads(flt, f.region_name, f.today, measure, result)["csv"],
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
            lambda: pmks.downloads(flt, f.region_name, f.today, measure, result)["xlsx"],
        ),
        file_name=f"{stem}.xlsx",
        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        key="pmks_download_xlsx",
    )
st.caption(t("pmks.download.note", n=fmt_int(threshold)))

st.subheader(t("pmks.heat.title"))
bandwidth = st.select_slider(
    t("pmks.heat.bandwidth"),
    options=list(pmks.BANDWIDTHS_M),
    value=pmks.DEFAULT_BANDWIDTH_M,
    format_func=lambda b: t("pmks.metres", n=fmt_int(b)),
    key="pmks_bandwidth",
)
cells, heat_classes, located, cell_m = pmks.heat(flt, float(bandwidth), scope_kelurahan=scope)
if located == 0:
    st.info(t("pmks.heat.no_points"))
else:
    maps.show(pmks.heat_map(boundaries, cells, heat_classes), key="pmks_heat_map")
    st.caption(
        t(
            "pmks.heat.method",
            bandwidth=fmt_int(bandwidth),
            cell=fmt_int(cell_m),
            n=fmt_int(located),
            unlocated=fmt_int(summary["cases_count"] - located),
        )
    )

st.subheader(t("pmks.breakdown.title"))
# Region-wide the category table counts the whole city, not a kelurahan: only one kelurahan's is hidden.
st.dataframe(
    pmks.category_table(pmks.category_counts(flt, kelurahan, scope_kelurahan=scope), threshold if kelurahan else 0),
    hide_index=True,
    width="stretch",
)
if kelurahan and hidden_note:
    st.caption(hidden_note)
with st.expander(t("pmks.breakdown.units")):
    st.dataframe(pmks.unit_table(pmks.in_kelurahan(result, kelurahan), threshold), hide_index=True, width="stretch")
    if hidden_note:
        st.caption(hidden_note)

st.subheader(t("pmks.response.title"))
r1, r2 = st.columns(2)
target = r1.number_input(
    t("pmks.response.target"),
    min_value=5,
    max_value=1440,
    value=int(pmks.DEFAULT_TARGET_MINUTES),
    step=5,
    key="pmks_target",
)
team = r2.number_input(
    t("pmks.response.team"),
    min_value=1,
    max_value=500,
    value=pmks.DEFAULT_TEAM_SIZE,
    step=1,
    key="pmks_team",
)
with st.expander(t("pmks.response.shifts")):
    shifts = pmks.shifts_or_default(pmks.shift_inputs())
    if shifts is None:
        st.warning(t("pmks.response.bad_shifts"))
        shifts = pmks.DEFAULT_SHIFTS
trc_settings = pmks.trc_settings()
trc = pmks.response_report(flt, float(target), int(team), shifts, trc_settings, kelurahan, scope_kelurahan=scope)
overall = trc.overall
rm = st.columns(4)
rm[0].metric(t("pmks.response.median"), pmks.response_time(overall, "median_minutes"))
rm[1].metric(t("pmks.response.p90"), pmks.response_time(overall, "p90_minutes"))
rm[2].metric(t("pmks.response.within", target=fmt_int(target)), pmks.pct(overall["within_target_rate"]))
rm[3].metric(t("pmks.response.no_arrival"), fmt_int(overall["no_arrival_count"]))
pm = st.columns(4)
pm[0].metric(t("pmks.response.patrol_cases"), fmt_int(trc.patrol["cases_count"]))
pm[1].metric(t("pmks.response.patrol_median"), pmks.response_time(trc.patrol, "median_minutes"))
st.caption(pmks.sources_note(trc_settings))
by_shift = trc.by_shift
g1, g2 = st.columns([2, 3])
plot(g1, pmks.response_chart(by_shift, t("pmks.response.by_shift"), target), key="pmks_response_chart")
g2.dataframe(pmks.shift_table(by_shift), hide_index=True, width="stretch")
st.caption(t("pmks.response.note", team=fmt_int(team), members=fmt_float(team / len(shifts))))
tab_k, tab_u, tab_s = st.tabs(
    [t("pmks.response.by_category"), t("pmks.response.by_unit"), t("pmks.response.by_source")]
)
tab_k.dataframe(pmks.response_by_category(trc.by_category), hide_index=True, width="stretch")
tab_u.dataframe(pmks.response_by_unit(trc.by_unit), hide_index=True, width="stretch")
if trc.unranked_count:
    tab_u.caption(t("pmks.response.unranked", n=fmt_int(trc.unranked_count), min=fmt_int(trc_settings.min_cases)))
tab_s.dataframe(pmks.response_by_source(trc.by_source, trc_settings.report_sources), hide_index=True, width="stretch")

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
        st.dataframe(pmks.durations_table(life.durations), hide_index=True, width="stretch")
        st.caption(t("pmks.lifecycle.durations_note"))
st.markdown(f"**{t('pmks.outcomes.title')}**")
st.dataframe(pmks.outcomes_table(life.outcomes), hide_index=True, width="stretch")

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
        st.dataframe(pmks.shelter_table(shelter.by_upt), hide_index=True, width="stretch")
        st.caption(t("pmks.shelter.upt_note", date=fmt_date(shelter.day)))
    else:
        st.info(t("pmks.shelter.no_upt"))
    plot(st, pmks.occupancy_chart(shelter.occupancy, t("pmks.shelter.occupancy")), key="pmks_occupancy")
    st.caption(t("pmks.shelter.note"))
