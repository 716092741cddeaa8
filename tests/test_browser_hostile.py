"""A real browser (Debian's chromium, driven by Playwright, every request not to 127.0.0.1
blocked) opens the overview and the PMKS page of the demo warehouse whose kelurahan carry
markup for names (issue 17, point 2 and Tests): the names show as text in the map tooltips
and run no script (no dialog, the titles unchanged)."""

from __future__ import annotations

import shutil
from urllib.parse import urlparse

import pytest

import queries
from tests.test_browser import log_in, streamlit_server
from warehouse import db

pytestmark = pytest.mark.browser

IMG = """<img src=x onerror="document.title='pwned';alert(1)">"""
SCRIPT = "<script>alert(2)</script>"
HOSTILE = (IMG, SCRIPT)


@pytest.fixture(scope="module")
def hostile_demo_db(demo_accounts_db, tmp_path_factory):
    """A copy of the demo warehouse with accounts whose first two Batam kelurahan are named
    :data:`IMG` and :data:`SCRIPT`."""
    path = tmp_path_factory.mktemp("hostile_demo") / "demo.duckdb"
    shutil.copy(demo_accounts_db, path)
    con = db.connect(path)
    try:
        units = queries.run(con, "kelurahan_boundaries", kode_region="21.71")
        drawn = units[units["geom_display"].notna()]["kode"].head(2).tolist()
        for kode, nama in zip(drawn, HOSTILE):
            con.execute(queries.load("tests/seed/rename_unit"), {"nama": nama, "kode": kode})
    finally:
        con.close()
    return path


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


def tooltip_texts(page, frame_el, wanted: set[str]) -> set[str]:
    """Move the mouse over every polygon of the folium map in ``frame_el`` until its tooltips
    have shown each ``wanted`` name; returns the wanted names seen as text."""
    frame = frame_el.content_frame()
    frame.wait_for_selector("path.leaflet-interactive", timeout=90_000)
    frame_el.scroll_into_view_if_needed()
    origin = frame_el.bounding_box()
    polygons = frame.locator("path.leaflet-interactive")
    seen: set[str] = set()
    for i in range(polygons.count()):
        point = polygons.nth(i).evaluate(INSIDE)
        if point is None:
            continue
        page.mouse.move(origin["x"] + point[0], origin["y"] + point[1])
        tips = frame.locator(".leaflet-tooltip")
        if tips.count():
            seen |= {name for name in wanted if name in tips.first.inner_text()}
        if seen == wanted:
            break
    return seen


def test_hostile_kelurahan_names_run_no_script(hostile_demo_db, browser, demo_password):
    dialogs: list[str] = []
    with streamlit_server(hostile_demo_db) as url:
        context = browser.new_context(viewport={"width": 1400, "height": 1100})
        context.route("**/*", lambda r: r.continue_() if urlparse(r.request.url).hostname == "127.0.0.1" else r.abort())
        page = context.new_page()
        page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
        log_in(page, url, demo_password)
        for path in ("", "/pmks"):
            if path:
                page.goto(url + path, wait_until="domcontentloaded")
            frame_el = page.wait_for_selector("iframe[title*='streamlit_folium']", timeout=90_000)
            title = page.title()
            frame = frame_el.content_frame()
            frame_title = frame.evaluate("document.title")
            assert tooltip_texts(page, frame_el, set(HOSTILE)) == set(HOSTILE), path
            # The markup stayed text: no element was made of it, no handler ran.
            assert frame.locator("img[src='x']").count() == 0
            assert frame.locator(".leaflet-tooltip script").count() == 0
            page.wait_for_timeout(1000)
            assert dialogs == [], path
            assert page.title() == title and "pwned" not in title
            assert frame.evaluate("document.title") == frame_title != "pwned"
            assert not page.locator("[data-testid='stException']").count()
        context.close()
