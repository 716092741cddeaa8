"""Kelurahan scope (issue 13 point 4) on the 6T and PMKS pages under AppTest: a user limited
to one kelurahan (or one kecamatan) sees only their units in every figure, table, map, chart,
drill-down and download, whatever the URL or a map click asks for; an unscoped user sees all.

The 6T seed (tests/seed_six_t.py): Alpha 99.71.01.1001 has d1, p1, p2, p3, b1, b3 (2 fully
compliant: p1, b1), Beta 99.71.01.1002 has p4, p5, b2, b4 (none compliant). The PMKS seed
(tests/seed_pmks.py): kelurahan 98.71.01.1066 of the hot block has the 10 call-center cases
n = 97..106 (no arrival for n = 98 and 105; the others arrive after 10 + 10 (n mod 10) min).
"""

from __future__ import annotations

import io
import shutil
from pathlib import Path

import openpyxl
import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

import queries
from domain import roles
from reports import hotspots as hotspots_report
from tests.seed_pmks import BLOCK, pmks_db, shelters_file, unit_code  # noqa: F401
from tests.seed_six_t import six_t_db  # noqa: F401
from ui import auth
from warehouse import db, users

ROOT = Path(__file__).resolve().parent.parent
ALPHA, BETA = "99.71.01.1001", "99.71.01.1002"
SIX_T_OTHERS = ("Beta", "Gamma", "Delta", BETA, "99.71.01.2003", "99.71.01.2004")
PMKS_UNIT = "98.71.01.1066"
# Every URL parameter a page reads or another page writes, pointed elsewhere.
TAMPERED = {"wilayah": "98.71", "kelurahan": BETA, "siklus": "S0", "layer": "coverage"}


# The downloads are files for people in the session's language (English here).
CODE = "Area code (Kemendagri)"
CONFIDENCE = "Confidence (%)"


def downloads(at: AppTest, made: dict) -> dict[str, bytes]:
    """The bytes of every download button of the last run, by the button's key."""
    out = {}
    for button in at.get("download_button"):
        data = made[button.proto.deferred_file_id]()
        # The element id holds the key given to st.download_button.
        key = next(k for k in KEYS if k in button.proto.id)
        out[key] = data.encode() if isinstance(data, str) else data
    return out


KEYS = (
    "six_t_download_kelurahan",
    "six_t_download_failing",
    "six_t_download_sample",
    "pmks_download_csv",
    "pmks_download_xlsx",
)


def session(role: str, scope: tuple[str, ...] | None) -> auth.Session:
    """A signed-in user of ``role`` (``all``: every permission, to reach every download)."""
    permissions = frozenset(roles.PERMISSIONS) if role == "all" else roles.permissions(role)
    return auth.Session(f"u-{role}", role, permissions, scope)


def page(path, monkeypatch, who: auth.Session, page_file: str, query: dict | None = None, state=None) -> AppTest:
    monkeypatch.setenv("PETA_KESOS_DB", str(path))
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    at.session_state[auth.PRESET_KEY] = who
    at.session_state["lang"] = "en"
    for key, value in (query or {}).items():
        at.query_params[key] = value
    for key, value in (state or {}).items():
        at.session_state[key] = value
    # Straight to the page, as a link to it opens (AppTest finds a page by its file name before the first run).
    at.switch_page(page_file).run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def metrics(at) -> dict:
    return {m.label: m.value for m in at.metric}


def table(at, column: str) -> pd.DataFrame:
    return next(df.value for df in at.dataframe if column in df.value.columns)


def maps_text(at) -> str:
    return "\n".join(str(e.proto) for e in at.main if type(e).__name__ == "UnknownElement")


@pytest.fixture(scope="module")
def six_t_copy(six_t_db, tmp_path_factory) -> Path:
    """The 6T seed (its own copy: downloads write to the audit log beside it)."""
    path = tmp_path_factory.mktemp("scope_six_t") / "six_t.duckdb"
    shutil.copy(six_t_db, path)
    return path


