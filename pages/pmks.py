"""The PMKS page: where cases concentrate (density, Gi* hot spots, heat layer), how fast the TRC
reaches them, and what becomes of them (lifecycle, outcomes, shelter)."""

import streamlit as st

from analytics import cases, classify, hotspots, response
from ui import data, maps, pmks, sidebar, tables
from ui.i18n import current_language, fmt_date, fmt_float, fmt_int, t
from warehouse import export_hotspots
from warehouse.reference import PMKS_CATEGORIES, PMKS_OUTCOMES, PMKS_SOURCES


def pct(rate) -> str:
    return "–" if rate != rate else f"{fmt_float(rate * 100)} %"


def minutes(value) -> str:
    return "–" if value != value else t("pmks.minutes", n=fmt_float(value, 0))


def hours(value) -> str:
    return "–" if value != value else t("pmks.hours", n=fmt_float(value))


def days(value) -> str:
    return "–" if value != value else t("pmks.days", n=fmt_float(value))


f = sidebar.filters()
st.title(t("pmks.title"))
span = pmks.period(f.kode_region)
if not span["cases_count"]:
    st.info(t("pmks.no_cases_region", region=f.region_name))
    st.stop()
default_period = export_hotspots.default_period(span["first_date"], f.today)

c1, c2, c3 = st.columns([3, 2, 2])
kategori = c1.multiselect(
    t("pmks.filter.kategori"), list(PMKS_CATEGORIES), format_func=lambda c: t(f"pmks.kategori.{c}"),
    placeholder=t("pmks.filter.all"), key="pmks_kategori",
)
sumber = c2.multiselect(
    t("pmks.filter.sumber"), list(PMKS_SOURCES), format_func=lambda s: t(f"pmks.sumber.{s}"),
    placeholder=t("pmks.filter.all"), key="pmks_sumber",
)
dari, sampai = pmks.date_range(
    c3.date_input(t("pmks.filter.period"), value=default_period, max_value=f.today, key="pmks_period"),
    default_period,
)
st.caption(t("pmks.caption", region=f.region_name, dari=fmt_date(dari), sampai=fmt_date(sampai), date=fmt_date(f.today)))

params = export_hotspots.query_params(f.kode_region, kategori, sumber, dari, sampai)
measure = st.segmented_control(
    t("pmks.measure"), list(hotspots.MEASURES), default="cases_per_km2",
    format_func=lambda m: t(f"pmks.measure.{m}"), key="pmks_measure",
) or "cases_per_km2"
result = pmks.analysis(params, measure)
total = int(result["cases_count"].sum())
if total == 0:
    st.info(t("pmks.no_cases"))
    st.stop()

stays = pmks.rows("pmks_shelter", params)
stay = cases.length_of_stay(stays, min(sampai, f.today))
m = st.columns(4)
m[0].metric(t("pmks.metric.cases"), fmt_int(total))
m[1].metric(t("pmks.metric.units"), t("pmks.of", n=fmt_int((result["cases_count"] > 0).sum()), total=fmt_int(len(result))))
m[2].metric(t("pmks.metric.hot"), fmt_int(result["hotspot_class"].str.startswith("hot").sum()))
m[3].metric(t("pmks.metric.in_shelter"), fmt_int(stay["current_count"]))

boundaries = data.boundaries(f.kode_region)
shapes = maps.join_values(boundaries, result)
measure_fmt = {"cases_per_km2": lambda v: "–" if v != v else fmt_float(v, 2), "cases_per_10k": lambda v: "–" if v != v else fmt_float(v, 2)}
shown = tables.as_text(shapes, {"cases_count": fmt_int, **measure_fmt})
tooltip = {
    "nama": t("col.kelurahan"),
    "kecamatan": t("col.kecamatan"),
    "cases_count": t("pmks.col.cases"),
    measure: t(f"pmks.col.{measure}"),
}

st.subheader(t("pmks.density.title"))
density_classes = classify.classify(shapes[measure], scheme="quantiles", k=5)
maps.show(
    maps.choropleth(
        shown, density_classes, legend_title=t(f"pmks.legend.{measure}"),
        labels=maps.class_labels(density_classes, lambda v: fmt_float(v, 2)), no_data_label=t("map.no_data"),
        tooltip=tooltip,
    ),
    key="pmks_density_map",
)
st.caption(t("pmks.density.note"))
missing = maps.units_without_shape(shapes)
if missing:
    st.caption(t("map.no_polygon", n=len(missing), names=", ".join(missing)))

