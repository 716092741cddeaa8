"""A real browser (Debian's chromium via Playwright) draws a table of ui.tables.show_table in
Bahasa Indonesia: the grid shows the texts and, when a header is clicked, sorts the rows by
their values, not by their texts ("1.000" would come before "200" as text)."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from tests.test_browser import ARTIFACTS, only_local, streamlit_process

ROOT = Path(__file__).resolve().parent.parent

pytestmark = pytest.mark.browser

APP = """
import sys

sys.path.insert(0, {root!r})

import pandas as pd
import streamlit as st

from ui import tables

st.session_state["lang"] = "id"
tables.show_table(
    pd.DataFrame({{"Nama": ["a", "b", "c"], "Dana (Rp)": [1000, 200, 5], "Cakupan (%)": [12.5, 100.0, 7.25]}})
)
"""


def names_in_grid_order(page) -> list[str]:
    # The grid draws on a canvas; its accessible table beside it lists the rows in drawn order.
    return page.locator("table[role=grid] tbody tr td:first-child").all_inner_texts()


def grid_order_once_changed(page, since: list[str] | None, seconds: float = 30) -> list[str]:
    """The rows' order once the grid lists three rows in an order other than ``since`` (or
    ``seconds`` later, whatever it is then)."""
    deadline = time.monotonic() + seconds
    while (len(order := names_in_grid_order(page)) != 3 or order == since) and time.monotonic() < deadline:
        page.wait_for_timeout(50)
    return order


@pytest.fixture
def table_app(tmp_path):
    """``streamlit run`` of :data:`APP`, started (before the browser: both start at once); the
    function that waits until it answers and returns its URL."""
    script = tmp_path / "table_app.py"
    script.write_text(APP.format(root=str(ROOT)), encoding="utf-8")
    with streamlit_process(None, script) as ready:
        yield ready


def test_the_grid_sorts_a_styled_number_column_by_value(table_app, browser):
    page = browser.new_page(viewport={"width": 900, "height": 500})
    page.route("**/*", only_local([]))
    page.goto(table_app(), wait_until="domcontentloaded")
    page.locator("table[role=grid]").wait_for(state="attached", timeout=90_000)
    assert grid_order_once_changed(page, None) == ["a", "b", "c"]
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "table_id.png"))
    header = page.locator("[data-testid='stDataFrame'] canvas").first
    box = header.bounding_box()
    # The second column's header: one click sorts ascending, by value (5, 200, 1.000).
    column_width = box["width"] / 3
    page.mouse.click(box["x"] + column_width * 1.5, box["y"] + 15)
    order = grid_order_once_changed(page, ["a", "b", "c"])
    page.screenshot(path=str(ARTIFACTS / "table_id_sorted.png"))
    assert order == ["c", "b", "a"], "sorted by value, not as text"
    page.close()