@pytest.fixture(scope="module")
def two_kecamatan(six_t_db, tmp_path_factory) -> Path:
    """The 6T seed with Alpha moved into a second kecamatan (99.71.02 Kecamatan Dua), so that
    Kecamatan Satu holds Beta, Gamma and Delta."""
    path = tmp_path_factory.mktemp("scope_kecamatan") / "six_t.duckdb"
    shutil.copy(six_t_db, path)
    con = db.connect(path)
    try:
        con.execute(queries.load("tests/scope_audit/kecamatan_dua"))
        con.execute(queries.load("tests/scope_audit/move_to_kecamatan_dua"), [ALPHA])
    finally:
        con.close()
    return path


def assert_alpha_only(at: AppTest, made: dict) -> None:
    """The whole 6T page of an Alpha-scoped user, every programme and tahap: Alpha's six
    distributions, four failing (d1, p2, p3, b3), nothing of Beta, Gamma or Delta."""
    m = metrics(at)
    assert m["Distributions"] == "6"
    assert m["Fully 6T compliant"] == "33.3 %"
    # d1's Rp 50,000 deduction, p2 and p3 (wrong target) at Rp 750,000 each.
    assert m["Money at risk"] == "Rp 1,550,000"
    units = table(at, "Distributions")
    assert units.iloc[:, 0].tolist() == [ALPHA]
    drill = table(at, "Distribution ID")
    assert sorted(drill["Distribution ID"]) == ["b3", "d1", "p2", "p3"]
    assert set(drill["Kelurahan/desa"]) == {"Alpha"}
    shown = "\n".join(df.value.to_csv() for df in at.dataframe)
    assert not [w for w in SIX_T_OTHERS if w in shown], shown
    # The map draws the other units as bare outlines: no name, no value.
    assert "Beta" not in maps_text(at) and "Alpha" in maps_text(at)
    files = downloads(at, made)
    assert set(files) == {"six_t_download_kelurahan", "six_t_download_failing"}
    kelurahan = pd.read_csv(io.BytesIO(files["six_t_download_kelurahan"]), skiprows=1)
    assert kelurahan[CODE].tolist() == [ALPHA]
    assert kelurahan["Distributions (count)"].tolist() == [6]
    assert kelurahan["Fully 6T-compliant (distributions)"].tolist() == [2]
    failing = pd.read_csv(io.BytesIO(files["six_t_download_failing"]))
    assert sorted(failing["Distribution ID"]) == ["b3", "d1", "p2", "p3"]
    assert not [w for w in SIX_T_OTHERS if w in files["six_t_download_failing"].decode()]


def test_six_t_a_kelurahan_scoped_user_sees_only_that_kelurahan(six_t_copy, monkeypatch, deferred):
    at = page(six_t_copy, monkeypatch, session("all", (ALPHA,)), "app_pages/six_t.py")
    assert "Your account is limited to 1 kelurahan/desa" in " ".join(c.value for c in at.caption)
    # Alpha's BPNT has only 2026-01 (b4 of 2026-02 is Beta's): the page opens there.
    assert at.selectbox(key="six_t_tahap").options == ["All", "2026-01"]
    assert at.selectbox(key="six_t_tahap").value == "2026-01"
    at.selectbox(key="six_t_program").select_index(0).run()
    assert_alpha_only(at, deferred)


def test_six_t_the_url_and_a_map_click_cannot_widen_the_scope(six_t_copy, monkeypatch, deferred):
    click = {"last_active_drawing": {"properties": {"kode": BETA}}}
    at = page(
        six_t_copy,
        monkeypatch,
        session("all", (ALPHA,)),
        "app_pages/six_t.py",
        query=TAMPERED,
        state={"six_t_map": click},
    )
    at.selectbox(key="six_t_program").select_index(0).run()
    assert at.selectbox(key="six_t_kelurahan").value is None, "Beta's click is not followed"
    assert at.selectbox(key="six_t_kelurahan").options == ["All kelurahan", "Alpha (Kecamatan Satu)"]
    assert_alpha_only(at, deferred)