st.subheader(t("pmks.hotspot.title"))
view = st.segmented_control(
    t("pmks.hotspot.view"), ["gi", "moran"], default="gi", format_func=lambda v: t(f"pmks.hotspot.view.{v}"),
    key="pmks_hotspot_view",
) or "gi"
if not result["tested"].any():
    st.info(t("pmks.hotspot.too_few", n=fmt_int(hotspots.MIN_UNITS)))
else:
    if view == "gi":
        labels = {c: t(f"pmks.hotspot.class.{c}") for c in hotspots.HOTSPOT_CLASSES}
        labels[hotspots.NO_DATA] = t("map.no_data")
        gi_shown = shown.assign(_class=shapes["hotspot_class"], _label=shapes["hotspot_class"].map(labels))
        hot_map = maps.hotspot_map(
            gi_shown, "_class", labels, t("pmks.hotspot.legend"), t("map.no_data"),
            {**tooltip, "_label": t("pmks.col.hotspot_class")},
        )
        significant = int((result["confidence_pct"] > 0).sum())
    else:
        clusters = pmks.moran(params, measure)
        labels = {c: t(f"pmks.moran.class.{c}") for c in hotspots.MORAN_CLASSES}
        labels[hotspots.NO_DATA] = t("map.no_data")
        moran_shown = shown.assign(
            _class=maps.join_values(boundaries, clusters)["moran_class"],
        )
        moran_shown["_label"] = moran_shown["_class"].map(labels)
        hot_map = maps.categorical(
            moran_shown, "_class", maps.MORAN_COLORS, labels, t("pmks.moran.legend"), t("map.no_data"),
            {**tooltip, "_label": t("pmks.col.moran_class")},
        )
        significant = int((clusters["moran_class"].isin(["hh", "hl", "lh", "ll"])).sum())
    maps.show(hot_map, key="pmks_hotspot_map")
    if significant == 0:
        st.info(t("pmks.hotspot.none"))
    st.caption(
        t(
            "pmks.hotspot.method", k=hotspots.DEFAULT_K, permutations=fmt_int(hotspots.DEFAULT_PERMUTATIONS),
            seed=hotspots.DEFAULT_SEED, n=fmt_int(result["tested"].sum()),
        )
    )
    hot = result[result["confidence_pct"] > 0].sort_values("gi_z", ascending=False)
    if not hot.empty:
        st.dataframe(
            tables.localized(
                hot.assign(hotspot_class=hot["hotspot_class"].map(lambda c: t(f"pmks.hotspot.class.{c}"))),
                {
                    "nama": "col.kelurahan",
                    "kecamatan": "col.kecamatan",
                    "cases_count": "pmks.col.cases",
                    measure: f"pmks.col.{measure}",
                    "gi_z": "pmks.col.gi_z",
                    "gi_p_fdr": "pmks.col.gi_p_fdr",
                    "hotspot_class": "pmks.col.hotspot_class",
                },
            ),
            hide_index=True,
            width="stretch",
        )
lang = current_language()
header = export_hotspots.header_line(
    f.region_name, f.kode_region, dari, sampai, f.today, kategori, sumber, measure, hotspots.DEFAULT_K,
    hotspots.DEFAULT_PERMUTATIONS, hotspots.DEFAULT_SEED, lang=lang,
)
export_table = export_hotspots.hotspot_table(result)
d1, d2 = st.columns(2)
stem = f"titik_panas_pmks_{f.kode_region}_{dari}_{sampai}"
d1.download_button(
    t("download.csv"), export_hotspots.hotspot_file(export_table, header, "csv"), file_name=f"{stem}.csv",
    mime="text/csv", key="pmks_download_csv",
)
d2.download_button(
    t("download.xlsx"), export_hotspots.hotspot_file(export_table, header, "xlsx"), file_name=f"{stem}.xlsx",
    mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", key="pmks_download_xlsx",
)
st.caption(t("pmks.download.note", n=export_hotspots.SUPPRESS_BELOW))

