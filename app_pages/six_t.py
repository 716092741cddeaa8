"""The auditors' page: 6T compliance of bansos distributions per kelurahan, programme, tahap and
channel, the failing distributions (personal data masked) and a field-verification sample."""

import streamlit as st

from domain import roles
from ui import auth, sidebar, tables, url
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
program = url.selectbox(
    t("six_t.filter.program"),
    [None, *names],
    param="program",
    key="six_t_program",
    default=[*names][0],
    format_func=lambda p: t("six_t.all") if p is None else f"{p} ({names[p]})",
    where=c1,
)
# Opens on the latest closed tahap: an open one has no tepat waktu verdict yet.
tahap = url.selectbox(
    t("six_t.filter.tahap"),
    [None, *view.tahap_options(tahaps, program)],
    param="tahap",
    key="six_t_tahap",
    default=view.default_tahap(tahaps, program, f.today),
    format_func=lambda v: t("six_t.all") if v is None else v,
    disabled=program is None,
    where=c2,
)
kanal = url.selectbox(
    t("six_t.filter.kanal"),
    [None, *view.KANAL],
    param="kanal",
    key="six_t_kanal",
    format_func=lambda k: t("six_t.all") if k is None else t(f"six_t.kanal.{k}"),
    where=c3,
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

# The indicator redraws only the map (a fragment); a click on it filters the whole page.
view.map_section(f.kode_region, audit.kelurahan, labels, scope)
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
view.unit_section(audit.rates, kelurahan)
entitlement = view.entitlement_note(audit.rates, kelurahan)
if entitlement:
    st.warning(entitlement)
if auth.allowed(roles.AGGREGATES_DOWNLOAD):
    name = f"kepatuhan_6t_{selection.file_stem}.csv"
    st.download_button(
        t("six_t.download.kelurahan"),
        auth.download(roles.AGGREGATES_DOWNLOAD, name, view.deferred_kelurahan_csv(selection, audit.rates, settings)),
        file_name=name,
        mime="text/csv",
        key="six_t_download_kelurahan",
    )

st.subheader(t("six_t.drill.title"))
reasons = view.reasons(selection, settings, kelurahan, scope_kelurahan=scope)
if len(reasons):
    tables.show_table(view.reason_table(reasons))
# The failing distributions are rows about people: only roles that may see them get further.
auth.require_part(roles.SIX_T_DRILLDOWN)
view.drill_section(selection, settings, labels, kelurahan, audit.rates, audit.kelurahan, scope)

st.subheader(t("six_t.sample.title"))
auth.require_part(roles.SIX_T_WORKING_PAPER)
if audit.population_count is None:
    st.info(t("six_t.sample.pick_tahap"))
    st.stop()
view.sample_section(selection, settings, audit.population_count, kelurahan, scope)
