"""Scope (issue 13, point 4) on the coverage family: the overview, the kelurahan profile, the
planner and their downloads show a scoped user only the kelurahan of their scope, whatever the
URL says; the region's totals are totals over those units. Under AppTest on the seed warehouse
with a second kecamatan (Epsilon, 99.71.02.1005) and real accounts (warehouse.users)."""

from __future__ import annotations

import io
import shutil
from pathlib import Path

import duckdb
import openpyxl
import pandas as pd
import pypdf
import pytest
from streamlit.testing.v1 import AppTest

import queries
from reports import allocation as allocation_report
from reports import brief as brief_report
from reports import coverage as coverage_report
from tests.folium_maps import map_scripts
from tests.seed import REGION, TODAY, seed_db  # noqa: F401
from ui import auth, planner, sidebar
from ui import coverage as cov
from warehouse import db, users

ROOT = Path(__file__).resolve().parent.parent
APP = str(ROOT / "app.py")
ALPHA, BETA, EPSILON = "99.71.01.1001", "99.71.01.1002", "99.71.02.1005"
KECAMATAN_SATU = ("99.71.01.1001", "99.71.01.1002", "99.71.01.2003", "99.71.01.2004")
SATU_NAMES = [f"{n} (Kecamatan Satu)" for n in ("Alpha", "Beta", "Gamma", "Delta")]

# Kecamatan Dua with one kelurahan, Epsilon: one active household h14, never visited (frames
# through the demo's insert statements).
EXTRA = {
    "demo/wilayah_insert": pd.DataFrame(
        {
            "kode": ["99.71.02", EPSILON],
            "nama": ["Kecamatan Dua", "Epsilon"],
            "level": ["kecamatan", "kelurahan"],
            "jenis": ["kecamatan", "kelurahan"],
            "kode_induk": ["99.71", "99.71.02"],
        }
    ),
    "demo/dtks_keluarga_insert": pd.DataFrame(
        {"id_dtks": ["h14"], "no_kk": ["9971020101260014"], "kode_kelurahan": [EPSILON], "status": ["aktif"]}
    ),
}
ACCOUNTS = {
    "root": ("admin", [], []),
    "op-alpha": ("operator", [ALPHA], []),
    "kepala-alpha": ("kepala", [ALPHA], []),
    "perencana-alpha": ("perencana", [ALPHA], []),
    "perencana-beta": ("perencana", [BETA], []),
    "auditor-alpha": ("auditor", [ALPHA], []),
    "kepala-satu": ("kepala", [], ["99.71.01"]),
    "kepala": ("kepala", [], []),
}


@pytest.fixture(scope="module")
def scope_db(seed_db, tmp_path_factory) -> Path:  # noqa: F811
    path = tmp_path_factory.mktemp("scope") / "scope.duckdb"
    shutil.copy(seed_db, path)
    with db.atomic_update(path) as con:
        for name, frame in EXTRA.items():
            con.register("demo_frame", frame)
            con.execute(queries.load(name))
            con.unregister("demo_frame")
        for name, (role, kelurahan, kecamatan) in ACCOUNTS.items():
            users.add_account(
                con, name, role, "not used in these tests", users.utcnow(), kelurahan=kelurahan, kecamatan=kecamatan
            )
        db.refresh_analytics(con)
    return path


def session_of(path: Path, name: str) -> auth.Session:
    """The session the sign-in would make for account ``name`` (its role and resolved scope)."""
    role, kelurahan, kecamatan = ACCOUNTS[name]
    acct = users.Account(name, role, tuple(kelurahan), tuple(kecamatan))
    with duckdb.connect(str(path), read_only=True) as con:
        return auth.Session.of(acct, users.scope_kelurahan(con, acct))


def run_as(path, monkeypatch, name, page=None, params=None, lang="en") -> AppTest:
    monkeypatch.setenv("PETA_KESOS_DB", str(path))
    at = AppTest.from_file(APP, default_timeout=120)
    at.session_state["lang"] = lang
    at.session_state[auth.PRESET_KEY] = session_of(path, name)
    for key, value in (params or {}).items():
        at.query_params[key] = value
    if page:
        # Straight to the page, as a link to it opens (AppTest finds a page by its file name before the first run).
        at.switch_page(page)
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def options(at: AppTest, key: str) -> list[str]:
    return list(at.selectbox(key=key).options)


def metrics(at: AppTest) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


def map_values(at: AppTest, column: str) -> dict[str, str]:
    """kode -> the tooltip value of ``column`` of every feature of the page's first map that
    carries properties (units outside the user's scope are bare outlines)."""
    import json

    script, found, start = map_scripts(at)[0], {}, 0
    while (start := script.find('{"features"', start)) >= 0:
        geojson, length = json.JSONDecoder().raw_decode(script[start:])
        for f in geojson["features"]:
            if "kode" in f.get("properties", {}):
                found[f["properties"]["kode"]] = f["properties"].get(column)
        start += length
    return found


