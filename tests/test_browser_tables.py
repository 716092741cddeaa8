"""A real browser (Debian's chromium via Playwright) draws a table of ui.tables.show_table in
Bahasa Indonesia: the grid shows the texts and, when a header is clicked, sorts the rows by
their values, not by their texts ("1.000" would come before "200" as text)."""

from __future__ import annotations

import os
from pathlib import Path
from urllib.parse import urlparse

import pytest

from tests.test_browser import ARTIFACTS, CHROMIUM, streamlit_server

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


def test_the_grid_sorts_a_styled_number_column_by_value(tmp_path):
    if not CHROMIUM:
        if os.environ.get("CI"):
            pytest.fail("chromium is missing on CI: test.sh installs it with apt-get")
        pytest.skip("chromium is not installed (./test.sh installs it when run as root)")
    from playwright.sync_api import sync_playwright

    script = tmp_path / "table_app.py"
    script.write_text(APP.format(root=str(ROOT)), encoding="utf-8")
    with streamlit_server(None, script) as url, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
        page = browser.new_page(viewport={"width": 900, "height": 500})
        page.route("**/*", lambda r: r.continue_() if urlparse(r.request.url).hostname == "127.0.0.1" else r.abort())
        page.goto(url, wait_until="domcontentloaded")
        page.locator("table[role=grid]").wait_for(state="attached", timeout=90_000)
        page.wait_for_timeout(1000)
        assert names_in_grid_order(page) == ["a", "b", "c"]
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / "table_id.png"))
        header = page.locator("[data-testid='stDataFrame'] canvas").first
        box = header.bounding_box()
        # The second column's header: one click sorts ascending, by value (5, 200, 1.000).
        column_width = box["width"] / 3
        page.mouse.click(box["x"] + column_width * 1.5, box["y"] + 15)
        page.wait_for_timeout(800)
        page.screenshot(path=str(ARTIFACTS / "table_id_sorted.png"))
        assert names_in_grid_order(page) == ["c", "b", "a"], "sorted by value, not as text"
        browser.close()
