"""A real browser (Debian's chromium, driven by Playwright, every request not to 127.0.0.1
blocked) opens the overview and the PMKS page of the demo warehouse whose kelurahan carry
markup for names (issue 17, point 2 and Tests): the names show as text in the map tooltips
and run no script (no dialog, the titles unchanged)."""

from __future__ import annotations

import pytest

import queries
from domain import roles
from tests.test_browser import opening_role

pytestmark = pytest.mark.browser

IMG = """<img src=x onerror="document.title='pwned';alert(1)">"""
SCRIPT = "<script>alert(2)</script>"
HOSTILE = (IMG, SCRIPT)


def name_two_kelurahan_with_markup(con) -> None:
    """Name the first two drawn Batam kelurahan :data:`IMG` and :data:`SCRIPT` (the session
    server's warehouse, tests/conftest.py's demo_accounts_db, has them)."""
    units = queries.run(con, "kelurahan_boundaries", kode_region="21.71")
    drawn = units[units["geom_display"].notna()]["kode"].head(2).tolist()
    for kode, nama in zip(drawn, HOSTILE, strict=True):
        con.execute(queries.load("tests/seed/rename_unit"), {"nama": nama, "kode": kode})


# A point inside the polygon's fill in the frame's viewport (a bounding box's centre may lie
# outside an island or a crescent): the mouse has to be over the path for Leaflet's mouseover.
INSIDE = """(el) => {
    const b = el.getBBox(), m = el.getScreenCTM();
    for (let i = 1; i < 10; i++) for (let j = 1; j < 10; j++) {
        const p = new DOMPoint(b.x + b.width * i / 10, b.y + b.height * j / 10);
        if (el.isPointInFill(p)) return [p.x * m.a + p.y * m.c + m.e, p.x * m.b + p.y * m.d + m.f];
    }
    return null;
}"""


# The polygons whose tooltip holds markup (escaped, as every tooltip value is): a mouse over
# each of them in turn shows its tooltip.
HOSTILE_POLYGONS = """() => {
    const found = [];
    window.map.eachLayer((l) => {
        if (l.feature && l._path && JSON.stringify(l.feature.properties).includes("alert(")) found.push(l._path);
    });
    return found;
}"""


def tooltip_texts(page, frame_el, wanted: set[str]) -> set[str]:
    """Move the mouse over each polygon of the folium map in ``frame_el`` whose tooltip holds
    markup; returns the ``wanted`` names its tooltips showed as text."""
    frame = frame_el.content_frame()
    frame.wait_for_selector("path.leaflet-interactive", timeout=90_000)
    frame_el.scroll_into_view_if_needed()
    origin = frame_el.bounding_box()
    polygons = frame.evaluate_handle(HOSTILE_POLYGONS)
    seen: set[str] = set()
    for handle in polygons.get_properties().values():
        point = handle.as_element().evaluate(INSIDE)
        if point is None:
            continue
        page.mouse.move(origin["x"] + point[0], origin["y"] + point[1])
        tip = frame.locator(".leaflet-tooltip").first
        tip.wait_for(state="visible", timeout=10_000)
        seen |= {name for name in wanted if name in tip.inner_text()}
    return seen


def test_hostile_kelurahan_names_run_no_script(opened):
    # The tabs tests/test_browser.py opened (with every request not to 127.0.0.1 blocked and
    # every dialog recorded from the first request on), or new ones if it did not.
    role = opening_role(roles.AGGREGATES)
    for path, visit in zip(("", "pmks"), opened((role, ""), (role, "pmks")), strict=True):
        page = visit.page
        frame_el = page.wait_for_selector("iframe[title*='streamlit_folium']", timeout=90_000)
        title = page.title()
        frame = frame_el.content_frame()
        frame_title = frame.evaluate("document.title")
        assert tooltip_texts(page, frame_el, set(HOSTILE)) == set(HOSTILE), path
        # The markup stayed text: no element was made of it, no handler ran.
        assert frame.locator("img[src='x']").count() == 0
        assert frame.locator(".leaflet-tooltip script").count() == 0
        page.wait_for_timeout(1000)
        assert visit.dialogs == [], path
        assert page.title() == title and "pwned" not in title
        assert frame.evaluate("document.title") == frame_title != "pwned"
        assert not page.locator("[data-testid='stException']").count()
        page.mouse.move(0, 0)  # off the map: its tooltip closes for the next test of the tab
