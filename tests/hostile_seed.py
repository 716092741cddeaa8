"""The seed warehouse (tests/seed.py) with hostile names: spreadsheet formulas for the exports,
HTML and Markdown for the pages and maps (issue 17, points 2 and 3)."""

from __future__ import annotations

import pytest

import queries
from tests.seed import build_seed
from warehouse import db

# Alpha, Beta, Gamma, Delta of the seed, in code order.
FORMULA_NAMES = ['=HYPERLINK("http://x","klik")', "+1+1", "-2+3", "@SUM(A1)"]
IMG = "<img src=x onerror=alert(1)>"
LINK = "[klik](http://x)"
MARKUP = {
    "99.71": f"Kota {IMG}",
    "99.71.01": f"Kecamatan {LINK}",
    "99.71.01.1001": IMG,
    "99.71.01.1002": LINK,
    "99.71.01.2003": "<b>Gamma</b>",
    "99.71.01.2004": "<script>alert(2)</script>",
}
ENUMERATOR = "<img src=y onerror=alert(3)> [Petugas](http://y)"


def build_hostile_seed(path, names: dict[str, str], enumerator: str | None = None) -> None:
    """The seed at ``path`` with the wilayah of ``names`` (kode -> nama) renamed, and the
    enumerator p1 renamed to ``enumerator`` when given."""
    build_seed(path)
    con = db.connect(path)
    try:
        for kode, nama in names.items():
            con.execute(queries.load("tests/seed/rename_unit"), {"nama": nama, "kode": kode})
        if enumerator is not None:
            con.execute(queries.load("tests/seed/rename_enumerator"), {"nama": enumerator})
    finally:
        con.close()


@pytest.fixture(scope="session")
def formula_db(tmp_path_factory):
    """The seed whose four kelurahan are named like spreadsheet formulas."""
    path = tmp_path_factory.mktemp("formula") / "formula.duckdb"
    codes = ["99.71.01.1001", "99.71.01.1002", "99.71.01.2003", "99.71.01.2004"]
    build_hostile_seed(path, dict(zip(codes, FORMULA_NAMES)))
    return path


@pytest.fixture(scope="session")
def markup_db(tmp_path_factory):
    """The seed whose region, kecamatan, kelurahan and enumerator carry HTML and Markdown."""
    path = tmp_path_factory.mktemp("markup") / "markup.duckdb"
    build_hostile_seed(path, MARKUP, ENUMERATOR)
    return path
