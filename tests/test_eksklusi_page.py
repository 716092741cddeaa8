"""The targeting-errors page (app_pages/eksklusi.py) under AppTest on the targeting seed
(tests/seed_targeting.py), in both languages: the hand-checked figures, the map and its legend,
the follow-up list masked and withheld from roles without its permission."""

from __future__ import annotations

import re
from pathlib import Path

import duckdb
import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

import queries
from tests.folium_maps import map_scripts
from tests.seed_targeting import targeting_db  # noqa: F401
from ui import auth
from warehouse import users

ROOT = Path(__file__).resolve().parent.parent
PAGE = "app_pages/eksklusi.py"
SIXTEEN_DIGITS = re.compile(r"(?<!\d)\d{16}(?!\d)")


def page_on(db, monkeypatch, lang, session=None):
    monkeypatch.setenv("PETA_KESOS_DB", str(db))
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    at.session_state["lang"] = lang
    if session is not None:
        at.session_state[auth.PRESET_KEY] = session
    # Straight to the page, as a link to it opens (AppTest finds a page by its file name before the first run).
    at.switch_page(PAGE).run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def shown_text(at) -> str:
    parts = [df.value.to_csv() for df in at.dataframe]
    parts += [f"{m.label} {m.value} {m.help}" for m in at.metric]
    parts += [e.value for e in (*at.caption, *at.markdown, *at.info)]
    return "\n".join(parts)


@pytest.mark.parametrize("lang", ["id", "en"])
def test_page_shows_the_hand_checked_figures(targeting_db, monkeypatch, lang):
    at = page_on(targeting_db, monkeypatch, lang)
    metrics = {m.label: m.value for m in at.metric}
    if lang == "en":
        assert at.title[0].value == "Bansos targeting errors: exclusion and inclusion"
        # 12 of 14 excluded; 2 of 4 recipients in desil 6+ (below 5: hidden), Rp 950.000 with them.
        assert metrics == {
            "Desil 1-4 households": "14",
            "Excluded": "12",
            "Inclusion (desil 6+)": "–",
            "Paid to desil 6+": "–",
        }
        assert any(
            "Latest closed tahap of each programme: BPNT 2026\\-02, PKH 2025\\-T4" in c.value for c in at.caption
        )
        assert any(m.value.startswith("**Exclusion**") for m in at.markdown)
    else:
        assert metrics["Keluarga desil 1-4"] == "14" and metrics["Tereksklusi"] == "12"
        assert any("Tahap tertutup terakhir tiap program" in c.value for c in at.caption)
    units = at.dataframe[0].value
    assert units.iloc[:, 0].tolist() == ["99.71.01.1001", "99.71.01.1002", "99.71.01.2003", "99.71.01.2004"]
    programmes = at.dataframe[1].value
    assert programmes.iloc[:, 1].tolist() == ["", "2026-02", "2025-T4"]
    assert programmes.iloc[:, 3].tolist() == [12, 13, 12]
    (script,) = map_scripts(at)
    legend = "Exclusion rate (%)" if lang == "en" else "Tingkat eksklusi (%)"
    assert legend in script and ("No data or suppressed" if lang == "en" else "disembunyikan") in script


def test_one_programme_and_the_follow_up_list(targeting_db, monkeypatch):
    at = page_on(targeting_db, monkeypatch, "en")
    at.selectbox(key="eksklusi_program").set_value("PKH").run()
    assert {m.label: m.value for m in at.metric}["Excluded"] == "12"
    excluded = at.dataframe[0].value["Excluded (households)"]
    assert excluded.iloc[:3].tolist() == [5, 6, 0] and pd.isna(excluded.iloc[3]), "Delta's 1 is hidden"
    at.selectbox(key="eksklusi_kel").set_value("99.71.01.1002").run()
    assert not at.exception
    listed = at.dataframe[-1].value
    assert listed["Head's NIK"].tolist() == ["–", "************0022", "************0005", "–", "–"]
    assert listed["Name (initials)"].tolist() == ["–", "R. D. D.", "U. L.", "–", "–"]
    assert any(
        c.value == "5 desil 1-4 households without any programme in the latest closed tahap." for c in at.caption
    )
    assert at.get("download_button")
    with duckdb.connect(str(targeting_db), read_only=True) as c:
        numbers = {r[0] for r in c.execute(queries.load("tests/eksklusi_page/personal_numbers")).fetchall()}
    text = shown_text(at)
    assert not [n for n in numbers if n in text] and not SIXTEEN_DIGITS.search(text)


def test_a_role_without_the_list_permission_sees_the_aggregates_only(targeting_db, monkeypatch):
    kepala = auth.Session.of(users.Account("u-kepala", "kepala"))
    at = page_on(targeting_db, monkeypatch, "en", kepala)
    assert {m.label: m.value for m in at.metric}["Excluded"] == "12"
    assert [i.value for i in at.info] == [
        "The list of excluded households holds personal data (NIK masked); your role (kepala) sees only the "
        "aggregate figures above."
    ]
    assert "eksklusi_kel" not in [s.key for s in at.selectbox]


def test_a_scoped_user_sees_only_their_kelurahan(targeting_db, monkeypatch):
    scoped = auth.Session.of(users.Account("ops", "auditor", kecamatan=("99.71.01",)), ("99.71.01.1001",))
    at = page_on(targeting_db, monkeypatch, "en", scoped)
    assert at.dataframe[0].value.iloc[:, 0].tolist() == ["99.71.01.1001"]
    assert {m.label: m.value for m in at.metric}["Excluded"] == "6"


HOSTILE = "<img src=x onerror=alert(1)>"


@pytest.fixture
def hostile_db(targeting_db, tmp_path):
    import shutil

    path = tmp_path / "hostile.duckdb"
    shutil.copy(targeting_db, path)
    with duckdb.connect(str(path)) as c:
        c.execute(queries.load("tests/seed/rename_unit"), {"nama": HOSTILE, "kode": "99.71.01.1002"})
        c.execute(queries.load("tests/seed/rename_unit"), {"nama": "Kota [klik](http://x)", "kode": "99.71"})
    return path


def test_names_are_text_on_the_page_and_the_map(hostile_db, monkeypatch):
    at = page_on(hostile_db, monkeypatch, "en")
    (script,) = map_scripts(at)
    assert HOSTILE not in script and "&lt;img src=x onerror=alert(1)&gt;" in script.replace("\\u0026", "&")
    assert any("Kota \\[klik\\]\\(http\\://x\\)" in c.value for c in at.caption)
