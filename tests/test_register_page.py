"""The register's life page (app_pages/register.py) under AppTest in both languages: on the
register seed (the hand-checked figures, small counts hidden, names as text, a scoped user's
kelurahan only) and on the demo warehouse."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import duckdb
import pytest
from streamlit.testing.v1 import AppTest

import queries
from domain import roles
from tests.seed_register import register_db  # noqa: F401
from tests.shown import displayed
from ui import auth

ROOT = Path(__file__).resolve().parent.parent
PAGE = "app_pages/register.py"
SIXTEEN_DIGITS = re.compile(r"(?<!\d)\d{16}(?!\d)")
HOSTILE = "<img src=x onerror=alert(1)>"


def page_on(db, monkeypatch, lang, scope=None):
    monkeypatch.setenv("PETA_KESOS_DB", str(db))
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=300)
    if scope is not None:
        at.session_state[auth.PRESET_KEY] = auth.Session("scoped", "test", frozenset(roles.PERMISSIONS), scope)
    at.session_state["lang"] = lang
    # Straight to the page, as a link to it opens (AppTest finds a page by its file name before the first run).
    at.switch_page(PAGE).run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def metrics(at) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


@pytest.mark.parametrize("lang", ["id", "en"])
def test_page_shows_the_hand_checked_figures(register_db, monkeypatch, lang):
    at = page_on(register_db, monkeypatch, lang)
    shown = metrics(at)
    if lang == "en":
        # 3 in, 3 out (u6 is u4's duplicate): out is below 5, hidden with its companion (in).
        assert shown["Proposed in"] == "< 5" and shown["Proposed out"] == "< 5"
        assert shown["Duplicate proposals"] == "1"
        assert shown["Still under way"] == "2"
        assert shown["Median time to decision"] == "24.0 days"
        assert shown["Kelurahan without musyawarah"] == "2"
        # The latest year, 2026: one KPM (h7, moved), hidden.
        assert shown["KPM who left PKH"] == "< 5"
        assert shown["Target reached"] == "–"
    else:
        assert shown["Median lama keputusan"] == "24,0 hari"
        assert shown["Kelurahan tanpa musyawarah"] == "2"
        assert shown["KPM keluar PKH"] == "< 5"
    assert [w.value for w in at.warning] == [
        "2 kelurahan/desa without a dated musyawarah in this cycle: Gamma, Delta"
        if lang == "en"
        else "2 kelurahan/desa tanpa musyawarah bertanggal dalam siklus ini: Gamma, Delta"
    ]
    usulan, graduasi = (displayed(df) for df in at.dataframe)
    assert usulan.iloc[:, 0].tolist() == ["99.71.01.1001", "99.71.01.1002", "99.71.01.2003", "99.71.01.2004"]
    assert usulan.iloc[:, 4].tolist()[:2] == (
        ["05/01/2026", "12/02/2026"] if lang == "id" else ["2026-01-05", "2026-02-12"]
    )
    assert len(graduasi) == 4
    assert at.selectbox(key="register_tahun").value == 2026
    assert len(at.get("plotly_chart")) == 1
    assert len(at.get("download_button")) == 2


def test_the_year_changes_the_graduation_figures(register_db, monkeypatch):
    at = page_on(register_db, monkeypatch, "en")
    at.selectbox(key="register_tahun").set_value(2025).run()
    assert not at.exception
    shown = metrics(at)
    assert shown["KPM who left PKH"] == "< 5"
    graduasi = displayed(at.dataframe[1])
    # Hidden counts stay blank values (they sort as none), drawn as the hidden mark.
    assert at.dataframe[1].value.iloc[:, 3].isna().tolist() == [True, True, False, False]
    # Alpha 1, Beta 3 left in 2025: both hidden; the empty kelurahan show their zeros.
    assert graduasi.iloc[:, 3].tolist() == ["< 5", "< 5", "0", "0"]


def test_a_scoped_user_sees_only_their_kelurahan(register_db, monkeypatch):
    at = page_on(register_db, monkeypatch, "en", scope=("99.71.01.1002",))
    usulan, graduasi = (displayed(df) for df in at.dataframe)
    assert usulan.iloc[:, 1].tolist() == ["Beta"]
    assert graduasi.iloc[:, 1].tolist() == ["Beta"]
    assert metrics(at)["Median time to decision"] == "16.5 days"
    assert metrics(at)["Kelurahan without musyawarah"] == "0"
    assert not at.warning


def test_names_are_text_and_no_full_number_shows(register_db, monkeypatch, tmp_path):
    path = tmp_path / "hostile.duckdb"
    shutil.copy(register_db, path)
    with duckdb.connect(str(path)) as c:
        c.execute(queries.load("tests/seed/rename_unit"), {"nama": HOSTILE, "kode": "99.71.01.2003"})
    at = page_on(path, monkeypatch, "en")
    warning = at.warning[0].value
    assert HOSTILE not in warning and r"\<img src=x onerror=alert\(1\)\>" in warning
    text = "\n".join(
        [
            *(df.value.to_csv() for df in at.dataframe),
            *(displayed(df).to_csv() for df in at.dataframe),
            *(str(m.proto) for m in at.metric),
        ]
    )
    assert not SIXTEEN_DIGITS.search(text)


@pytest.mark.parametrize("lang", ["id", "en"])
def test_page_on_the_demo(demo_db, monkeypatch, lang):
    at = page_on(demo_db, monkeypatch, lang)
    usulan, graduasi = (displayed(df) for df in at.dataframe)
    assert len(usulan) == 64 and len(graduasi) == 64
    assert at.selectbox(key="register_tahun").options == ["2025", "2026"]
    shown = metrics(at)
    key = "Graduasi sejahtera mandiri"
    assert 80 <= int(shown[key].replace(".", "").replace(",", "")) <= 130
    assert len(at.warning) == 1