def test_six_t_an_auditor_scoped_to_alpha_gets_alphas_drill_down_and_working_paper(six_t_copy, monkeypatch, deferred):
    at = page(six_t_copy, monkeypatch, session("auditor", (ALPHA,)), "app_pages/six_t.py")
    at.selectbox(key="six_t_program").set_value("PKH").run()
    at.selectbox(key="six_t_tahap").set_value("2026-T1").run()
    # Alpha's PKH 2026-T1: d1, p1, p2, p3; Beta's p5 is not counted.
    assert metrics(at)["Distributions"] == "4"
    assert sorted(table(at, "Distribution ID")["Distribution ID"]) == ["d1", "p2", "p3"]
    files = downloads(at, deferred)
    assert set(files) == {"six_t_download_failing", "six_t_download_sample"}
    paper = openpyxl.load_workbook(io.BytesIO(files["six_t_download_sample"]))
    drawn = {
        row[5]
        for sheet in paper.worksheets
        for row in sheet.iter_rows(min_row=3, values_only=True)
        if row[0] is not None
    }
    assert drawn == {"d1", "p1", "p2", "p3"}, "the whole population: 5 per kelurahan"
    kelurahan = {row[0] for sheet in paper.worksheets for row in sheet.iter_rows(min_row=3, values_only=True)}
    assert kelurahan == {ALPHA}


def test_six_t_a_kecamatan_scoped_user_gets_that_kecamatan(two_kecamatan, monkeypatch, deferred):
    con = db.connect(two_kecamatan, read_only=True)
    try:
        scope = users.scope_kelurahan(con, users.Account("op", "operator", kecamatan=("99.71.01",)))
    finally:
        con.close()
    assert scope == (BETA, "99.71.01.2003", "99.71.01.2004")
    at = page(two_kecamatan, monkeypatch, session("all", scope), "app_pages/six_t.py")
    at.selectbox(key="six_t_program").select_index(0).run()
    m = metrics(at)
    assert m["Distributions"] == "4"
    assert m["Fully 6T compliant"] == "0.0 %"
    assert table(at, "Distributions").iloc[:, 0].tolist() == [BETA, "99.71.01.2003", "99.71.01.2004"]
    assert sorted(table(at, "Distribution ID")["Distribution ID"]) == ["b2", "b4", "p4", "p5"]
    kelurahan = pd.read_csv(io.BytesIO(downloads(at, deferred)["six_t_download_kelurahan"]), skiprows=1)
    assert kelurahan[CODE].tolist() == [BETA, "99.71.01.2003", "99.71.01.2004"]
    assert kelurahan["Distributions (count)"].tolist() == [4, 0, 0]
    at.segmented_control(key="six_t_level").set_value("kecamatan").run()
    assert table(at, "Distributions")[["Unit", "Distributions"]].values.tolist() == [["Kecamatan Satu", 4]]


def test_six_t_an_unscoped_user_sees_every_kelurahan(six_t_copy, monkeypatch, deferred):
    at = page(six_t_copy, monkeypatch, session("all", None), "app_pages/six_t.py")
    at.selectbox(key="six_t_program").select_index(0).run()
    assert metrics(at)["Distributions"] == "10"
    assert not [c.value for c in at.caption if "limited to" in c.value]
    kelurahan = pd.read_csv(io.BytesIO(downloads(at, deferred)["six_t_download_kelurahan"]), skiprows=1)
    assert kelurahan["Distributions (count)"].tolist() == [6, 4, 0, 0]


