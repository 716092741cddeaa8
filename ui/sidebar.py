"""The shared sidebar: region, period (verivali cycle), language. The choice of region,
cycle and language is mirrored in the URL (ui/url.py) so that a shared link opens the same view.

The region picker goes provinsi -> kab/kota -> kecamatan, asking only what the warehouse holds
more of: the provinsi when it holds more than one (the kab/kota list then opens with the whole
province), the kecamatan when it holds more than one kab/kota (the list opens with the whole
kab/kota); a one-city warehouse asks for its kab/kota only, as it always did. The desa/kelurahan
below is the kelurahan profile's pick. The region chosen, at whatever level, is the URL's
``wilayah`` and every page's ``kode_region`` (the per-kelurahan queries match units by code
prefix, so a provinsi or kecamatan code works as a kab/kota one does). A signed-in user with a
scope sees only the regions that hold one of their kelurahan."""

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
    # The regions the picker can open from the top down to kode_region, as (kode, nama): the
    # breadcrumb above the overview's map.
    trail: tuple[tuple[str, str], ...] = ()


def _pick(label: str, options: list[str], names: dict[str, str], param: str) -> str:
    """A sidebar selectbox whose value follows and sets the URL query parameter ``param``."""
    return url.selectbox(label, options, param=param, key=f"pick_{param}", format_func=names.get, where=st.sidebar)


_GOTO = "_region_goto"
# The picker's levels, top down: (level, widget key, length of its dotted code). The kab/kota
# keeps the key it always had.
_LEVELS = (("provinsi", "pick_provinsi", 2), ("kabkota", "pick_wilayah", 5), ("kecamatan", "pick_kecamatan", 8))


def go_to(kode: str) -> None:
    """Open region ``kode`` (a provinsi, kab/kota or kecamatan the picker offers) at the next
    run: a click on the map or the breadcrumb drills down or goes up. The picker's widgets
    take it before they are drawn; call ``st.rerun()`` after."""
    st.session_state[_GOTO] = kode


def _asked(tree) -> dict[str, bool]:
    """Which levels the picker asks (see the module's docstring): the kab/kota always."""
    counts = tree["level"].value_counts()
    return {"provinsi": counts.get("provinsi", 0) > 1, "kabkota": True, "kecamatan": counts.get("kabkota", 0) > 1}


def _pick_region(tree, default: str) -> tuple[str, tuple[tuple[str, str], ...]]:
    """Draw the region picker; (the region chosen, the trail: the regions from the top down to
    it that the picker can open, as (kode, nama))."""
    names = dict(zip(tree["kode"], tree["nama"]))
    asked = _asked(tree)
    target = st.session_state.pop(_GOTO, None)
    if target not in names:
        target = None
    wanted = target or url.choice("wilayah", list(names), default)
    # The list below a chosen region opens with the whole region when there is one to show:
    # a province of several kab/kota, a kab/kota of a warehouse with several.
    whole = {"provinsi": False, "kabkota": asked["kecamatan"], "kecamatan": True}
    parent, trail = None, []
    for name, key, length in _LEVELS:
        options = tree.loc[tree["level"] == name, "kode"].tolist()
        if parent is not None:
            options = [k for k in options if k.startswith(parent + ".")]
        if not options or not asked[name]:
            if name == "provinsi" and len(options) == 1:
                # The one province (Batam's) is implied: its kab/kota list may show it whole.
                parent = options[0]
                if whole["kabkota"]:
                    trail.append((parent, names[parent]))
            if name == "provinsi":
                continue
            break
        choices = [None, *options] if whole[name] else options
        fallback = None if whole[name] else options[0]
        here = wanted[:length] if len(wanted) >= length else None
        if target is not None or key not in st.session_state or st.session_state[key] not in choices:
            st.session_state[key] = here if here in choices else fallback
        picked = st.sidebar.selectbox(
            t(f"sidebar.{name}") if name != "kabkota" or asked["kecamatan"] else t("sidebar.region"),
            choices,
            key=key,
            format_func=lambda k, n=name: t(f"sidebar.all_{n}") if k is None else names[k],
        )
        if picked is None:
            break
        parent = picked
        trail.append((picked, names[picked]))
    url.keep("wilayah", parent)
    return parent, tuple(trail)


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
    tree = data.query("regions_hierarchy", scope_kelurahan=scope)
    kode_region, trail = _pick_region(tree, regions["kode"].iloc[0])
    region_names = dict(zip(tree["kode"], tree["nama"]))

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
    return Filters(kode_region, region_names[kode_region], siklus, today, demo, scope, trail)


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
