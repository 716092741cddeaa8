"""The shared sidebar: region, period (verivali cycle), language. The choice of region,
cycle and language is mirrored in the URL (ui/url.py) so that a shared link opens the same view."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import streamlit as st

from ui import auth, data, url
from ui.i18n import LANGUAGES, SESSION_KEY, current_language, fmt_date, t
from ui.safe import md


@dataclass(frozen=True)
class Filters:
    """What the sidebar selected."""

    kode_region: str
    region_name: str
    siklus: str | None
    today: dt.date
    demo: bool
    # The kelurahan/desa codes the signed-in user may see (None: no limit). Every report call
    # passes it on, and every query binds it as $scope_kelurahan.
    scope_kelurahan: tuple[str, ...] | None = None


def _pick(label: str, options: list[str], names: dict[str, str], param: str) -> str:
    """A sidebar selectbox whose value follows and sets the URL query parameter ``param``."""
    return url.selectbox(label, options, param=param, key=f"pick_{param}", format_func=names.get, where=st.sidebar)


def remember_language() -> None:
    """Open a new session in the URL's language (``?lang=``), else the default; call it
    before the first text of the run is translated."""
    if SESSION_KEY not in st.session_state:
        st.session_state[SESSION_KEY] = url.choice("lang", list(LANGUAGES), current_language())


def language_switch() -> None:
    """The language radio; its value is the session's language."""
    remember_language()
    st.sidebar.radio(
        t("sidebar.language"),
        list(LANGUAGES),
        format_func=LANGUAGES.get,
        key=SESSION_KEY,
        horizontal=True,
    )
    url.keep("lang", current_language())


def render() -> Filters | None:
    """Draw the sidebar and return the selection; None when the warehouse is missing or holds
    no region yet (the import page still works then)."""
    language_switch()
    signed_in = auth.session()
    scope = signed_in.scope_kelurahan if signed_in is not None else None
    try:
        regions = data.regions(scope)
    except FileNotFoundError:
        return None
    if regions.empty:
        return None
    region_names = dict(zip(regions["kode"], regions["nama"]))
    kode_region = _pick(t("sidebar.region"), list(regions["kode"]), region_names, "wilayah")

    cycles = data.cycles()
    if cycles.empty:
        # A region with boundaries but no verivali yet: the other pages and the import still work.
        siklus = None
        st.sidebar.caption(t("error.no_cycle"))
    else:
        cycle_names = dict(zip(cycles["siklus"], cycles["nama"]))
        siklus = _pick(t("sidebar.period"), list(cycles["siklus"]), cycle_names, "siklus")

    today, demo = data.data_date()
    today = today or dt.date.today()
    st.sidebar.caption(t("sidebar.data_date", date=fmt_date(today)))
    if demo:
        st.sidebar.caption(t("sidebar.demo"))
    return Filters(kode_region, region_names[kode_region], siklus, today, demo, scope)


_FILTERS_KEY = "_filters"


def store(filters: Filters | None) -> None:
    """Keep this run's selection for the page that runs next."""
    st.session_state[_FILTERS_KEY] = filters


def filters(needs_cycle: bool = True, needs_region: bool = True) -> Filters | None:
    """The selection made by the sidebar in this run. A page that ``needs_region`` stops with
    a message when the warehouse is missing or holds no region, one that ``needs_cycle`` when
    it holds no verivali cycle yet; otherwise None stands for no selection."""
    selection = st.session_state[_FILTERS_KEY]
    if selection is None:
        if needs_region:
            path = data.warehouse_file()
            st.error(t("error.no_db", path=md(path)) if not path.exists() else t("error.no_region"))
            st.info(t("error.no_db_hint"))
            st.stop()
        return None
    if needs_cycle and selection.siklus is None:
        st.info(t("error.no_cycle") + " " + t("error.no_cycle_hint"))
        st.stop()
    return selection
