"""The PMKS page: where cases concentrate (density, Gi* hot spots, heat layer), how fast the TRC
reaches them, and what becomes of them (lifecycle, outcomes, shelter)."""

import streamlit as st

from analytics import cases, hotspots, response
from domain.codes import PMKS_CATEGORIES, PMKS_SOURCES
from reports import hotspots as hotspots_report
from ui import data, maps, pmks, sidebar
from ui.i18n import current_language, fmt_date, fmt_float, fmt_int, t

f = sidebar.filters(needs_cycle=False)
st.title(t("pmks.title"))
span = pmks.period(f.kode_region)
if not span["cases_count"]:
    st.info(t("pmks.no_cases_region", region=f.region_name))
    st.stop()
default_period = hotspots_report.default_period(span["first_date"], f.today)

c1, c2, c3 = st.columns([3, 2, 2])
kategori = c1.multiselect(
    t("pmks.filter.kategori"),
    list(PMKS_CATEGORIES),
    format_func=pmks.kategori_name,
    placeholder=t("pmks.filter.all"),
    key="pmks_kategori",
)
sumber = c2.multiselect(
    t("pmks.filter.sumber"),
    list(PMKS_SOURCES),
    format_func=pmks.sumber_name,
    placeholder=t("pmks.filter.all"),
    key="pmks_sumber",
)
dari, sampai = pmks.date_range(
    c3.date_input(t("pmks.filter.period"), value=default_period, max_value=f.today, key="pmks_period"),
    default_period,
)
st.caption(
    t("pmks.caption", region=f.region_name, dari=fmt_date(dari), sampai=fmt_date(sampai), date=fmt_date(f.today))
)
measure = (
    st.segmented_control(
        t("pmks.measure"),
        list(hotspots.MEASURES),
        default="cases_per_km2",
        format_func=lambda m: t(f"pmks.measure.{m}"),
        key="pmks_measure",
    )
    or "cases_per_km2"
)

params = hotspots_report.query_params(f.kode_region, kategori, sumber, dari, sampai)
result = pmks.analysis(params, measure)
summary = hotspots.hotspot_summary(result)
if summary["cases_count"] == 0:
    st.info(t("pmks.no_cases"))
    st.stop()
rows = pmks.load(params)
stay_day = min(sampai, f.today)
stay = cases.length_of_stay(rows.stays, stay_day)

m = st.columns(4)
m[0].metric(t("pmks.metric.cases"), fmt_int(summary["cases_count"]))
m[1].metric(
    t("pmks.metric.units"),
    t("pmks.of", n=fmt_int(summary["units_with_cases_count"]), total=fmt_int(summary["units_count"])),
)
m[2].metric(t("pmks.metric.hot"), fmt_int(summary["hot_count"]))
m[3].metric(t("pmks.metric.in_shelter", date=fmt_date(stay_day)), fmt_int(stay["current_count"]))

boundaries = data.boundaries(f.kode_region)
shapes = maps.join_values(boundaries, result)
st.subheader(t("pmks.density.title"))
maps.show(pmks.density_map(shapes, measure), key="pmks_density_map")
st.caption(t("pmks.density.note"))
missing = maps.units_without_shape(shapes)
if missing:
    st.caption(t("map.no_polygon", n=len(missing), names=", ".join(missing)))

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
    st.info(t("pmks.hotspot.too_few", n=fmt_int(hotspots.MIN_UNITS)))
else:
    if view == "gi":
        maps.show(pmks.hotspot_map(shapes, measure), key="pmks_hotspot_map")
        significant = summary["significant_count"]
    else:
        clusters = pmks.moran(params, measure)
        maps.show(pmks.moran_map(shapes, clusters, measure), key="pmks_hotspot_map")
        significant = hotspots.moran_cluster_count(clusters)
    if significant == 0:
        st.info(t("pmks.hotspot.none"))
    st.caption(
        t(
            "pmks.hotspot.method",
            k=hotspots.DEFAULT_K,
            permutations=fmt_int(hotspots.DEFAULT_PERMUTATIONS),
            seed=hotspots.DEFAULT_SEED,
            n=fmt_int(summary["tested_count"]),
        )
    )
    if summary["significant_count"]:
        st.dataframe(pmks.hot_table(result, measure), hide_index=True, width="stretch")
header = hotspots_report.header_line(
    f.region_name,
    f.kode_region,
    dari,
    sampai,
    f.today,
    kategori,
    sumber,
    measure,
    hotspots.DEFAULT_K,
    hotspots.DEFAULT_PERMUTATIONS,
    hotspots.DEFAULT_SEED,
    lang=current_language(),
)
files = pmks.downloads(result, header)
stem = f"titik_panas_pmks_{f.kode_region}_{dari}_{sampai}"
d1, d2 = st.columns(2)
d1.download_button(t("download.csv"), files["csv"], file_name=f"{stem}.csv", mime="text/csv", key="pmks_download_csv")
d2.download_button(
    t("download.xlsx"),
    files["xlsx"],
    file_name=f"{stem}.xlsx",
    mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    key="pmks_download_xlsx",
)
st.caption(t("pmks.download.note", n=hotspots_report.SUPPRESS_BELOW))