def shown_names(at: AppTest) -> str:
    """Every table on the page, as one text."""
    return "\n".join(d.value.to_csv() for d in at.dataframe)


def test_the_sign_in_resolves_each_scope(scope_db):
    assert session_of(scope_db, "op-alpha").scope_kelurahan == (ALPHA,)
    assert session_of(scope_db, "kepala-satu").scope_kelurahan == KECAMATAN_SATU
    assert session_of(scope_db, "kepala").scope_kelurahan is None


@pytest.mark.parametrize("lang", ["id", "en"])
def test_an_operator_of_alpha_sees_alpha_only_on_the_overview(scope_db, monkeypatch, lang):
    at = run_as(scope_db, monkeypatch, "op-alpha", lang=lang)
    assert options(at, "pick_wilayah") == ["Kota Uji"]
    assert options(at, "overview_open") == ["Alpha (Kecamatan Satu)"]
    # Alpha: h1-h4 active, h1 and h2 updated in S1: 2 of 4; a1 and a3 padan of its three members.
    decimal = "," if lang == "id" else "."
    assert list(metrics(at).values())[:2] == ["4", f"50{decimal}0 %"]
    assert list(metrics(at).values())[5] == f"66{decimal}7 %"
    tables = shown_names(at)
    assert "Alpha" in tables and not any(n in tables for n in ("Beta", "Gamma", "Delta", "Epsilon"))
    # The map keeps the region's outlines; only Alpha carries a code, a name and values.
    assert map_values(at, "coverage_rate") == {ALPHA: f"50{decimal}0 %"}
    assert not any(f'"{n}"' in map_scripts(at)[0] for n in ("Beta", "Gamma", "Delta", "Epsilon"))
    assert any(("1" in c.value) and ("kelurahan" in c.value) for c in at.caption)
    assert not at.get("download_button"), "an operator downloads nothing"


@pytest.mark.parametrize(
    "params",
    [
        {"wilayah": "21.71"},
        {"kelurahan": BETA},
        {"wilayah": "99.71", "siklus": "S0", "kelurahan": EPSILON},
    ],
)
def test_the_url_cannot_widen_the_view(scope_db, monkeypatch, params):
    at = run_as(scope_db, monkeypatch, "op-alpha", "app_pages/kelurahan.py", params)
    assert at.title[0].value == "Profile of Alpha"
    assert options(at, "pick_kelurahan") == ["Alpha (Kecamatan Satu)"]
    assert at.query_params["kelurahan"] == ALPHA and at.query_params["wilayah"] == REGION
    overview = run_as(scope_db, monkeypatch, "op-alpha", params=params)
    assert options(overview, "overview_open") == ["Alpha (Kecamatan Satu)"]
    assert list(metrics(overview).values())[0] == "4"
    # In S0 only h4 had a result: one of Alpha's four households.
    assert list(metrics(overview).values())[1] == ("25.0 %" if params.get("siklus") == "S0" else "50.0 %")


def test_the_profile_of_alpha_for_its_operator(scope_db, monkeypatch):
    at = run_as(scope_db, monkeypatch, "op-alpha", "app_pages/kelurahan.py")
    assert list(metrics(at).values())[:3] == ["4", "50.0 %", "2"]
    assert "Beta" not in shown_names(at)


def test_a_kecamatan_scope_sees_its_kecamatan(scope_db, monkeypatch):
    at = run_as(scope_db, monkeypatch, "kepala-satu")
    assert options(at, "overview_open") == SATU_NAMES
    # The seed's figures (tests/test_overview_page.py): Epsilon's household is not counted.
    assert list(metrics(at).values())[:2] == ["12", "33.3 %"]
    assert "Epsilon" not in shown_names(at) and "Kecamatan Dua" not in shown_names(at)


def test_an_unscoped_kepala_sees_every_unit(scope_db, monkeypatch):
    at = run_as(scope_db, monkeypatch, "kepala")
    assert options(at, "overview_open") == [*SATU_NAMES, "Epsilon (Kecamatan Dua)"]
    # 12 + Epsilon's h14, not updated: 4 of 13.
    assert list(metrics(at).values())[:2] == ["13", "30.8 %"]
    assert not any(c.value.startswith("Only the kelurahan") for c in at.caption)


def filters_of(path, name, monkeypatch, siklus="S1") -> sidebar.Filters:
    monkeypatch.setenv("PETA_KESOS_DB", str(path))
    return sidebar.Filters(REGION, "Kota Uji", siklus, TODAY, False, session_of(path, name).scope_kelurahan)


