"""The login in a real browser (Debian's chromium, driven by Playwright) against ``streamlit run
serve.py``: an anonymous browser receives no region name, figure or data over the websocket;
signing in sets a signed HttpOnly cookie, a reload keeps the session, signing out ends it."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

import queries
from tests.test_browser import log_in, only_local, record_websockets, send_login_form, wait_run_finished
from ui import auth

pytestmark = pytest.mark.browser


def secrets_of_the_demo(path: Path) -> list[str]:
    """Words that only data could bring: the region's name and code, every kelurahan name."""
    with duckdb.connect(str(path), read_only=True) as con:
        region = queries.run(con, "regions", scope_kelurahan=None).iloc[0]
        units = queries.run(con, "kelurahan_boundaries", kode_region=region["kode"])
    return [region["nama"], region["kode"], *units["nama"]]


def test_the_anonymous_browser_gets_no_data_then_login_reload_logout(server, browser, demo_accounts_db, demo_password):
    context = browser.new_context()
    context.route("**/*", only_local([]))
    page = context.new_page()
    frames, sockets = record_websockets(page)
    page.goto(server, wait_until="domcontentloaded")
    page.get_by_role("heading", name="Masuk ke Peta Kesos").wait_for(timeout=90_000)
    wait_run_finished(page, sockets)  # every message of the run has arrived
    before = b"".join(frames)
    assert before, "the websocket was recorded"
    words = secrets_of_the_demo(demo_accounts_db)
    assert len(words) > 60
    leaked = [w for w in words if w.encode() in before]
    assert not leaked, leaked
    for marker in (b"streamlit_folium", b"leaflet", b"plotly", b"Feature", b"pick_wilayah"):
        assert marker not in before, marker
    assert not page.locator("iframe").count()

    # A wrong password: the login page again, with the message, and still nothing of the data.
    send_login_form(page, "wrong password")
    page.get_by_text("Nama pengguna atau kata sandi salah").wait_for(timeout=60_000)

    # The right one, on that page.
    send_login_form(page, demo_password)
    page.get_by_role("heading", name="Ringkasan pemutakhiran DTKS").wait_for(timeout=90_000)
    (cookie,) = [c for c in context.cookies() if c["name"] == auth.COOKIE]
    assert cookie["httpOnly"] and cookie["sameSite"] == "Lax" and cookie["path"] == "/"
    assert "." in cookie["value"], "token.signature"
    assert page.evaluate("document.cookie").find(auth.COOKIE) == -1, "scripts cannot read it"
    wait_run_finished(page, sockets)
    after = b"".join(frames)[len(before) :]
    assert words[0].encode() in after, "signed in, the region's name does arrive (the recording works)"

    page.reload(wait_until="domcontentloaded")
    page.get_by_role("heading", name="Ringkasan pemutakhiran DTKS").wait_for(timeout=90_000)
    assert not page.get_by_role("heading", name="Masuk ke Peta Kesos").count()

    with page.expect_navigation():
        page.click("form[action='/api/logout'] button")
    page.get_by_role("heading", name="Masuk ke Peta Kesos").wait_for(timeout=90_000)
    assert not [c for c in context.cookies() if c["name"] == auth.COOKIE]
    page.reload(wait_until="domcontentloaded")
    page.get_by_role("heading", name="Masuk ke Peta Kesos").wait_for(timeout=90_000)

    # The old cookie value no longer opens anything: the session ended on the server.
    context.add_cookies([cookie])
    page.reload(wait_until="domcontentloaded")
    page.get_by_role("heading", name="Masuk ke Peta Kesos").wait_for(timeout=90_000)
    context.close()


def test_a_link_to_a_page_comes_back_to_it_after_login(server, browser, demo_password):
    page = browser.new_page()
    page.route("**/*", only_local([]))
    log_in(page, f"{server}/planner?wilayah=21.71", demo_password, name="demo-perencana")
    page.get_by_role("heading", name="Perencanaan petugas pendata").wait_for(timeout=90_000)
    assert "/planner" in page.url
    page.close()


def test_a_forbidden_page_says_so_in_the_browser(server, signed_in):
    page = signed_in("kepala").new_page()
    page.route("**/*", only_local([]))
    page.goto(f"{server}/planner", wait_until="domcontentloaded")
    page.get_by_text("Peran Anda (kepala) tidak boleh membuka bagian ini").wait_for(timeout=90_000)
    assert not page.locator("iframe").count()
    page.close()
