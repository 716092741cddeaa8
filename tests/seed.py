"""A tiny hand-checkable warehouse: one fictional kota (99.71) with four units.

Units (kecamatan 99.71.01), data date 2026-02-28, current cycle S1 (2026-01-01..2026-03-31):
- A 99.71.01.1001 kelurahan, box 0.01 deg: households h1-h4 active; h1 updated 2026-01-10,
  h2 updated 2026-02-20, h3 only proposed (no result), h4 only updated in the old cycle S0.
  Members: h1 two (one padan), h2 one (padan).
- B 99.71.01.1002 kelurahan, box 0.01 deg: h5-h10 active, h11 moved (found so on 2026-02-25,
  cycle S1), h12 died long ago (no S1 result: outside the frame). h5 updated 2026-01-05;
  h6 updated 2026-03-05, after the data date. Members: h5 one (padan), h6 one (tidak_padan),
  h11 one (moved).
- C 99.71.01.2003 desa, box 0.01 deg: no households.
- D 99.71.01.2004 desa, no polygon: h13 active, never visited.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import shapely

import queries
from warehouse import db

TODAY = dt.date(2026, 2, 28)
REGION = "99.71"

_BOXES = {
    "99.71.01.1001": shapely.box(100.00, 0.00, 100.01, 0.01),
    "99.71.01.1002": shapely.box(100.01, 0.00, 100.02, 0.01),
    "99.71.01.2003": shapely.box(100.00, 0.01, 100.01, 0.02),
}

# The seed's rows, one insert per file, run in file-name order.
SEED_SQL = sorted(f"tests/seed/{p.stem}" for p in (queries.QUERY_DIR / "tests" / "seed").glob("[0-9]*.sql"))


def build_seed(path) -> None:
    """Write the seed warehouse to ``path`` (replacing it)."""
    with db.atomic_build(path) as con:
        for name in SEED_SQL:
            con.execute(queries.load(name))
        for kode, geom in _BOXES.items():
            con.execute(queries.load("tests/seed/shape"), {"g": shapely.to_wkb(geom), "k": kode})
        # As every write does: the analytics tables of queries/analytics summarise these rows.
        db.refresh_analytics(con)


@pytest.fixture(scope="session")
def seed_db(tmp_path_factory) -> Path:
    """The seed warehouse, built once per test session (read it, do not write to it)."""
    path = tmp_path_factory.mktemp("seed") / "seed.duckdb"
    build_seed(path)
    return path