def test_the_coverage_download_holds_alpha_only(scope_db, monkeypatch):
    at = run_as(scope_db, monkeypatch, "kepala-alpha", lang="id")
    assert len(at.get("download_button")) == 3
    f = filters_of(scope_db, "kepala-alpha", monkeypatch)
    csv, make_xlsx = cov.export_files(f, "households")
    # The file for people: Indonesian headers, ";" and decimal comma.
    table = pd.read_csv(io.BytesIO(csv), skiprows=1, sep=";", decimal=",", dtype={"Kode wilayah (Kemendagri)": str})
    assert table["Kode wilayah (Kemendagri)"].tolist() == [ALPHA]
    columns = ["Kerangka siklus (keluarga)", "Sudah diverivali (keluarga)", "Cakupan (%)"]
    assert table[columns].values.tolist() == [[4, 2, 50.0]]
    assert "Beta" not in csv.decode("utf-8-sig") and "Epsilon" not in csv.decode("utf-8-sig")
    sheet = openpyxl.load_workbook(io.BytesIO(make_xlsx())).active
    cells = [str(c) for row in sheet.iter_rows(values_only=True) for c in row if c is not None]
    assert "Alpha" in cells and "Beta" not in cells
    with duckdb.connect(str(scope_db), read_only=True) as con:
        whole, _ = coverage_report.build(con, REGION, "S1")
    assert len(whole) == 5, "the command line (the server admin's) stays unscoped"


def test_the_brief_of_alpha(scope_db, monkeypatch):
    f = filters_of(scope_db, "kepala-alpha", monkeypatch)
    reader = pypdf.PdfReader(io.BytesIO(cov.deferred_brief(f)()))
    text = "\n".join(page.extract_text() for page in reader.pages)
    assert "Beta" not in text and "Epsilon" not in text
    # Alpha's coverage as the headline; the 6T and PMKS sections count Alpha's rows only: its
    # one case of February, and no hot-spot test on one kelurahan.
    assert "50,0 %" in text
    assert "01/02/2026 s.d. 28/02/2026 1 1 40 40 100,0" in text
    assert "Uji titik panas memerlukan sedikitnya 8 kelurahan" in text
    with duckdb.connect(str(scope_db), read_only=True) as con:
        whole = "\n".join(
            p.extract_text() for p in pypdf.PdfReader(io.BytesIO(brief_report.brief_pdf(con, REGION))).pages
        )
    assert "Beta" in whole


def test_the_quality_list_of_alpha(scope_db, monkeypatch):
    f = filters_of(scope_db, "auditor-alpha", monkeypatch)
    csv = cov.masked_findings_csv(f)().decode("utf-8-sig")
    listed = pd.read_csv(io.StringIO(csv), sep=";", dtype=str)
    assert set(listed["Kode kelurahan/desa"]) == {ALPHA}
    at = run_as(scope_db, monkeypatch, "auditor-alpha", "app_pages/kelurahan.py", {"kelurahan": BETA})
    assert at.title[0].value == "Profile of Alpha"


def test_the_planner_of_alpha_has_no_enumerator(scope_db, monkeypatch):
    # p1's latest S1 result by the data date is h11's (2026-02-25), in Beta: nobody works in
    # Alpha now, so there is no productivity to plan with.
    at = run_as(scope_db, monkeypatch, "perencana-alpha", "app_pages/planner.py", {"kelurahan": BETA})
    assert at.number_input(key="planner_total").value == 0
    assert [e.value for e in at.error] == [
        "There are no ground-check results yet to measure the enumerators' productivity."
    ]


def test_the_planner_of_beta(scope_db, monkeypatch):
    at = run_as(scope_db, monkeypatch, "perencana-beta", "app_pages/planner.py", {"kelurahan": ALPHA})
    assert at.number_input(key="planner_total").value == 1
    tables = shown_names(at)
    assert "Beta" in tables and not any(n in tables for n in ("Alpha", "Gamma", "Delta", "Epsilon"))
    f = filters_of(scope_db, "perencana-beta", monkeypatch)
    plan = planner.plan(f, 1, planner.Constraints(), 0.0)
    assert plan.units["kode"].tolist() == [BETA]
    book = openpyxl.load_workbook(io.BytesIO(planner.workbook(f, plan, planner.Constraints(), 0.0, None, None)()))
    cells = [str(c) for ws in book.worksheets for row in ws.iter_rows(values_only=True) for c in row if c is not None]
    assert "Beta" in " ".join(cells) and not any(n in " ".join(cells) for n in ("Alpha", "Gamma", "Delta", "Epsilon"))
    with duckdb.connect(str(scope_db), read_only=True) as con:
        assert allocation_report.setup(con, REGION, "S1", TODAY).staff_count == 1
        assert allocation_report.setup(con, REGION, "S1", TODAY, scope_kelurahan=(ALPHA,)).staff_count == 0