@pytest.fixture(scope="module")
def pmks_copy(pmks_db, tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("scope_pmks") / "pmks.duckdb"
    shutil.copy(pmks_db, path)
    return path


def test_pmks_a_kelurahan_scoped_operator_sees_only_that_kelurahan(pmks_copy, shelters_file, monkeypatch):
    monkeypatch.setenv(hotspots_report.SHELTERS_ENV, str(shelters_file))
    click = {"last_active_drawing": {"properties": {"kode": unit_code(0, 0)}}}
    at = page(
        pmks_copy,
        monkeypatch,
        session("operator", (PMKS_UNIT,)),
        "app_pages/pmks.py",
        query=TAMPERED,
        state={"pmks_density_map": click},
    )
    m = metrics(at)
    assert m["Cases"] == "10"
    assert m["Kelurahan with cases"] == "1 of 1"
    assert m["Hot spots (Gi*)"] == "0"
    # One unit cannot be tested against its neighbours: the page refuses and says why.
    assert "The hot-spot test needs at least" in " ".join(i.value for i in at.info)
    # Arrivals of n = 97, 99..104, 106: 10, 30, 40, 50, 70, 80, 100, 20 minutes (median 45).
    assert m["Cases without an arrival time"] == "2"
    assert m["Median arrival time"] == "45 min"
    assert m["Patrol finds (not a response)"] == "0"
    # Stays of n = 100 (1 day) and n = 105 (6 days), both in the block's shelter.
    assert m["Discharged"] == "2"
    assert at.selectbox(key="pmks_kelurahan").options[1:] == ["Kisi 1066 (Kecamatan Kisi)"]
    assert at.selectbox(key="pmks_kelurahan").value is None, "the clicked unit is outside the scope"
    by_unit = table(at, "Cases per km²")
    assert by_unit["Cases"].sum() == 10
    # The shelters keep their whole capacity; only this unit's stays count against it.
    upt = table(at, "Capacity (persons)")
    assert upt["UPT"].tolist() == ["Shelter Blok", "Shelter Kisi"]
    assert upt["Peak occupants (persons)"].tolist() == [1, 0]
    assert not at.get("download_button"), "an operator has no aggregate download"


def test_pmks_downloads_of_a_scoped_user_hold_only_their_units(pmks_copy, monkeypatch, deferred):
    block = tuple(unit_code(i, j) for j in range(3, 9) for i in range(3, 9))
    at = page(pmks_copy, monkeypatch, session("all", block), "app_pages/pmks.py", query=TAMPERED)
    m = metrics(at)
    # The 36 units of columns and rows 3-8: the hot block's 40 cases and (3 i + j) mod 4
    # background cases in each of the other 32.
    background = sum((3 * i + j) % 4 for j in range(3, 9) for i in range(3, 9) if (i, j) not in BLOCK)
    assert m["Cases"] == str(40 + background)
    assert m["Kelurahan with cases"].endswith("of 36")
    captions = " ".join(c.value for c in at.caption)
    assert "compares only the 36 kelurahan/desa of your account's scope" in captions
    files = downloads(at, deferred)
    assert set(files) == {"pmks_download_csv", "pmks_download_xlsx"}
    csv = pd.read_csv(io.BytesIO(files["pmks_download_csv"]), skiprows=1)
    assert sorted(csv[CODE]) == sorted(block)
    sheet = openpyxl.load_workbook(io.BytesIO(files["pmks_download_xlsx"])).worksheets[0]
    assert sorted(r[0] for r in sheet.iter_rows(min_row=3, values_only=True)) == sorted(block)
    # The four block units are the hot spots among the 36 as among all 145.
    hot = csv.loc[csv[CONFIDENCE] > 0, CODE]
    assert set(hot) == {unit_code(i, j) for i, j in BLOCK}


def test_pmks_an_unscoped_user_sees_every_kelurahan(pmks_copy, monkeypatch, deferred):
    at = page(pmks_copy, monkeypatch, session("all", None), "app_pages/pmks.py")
    assert metrics(at)["Cases"] == "253"
    csv = pd.read_csv(io.BytesIO(downloads(at, deferred)["pmks_download_csv"]), skiprows=1)
    assert len(csv) == 145
