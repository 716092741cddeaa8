"""The auditors' page: 6T compliance of bansos distributions per kelurahan, programme, tahap and
channel, the failing distributions (personal data masked) and a field-verification sample."""

import streamlit as st

from domain import roles
from ui import auth, maps, sidebar
from ui import six_t as view
from ui.i18n import fmt_date, fmt_int, plot, t

f = sidebar.filters(needs_cycle=False)
scope = f.scope_kelurahan
settings = view.settings()
labels = view.indicator_labels()

st.title(t("six_t.title"))
st.caption(view.rules_caption(f.region_name, f.today, settings))
if scope is not None:
    st.caption(t("six_t.scope.note", n=fmt_int(len(scope))))

tahaps = view.tahap_list(f.kode_region, scope_kelurahan=scope)
if tahaps.empty:
    st.info(t("six_t.no_distributions"))
    st.stop()

names = view.program_names(tahaps)
c1, c2, c3 = st.columns(3)
program = c1.selectbox(
    t("six_t.filter.program"),
    [None, *names],
    index=1,
    format_func=lambda p: t("six_t.all") if p is None else f"{p} ({names[p]})",
    key="six_t_program",
)
tahap_options = view.tahap_options(tahaps, program)
# Opens on the latest closed tahap: an open one has no tepat waktu verdict yet.
latest_closed = view.latest_closed_tahap(tahaps, program, f.today)
tahap = c2.selectbox(
    t("six_t.filter.tahap"),
    [None, *tahap_options],
    index=tahap_options.index(latest_closed) + 1 if latest_closed else len(tahap_options),
    format_func=lambda v: t("six_t.all") if v is None else v,
    key="six_t_tahap",
    disabled=program is None,
)
kanal = c3.selectbox(
    t("six_t.filter.kanal"),
    [None, *view.KANAL],
    format_func=lambda k: t("six_t.all") if k is None else t(f"six_t.kanal.{k}"),
    key="six_t_kanal",
)
still_open = view.open_tahap(tahaps, program, f.today)
if still_open:
    st.caption(t("six_t.open_tahap", tahap=", ".join(still_open), date=fmt_date(f.today)))
selection = view.Selection(f.kode_region, f.region_name, f.today, program, tahap, kanal)
audit = view.audit(selection, settings, scope_kelurahan=scope)
if audit.region is None:
    st.info(t("six_t.no_data"))
    st.stop()

st.subheader(t("six_t.scorecard"))
view.show_scorecard(audit.region)
st.caption(t("six_t.desil_note"))

st.subheader(t("six_t.map.title"))
measure = (
    st.segmented_control(
        t("six_t.map.pick"), list(view.MEASURES), default="sasaran", format_func=labels.get, key="six_t_measure"
    )
    or "sasaran"
)
m, missing = view.choropleth(f.kode_region, audit.kelurahan, measure)
maps.show(m, key=view.MAP_KEY)
if missing:
    st.caption(t("map.no_polygon", n=len(missing), names=", ".join(missing)))
kelurahan = view.drill_kelurahan(audit.kelurahan)

st.subheader(t("six_t.heat.title"))
heat = view.heat_chart(audit.kelurahan)
if heat is None:
    st.info(t("six_t.no_data"))
else:
    plot(st, heat, width="stretch", key="six_t_heat")
    st.caption(t("six_t.heat.caption"))

st.subheader(t("six_t.trend.title"))
trend = view.trend_chart(audit.trend)
if trend is None:
    st.info(t("six_t.no_data"))
else:
    plot(st, trend, width="stretch", key="six_t_trend")

st.subheader(t("six_t.units.title"))
level = (
    st.segmented_control(
        t("six_t.units.level"),
        list(view.LEVELS),
        default="kelurahan",
        format_func=lambda v: t(f"six_t.level.{v}"),
        key="six_t_level",
    )
    or "kelurahan"
)
st.dataframe(view.unit_table(audit.rates, level, kelurahan), hide_index=True, width="stretch")
entitlement = view.entitlement_note(audit.rates, kelurahan)
if entitlement:
    st.warning(entitlement)
if auth.allowed(roles.AGGREGATES_DOWNLOAD):
    name = f"kepatuhan_6t_{selection.file_stem}.csv"
    st.download_button(
        t("six_t.download.kelurahan"),
        auth.download(roles.AGGREGATES_DOWNLOAD, name, lambda: view.kelurahan_csv(selection, audit.rates, settings)),
        file_name=name,
        mime="text/csv",
        key="six_t_download_kelurahan",
    )

st.subheader(t("six_t.drill.title"))
reasons = view.reasons(selection, settings, kelurahan, scope_kelurahan=scope)
if len(reasons):
    st.dataframe(view.reason_table(reasons), hide_index=True)
# The failing distributions are rows about people: only roles that may see them get further.
auth.require_part(roles.SIX_T_DRILLDOWN)
which = st.selectbox(
    t("six_t.drill.pick"),
    [None, *view.INDICATORS],
    format_func=lambda v: t("six_t.all") if v is None else labels[v],
    key="six_t_drill_t",
)
total = view.failing_total(audit.rates, which, kelurahan)
pages = max(1, -(-total // view.DRILL_ROWS))
page = 1
if pages > 1:
    page = int(st.number_input(t("six_t.drill.page", pages=fmt_int(pages)), 1, pages, 1, key="six_t_drill_page"))
offset = (page - 1) * view.DRILL_ROWS
failing = view.failing(selection, settings, which, kelurahan, view.DRILL_ROWS, offset, scope_kelurahan=scope)
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
st.dataframe(view.drill_table(failing), hide_index=True, width="stretch")
if pages > 1:
    st.caption(
        t("six_t.drill.shown", shown=f"{fmt_int(offset + 1)}–{fmt_int(offset + len(failing))}", n=fmt_int(total))
    )
name = f"gagal_6t_{selection.file_stem}.csv"
st.download_button(
    t("six_t.download.failing"),
    auth.download(
        roles.SIX_T_DRILLDOWN,
        name,
        view.deferred_drill_csv(selection, settings, which, kelurahan, audit.kelurahan, scope_kelurahan=scope),
    ),
    file_name=name,
    mime="text/csv",
    key="six_t_download_failing",
)

st.subheader(t("six_t.sample.title"))
auth.require_part(roles.SIX_T_WORKING_PAPER)
if audit.population_count is None:
    st.info(t("six_t.sample.pick_tahap"))
    st.stop()
c1, c2 = st.columns(2)
seed = int(c1.number_input(t("six_t.sample.seed"), min_value=0, value=settings.sample_seed, step=1, key="six_t_seed"))
per = int(
    c2.number_input(
        t("six_t.sample.per_kelurahan"), min_value=1, value=settings.sample_per_kelurahan, step=1, key="six_t_per"
    )
)
drawn = view.sample(selection, settings, per, seed, scope_kelurahan=scope)
st.caption(t("six_t.sample.caption", per=per, seed=seed, n=fmt_int(len(drawn)), total=fmt_int(audit.population_count)))
st.dataframe(view.sample_view(drawn, kelurahan), hide_index=True, width="stretch")
name = f"kertas_kerja_6t_{selection.file_stem}_benih{seed}.xlsx"
st.download_button(
    t("six_t.sample.download"),
    auth.download(roles.SIX_T_WORKING_PAPER, name, lambda: view.working_paper(selection, drawn, per, seed)),
    file_name=name,
    mime=view.XLSX_MIME,
    key="six_t_download_sample",
)