st.subheader(t("pmks.heat.title"))
bandwidth = st.select_slider(
    t("pmks.heat.bandwidth"),
    options=list(pmks.BANDWIDTHS_M),
    value=pmks.DEFAULT_BANDWIDTH_M,
    format_func=lambda b: t("pmks.metres", n=fmt_int(b)),
    key="pmks_bandwidth",
)
cells, heat_classes, located, cell_m = pmks.heat(params, bandwidth)
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
st.dataframe(pmks.category_table(rows.categories), hide_index=True, width="stretch")
with st.expander(t("pmks.breakdown.units")):
    st.dataframe(pmks.unit_table(result, rows.categories), hide_index=True, width="stretch")

st.subheader(t("pmks.response.title"))
r1, r2 = st.columns(2)
target = r1.number_input(
    t("pmks.response.target"),
    min_value=5,
    max_value=1440,
    value=int(response.DEFAULT_TARGET_MINUTES),
    step=5,
    key="pmks_target",
)
team = r2.number_input(
    t("pmks.response.team"),
    min_value=1,
    max_value=500,
    value=response.DEFAULT_TEAM_SIZE,
    step=1,
    key="pmks_team",
)
with st.expander(t("pmks.response.shifts")):
    s_cols = st.columns(len(response.DEFAULT_SHIFTS))
    shifts = tuple(
        (
            name,
            col.number_input(
                t("pmks.response.shift_start", shift=t(f"pmks.shift.{name}")), 0, 23, hour, 1, key=f"pmks_shift_{name}"
            ),
        )
        for col, (name, hour) in zip(s_cols, response.DEFAULT_SHIFTS)
    )
    if len({h for _, h in shifts}) < len(shifts):
        st.warning(t("pmks.response.bad_shifts"))
        shifts = response.DEFAULT_SHIFTS
timing = response.response_times(rows.response, shifts)
overall = response.response_summary(timing, target_minutes=target).iloc[0]
rm = st.columns(4)
rm[0].metric(t("pmks.response.median"), pmks.minutes(overall["median_minutes"]))
rm[1].metric(t("pmks.response.p90"), pmks.minutes(overall["p90_minutes"]))
rm[2].metric(t("pmks.response.within", target=fmt_int(target)), pmks.pct(overall["within_target_rate"]))
rm[3].metric(t("pmks.response.no_arrival"), fmt_int(overall["no_arrival_count"]))
by_shift = response.shift_summary(timing, dari, sampai, team, shifts, target)
g1, g2 = st.columns([2, 3])
g1.plotly_chart(pmks.response_chart(by_shift, t("pmks.response.by_shift"), target), key="pmks_response_chart")
g2.dataframe(pmks.shift_table(by_shift), hide_index=True, width="stretch")
st.caption(t("pmks.response.note", team=fmt_int(team), members=fmt_float(team / len(shifts))))
tab_k, tab_u = st.tabs([t("pmks.response.by_category"), t("pmks.response.by_unit")])
tab_k.dataframe(
    pmks.response_by_category(response.response_summary(timing, ("kategori",), target)),
    hide_index=True,
    width="stretch",
)
tab_u.dataframe(
    pmks.response_by_unit(response.response_summary(timing, ("kode_kelurahan", "nama"), target)),
    hide_index=True,
    width="stretch",
)

st.subheader(t("pmks.lifecycle.title"))
l1, l2 = st.columns([2, 3])
l1.plotly_chart(
    pmks.funnel_chart(cases.lifecycle_funnel(rows.lifecycle), t("pmks.lifecycle.funnel")), key="pmks_funnel"
)
l1.caption(t("pmks.lifecycle.funnel_note"))
with l2:
    st.markdown(f"**{t('pmks.lifecycle.durations')}**")
    if rows.history.empty:
        st.info(t("pmks.lifecycle.no_history"))
    else:
        st.dataframe(
            pmks.durations_table(cases.stage_durations(rows.history, f.today)), hide_index=True, width="stretch"
        )
        st.caption(t("pmks.lifecycle.durations_note"))
st.markdown(f"**{t('pmks.outcomes.title')}**")
st.dataframe(
    pmks.outcomes_table(cases.outcomes_by_category(rows.lifecycle, PMKS_CATEGORIES)), hide_index=True, width="stretch"
)

st.subheader(t("pmks.shelter.title"))
if rows.stays.empty:
    st.info(t("pmks.shelter.none"))
else:
    sm = st.columns(4)
    sm[0].metric(t("pmks.shelter.current"), fmt_int(stay["current_count"]))
    sm[1].metric(t("pmks.shelter.discharged"), fmt_int(stay["discharged_count"]))
    sm[2].metric(t("pmks.shelter.median_stay"), pmks.days(stay["median_days"]))
    sm[3].metric(t("pmks.shelter.p90_stay"), pmks.days(stay["p90_days"]))
    st.plotly_chart(
        pmks.occupancy_chart(cases.shelter_occupancy(rows.stays, dari, sampai), t("pmks.shelter.occupancy")),
        key="pmks_occupancy",
    )
    st.caption(t("pmks.shelter.note"))