st.subheader(t("pmks.heat.title"))
bandwidth = st.select_slider(
    t("pmks.heat.bandwidth"), options=list(pmks.BANDWIDTHS_M), value=750,
    format_func=lambda b: t("pmks.metres", n=fmt_int(b)), key="pmks_bandwidth",
)
cells, heat_classes, located, cell_m = pmks.heat(params, bandwidth)
if located == 0:
    st.info(t("pmks.heat.no_points"))
else:
    heat_labels = maps.class_labels(heat_classes, lambda v: fmt_float(v, 0))
    areas = dict(zip(cells["class_index"], cells["area_km2"]))
    notes = [t("pmks.km2", n=fmt_float(areas.get(i, 0.0), 1)) for i in range(len(heat_labels))]
    maps.show(
        maps.heat_map(
            boundaries, cells, heat_labels, notes, t("pmks.heat.legend"),
            {"nama": t("col.kelurahan"), "kecamatan": t("col.kecamatan")},
        ),
        key="pmks_heat_map",
    )
    st.caption(
        t(
            "pmks.heat.method", bandwidth=fmt_int(bandwidth), cell=fmt_int(cell_m), n=fmt_int(located),
            unlocated=fmt_int(total - located),
        )
    )

st.subheader(t("pmks.breakdown.title"))
category_rows = pmks.rows("pmks_cases_category", params)
by_category = hotspots.category_source_table(category_rows, PMKS_CATEGORIES, PMKS_SOURCES)
st.dataframe(
    tables.localized(
        by_category.assign(kategori=by_category["kategori"].map(lambda c: t(f"pmks.kategori.{c}"))),
        {
            "kategori": "pmks.col.kategori",
            **{f"{s}_count": f"pmks.sumber.{s}" for s in PMKS_SOURCES},
            "total_count": "pmks.col.cases",
            "share_rate": "pmks.col.share_pct",
        },
        percent=("share_rate",),
    ),
    hide_index=True,
    width="stretch",
)

st.subheader(t("pmks.response.title"))
r1, r2 = st.columns(2)
target = r1.number_input(
    t("pmks.response.target"), min_value=5, max_value=1440, value=int(response.DEFAULT_TARGET_MINUTES), step=5,
    key="pmks_target",
)
team = r2.number_input(
    t("pmks.response.team"), min_value=1, max_value=500, value=response.DEFAULT_TEAM_SIZE, step=1, key="pmks_team",
)
with st.expander(t("pmks.response.shifts")):
    s_cols = st.columns(len(response.DEFAULT_SHIFTS))
    shifts = tuple(
        (name, col.number_input(
            t("pmks.response.shift_start", shift=t(f"pmks.shift.{name}")), 0, 23, hour, 1, key=f"pmks_shift_{name}"
        ))
        for col, (name, hour) in zip(s_cols, response.DEFAULT_SHIFTS)
    )
    if len({h for _, h in shifts}) < len(shifts):
        st.warning(t("pmks.response.bad_shifts"))
        shifts = response.DEFAULT_SHIFTS
timing = response.response_times(pmks.rows("pmks_response", params), shifts)
overall = response.response_summary(timing, target_minutes=target).iloc[0]
rm = st.columns(4)
rm[0].metric(t("pmks.response.median"), minutes(overall["median_minutes"]))
rm[1].metric(t("pmks.response.p90"), minutes(overall["p90_minutes"]))
rm[2].metric(t("pmks.response.within", target=fmt_int(target)), pct(overall["within_target_rate"]))
rm[3].metric(t("pmks.response.no_arrival"), fmt_int(overall["no_arrival_count"]))
by_shift = response.shift_summary(timing, dari, sampai, team, shifts, target)
g1, g2 = st.columns([2, 3])
g1.plotly_chart(pmks.response_chart(by_shift, t("pmks.response.by_shift"), target), key="pmks_response_chart")
g2.dataframe(
    tables.localized(
        by_shift.assign(shift=by_shift["shift"].map(lambda s: t(f"pmks.shift.{s}"))),
        {
            "shift": "pmks.col.shift",
            "cases_count": "pmks.col.cases",
            "median_minutes": "pmks.col.median_minutes",
            "p90_minutes": "pmks.col.p90_minutes",
            "within_target_rate": "pmks.col.within_target_pct",
            "cases_per_shift": "pmks.col.cases_per_shift",
            "cases_per_member_per_shift": "pmks.col.cases_per_member",
        },
        percent=("within_target_rate",),
    ),
    hide_index=True,
    width="stretch",
)
st.caption(t("pmks.response.note", team=fmt_int(team), members=fmt_float(team / len(shifts))))
tab_k, tab_u = st.tabs([t("pmks.response.by_category"), t("pmks.response.by_unit")])
response_columns = {
    "cases_count": "pmks.col.cases",
    "median_minutes": "pmks.col.median_minutes",
    "p90_minutes": "pmks.col.p90_minutes",
    "within_target_rate": "pmks.col.within_target_pct",
    "no_arrival_count": "pmks.col.no_arrival",
}
by_kategori = response.response_summary(timing, ("kategori",), target).sort_values("cases_count", ascending=False)
tab_k.dataframe(
    tables.localized(
        by_kategori.assign(kategori=by_kategori["kategori"].map(lambda c: t(f"pmks.kategori.{c}"))),
        {"kategori": "pmks.col.kategori", **response_columns},
        percent=("within_target_rate",),
    ),
    hide_index=True,
    width="stretch",
)
by_unit = response.response_summary(timing, ("kode_kelurahan", "nama"), target).sort_values(
    "p90_minutes", ascending=False
)
tab_u.dataframe(
    tables.localized(by_unit, {"nama": "col.kelurahan", **response_columns}, percent=("within_target_rate",)),
    hide_index=True,
    width="stretch",
)

