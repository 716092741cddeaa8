"""The overview's map in a real browser (Debian's chromium, Playwright) with every request not
to 127.0.0.1 blocked: the 64 kelurahan polygons and the legend are drawn with the map libraries
of the app (none from a CDN), kelurahan names appear as the map zooms in, the search box zooms
to a kelurahan, the kecamatan outlines and the controls are drawn, and nothing is fetched off
the machine. One visit of the overview checks all of it."""

from __future__ import annotations

import duckdb
import pytest

from domain import roles
from reports import files
from tests.test_browser import ARTIFACTS, opening_role

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def kelurahan(demo_accounts_db):
    """The served demo's kelurahan with their names, kecamatan and bounds."""
    with duckdb.connect(str(demo_accounts_db), read_only=True) as con:
        shapes = files.boundaries(con, "21.71")
    return shapes[shapes.geometry.notna() & ~shapes.geometry.is_empty]


def map_state(frame) -> dict:
    return frame.evaluate(
        "() => ({zoom: window.map.getZoom(), lat: window.map.getCenter().lat, lng: window.map.getCenter().lng})"
    )


# The map has come to rest at another zoom than ``z``: Leaflet changes getZoom() when its zoom
# animation ends, in the same task as the zoomend event on which the labels are updated.
SETTLED_AWAY_FROM = (
    "(z) => window.map.getZoom() !== z && !window.map._animatingZoom && !window.map._panAnim?._inProgress"
)


def settled_away_from(frame, zoom: float) -> None:
    frame.wait_for_function(SETTLED_AWAY_FROM, arg=zoom, timeout=30_000)


def test_overview_map_draws_offline_labels_appear_by_zoom_and_search_zooms(opened, kelurahan):
    # The overview's tab of tests/test_browser.py (every request not to 127.0.0.1 blocked and
    # logged from the first on), or a new one if it did not open it; this test zooms it.
    visit = opened.take(opening_role(roles.AGGREGATES), "")
    page, blocked = visit.page, visit.blocked
    frame_el = page.wait_for_selector("iframe[title*='streamlit_folium']", timeout=90_000)
    frame = frame_el.content_frame()
    frame.wait_for_selector("path.leaflet-interactive", timeout=60_000)
    polygons = frame.locator("path.leaflet-interactive")
    legend = frame.locator(".pk-legend")
    legend.wait_for(state="visible", timeout=30_000)
    frame.locator(".pk-search input").wait_for(state="visible", timeout=30_000)
    frame_el.scroll_into_view_if_needed()
    page.wait_for_timeout(1000)
    ARTIFACTS.mkdir(exist_ok=True)
    # Not full_page: Chromium would draw it at the page's height, and the map, resized, would
    # lay its legend out afresh (page_overview.png of tests/test_browser.py is the whole page).
    shot = page.screenshot()
    for name in ("overview.png", "maps_overview.png"):
        (ARTIFACTS / name).write_bytes(shot)

    assert polygons.count() == 64
    assert legend.is_visible()
    assert "Cakupan (%)" in legend.inner_text()
    # The map libraries came from the app, not from a CDN.
    assert not [u for u in blocked if "leaflet" in u or "jquery" in u or "d3" in u], blocked

    labels = frame.locator(".pk-label")
    start = map_state(frame)
    shown_at_start = labels.count()
    # The kecamatan outlines are drawn, the controls are there, the legend sits beside the region.
    assert frame.get_by_text("Batas kecamatan").is_visible()
    assert frame.get_by_text("Nama kelurahan").is_visible()
    assert frame.locator(".pk-opacity input[type=range]").is_visible()
    # The legend folds while the map is narrower than it needs beside the region and unfolds at
    # the resize that gives the frame its width, which may come after the first map script ran.
    unfolded = "() => !document.querySelector('.pk-legend').classList.contains('pk-folded')"
    sizes = "() => [window.map.getSize().x, document.querySelector('.pk-legend').offsetWidth]"
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    try:
        frame.wait_for_function(unfolded, timeout=10_000)
    except PlaywrightTimeout:
        raise AssertionError(f"the legend stays folded: map and legend widths {frame.evaluate(sizes)} px") from None
    assert frame.locator(".pk-legend .pk-legend-body").is_visible()

    for _ in range(3):
        before = map_state(frame)["zoom"]
        frame.locator(".leaflet-control-zoom-in").click()
        settled_away_from(frame, before)
    zoomed = map_state(frame)
    assert zoomed["zoom"] > start["zoom"]
    assert labels.count() > shown_at_start, (shown_at_start, labels.count())
    page.screenshot(path=str(ARTIFACTS / "maps_zoomed.png"))

    # Back out, then search a kelurahan away from the centre by its listed name.
    frame.evaluate("(z) => window.map.setZoom(z)", start["zoom"])
    settled_away_from(frame, zoomed["zoom"])
    target = kelurahan.iloc[len(kelurahan) // 3]
    minx, miny, maxx, maxy = target.geometry.bounds
    frame.locator(".pk-search input").fill(f"{target['nama']} ({target['kecamatan']})")
    settled_away_from(frame, start["zoom"])
    found = map_state(frame)
    assert found["zoom"] > start["zoom"] + 1
    assert miny <= found["lat"] <= maxy and minx <= found["lng"] <= maxx, (found, target.geometry.bounds)
    assert frame.locator(".pk-label span", has_text=target["nama"]).first.is_visible()
    page.screenshot(path=str(ARTIFACTS / "maps_search.png"))

    # Folding the legend leaves only its title.
    frame.locator(".pk-legend-title").click()
    assert not frame.locator(".pk-legend .pk-legend-body").is_visible()
    assert blocked == []
    page.close()