st.subheader(t("pmks.lifecycle.title"))
lifecycle = pmks.rows("pmks_lifecycle", params)
l1, l2 = st.columns([2, 3])
l1.plotly_chart(pmks.funnel_chart(cases.lifecycle_funnel(lifecycle), t("pmks.lifecycle.funnel")), key="pmks_funnel")
history = pmks.rows("pmks_stage_history", params)
with l2:
    st.markdown(f"**{t('pmks.lifecycle.durations')}**")
    if history.empty:
        st.info(t("pmks.lifecycle.no_history"))
    else:
        durations = cases.stage_durations(history, f.today)
        st.dataframe(
            tables.localized(
                tables.as_text(
                    durations.assign(tahap=durations["tahap"].map(lambda s: t(f"pmks.tahap.{s}"))),
                    {"median_hours": hours, "p90_hours": hours, "open_median_hours": hours},
                ),
                {
                    "tahap": "pmks.col.tahap",
                    "completed_count": "pmks.col.completed",
                    "median_hours": "pmks.col.median_time",
                    "p90_hours": "pmks.col.p90_time",
                    "open_count": "pmks.col.open",
                    "open_median_hours": "pmks.col.open_time",
                },
            ),
            hide_index=True,
            width="stretch",
        )
        st.caption(t("pmks.lifecycle.durations_note"))
st.markdown(f"**{t('pmks.outcomes.title')}**")
outcomes = cases.outcomes_by_category(lifecycle, PMKS_CATEGORIES)
st.dataframe(
    tables.localized(
        outcomes.assign(kategori=outcomes["kategori"].map(lambda c: t(f"pmks.kategori.{c}"))),
        {
            "kategori": "pmks.col.kategori",
            "cases_count": "pmks.col.cases",
            "open_count": "pmks.col.open_cases",
            **{f"{h}_rate": f"pmks.hasil.{h}" for h in PMKS_OUTCOMES},
        },
        percent=tuple(f"{h}_rate" for h in PMKS_OUTCOMES),
    ),
    hide_index=True,
    width="stretch",
)
st.caption(t("pmks.outcomes.note"))

st.subheader(t("pmks.shelter.title"))
if stays.empty:
    st.info(t("pmks.shelter.none"))
else:
    sm = st.columns(4)
    sm[0].metric(t("pmks.shelter.current"), fmt_int(stay["current_count"]))
    sm[1].metric(t("pmks.shelter.discharged"), fmt_int(stay["discharged_count"]))
    sm[2].metric(t("pmks.shelter.median_stay"), days(stay["median_days"]))
    sm[3].metric(t("pmks.shelter.p90_stay"), days(stay["p90_days"]))
    st.plotly_chart(
        pmks.occupancy_chart(cases.shelter_occupancy(stays, dari, sampai), t("pmks.shelter.occupancy")),
        key="pmks_occupancy",
    )
    st.caption(t("pmks.shelter.note"))
