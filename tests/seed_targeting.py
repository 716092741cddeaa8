"""The 6T seed (tests/seed_six_t.py) plus what the targeting tests need, in a file of its own so
that the 6T figures stay as they are. Same kota (99.71), data date 2026-02-28.

Eksklusi. The latest closed tahap are PKH 2025-T4 (2025-10-01..12-31) and BPNT 2026-02
(02-01..02-28; 2026-T1 ends 03-31, after the data date). Added: h26 was ranked desil 8 on
2025-01-01 and desil 1 on 2026-01-15 (so desil 8 when PKH 2025-T4 began, 1 when BPNT 2026-02
began); t1 pays h21 (desil 7, Alpha) Rp 750.000 in PKH 2025-T4, t2 pays h10 (desil 6, Beta)
Rp 200.000 in BPNT 2026-02. h11 moved (found 2026-02-25), after both tahap began: eligible.
h12 died (no verivali: on every date): never in the frame.

By hand (eligible = desil 1-4 and in the frame; excluded = eligible and not paid):

    kelurahan  programme  eligible                       paid            excluded  recipients  included  rupiah
    Alpha      PKH        h1 h2 h3 h4 h20 (h26 desil 8)  h21             5         1           1         750.000
    Alpha      BPNT       h1 h2 h3 h4 h20 h26            -               6         0           0         0
    Alpha      all        6                              h21             6         1           1         750.000
    Beta       PKH        h5 h6 h7 h8 h11 h22 h24        h24             6         1           0         0
    Beta       BPNT       the same 7                     h5, h10         6         2           1         200.000
    Beta       all        7                              h5 h10 h24      5         3           1         200.000
    Delta      each       h13                            -               1         0           0         0

Region, all programmes: 14 eligible, 12 excluded (rate 6/7), 4 recipients, 2 included (rate 1/2),
Rp 950.000. Beta's follow-up list: h6, h7, h8, h11, h22.

Pendataan. Campaign UJI-1 (:data:`CAMPAIGN_TOML`, 2026-02-01..03-02, 30 days, targets per
kelurahan: Alpha 4, Beta 2, Gamma 0, Delta none; on the data date 28 of 30 days have passed):

    record  collector                       kelurahan  date
    c1      T1 Tono Satu (tksk)             Alpha      2026-02-02
    c2      T1 Tono Satu (tksk)             Alpha      2026-02-03
    c3      Pendamping Dua (no id, PKH)     Alpha      2026-02-10
    c4      Pendamping Dua                  Beta       2026-02-10
    c5      Pendamping Dua                  Beta       2026-02-20
    c6      T1 Tono Satu                    Delta      2026-03-01 (after the data date: not counted)

Due: ceil(4 x 28/30) = 4 in Alpha (3 records: lagging, gap 1), ceil(2 x 28/30) = 2 in Beta (2:
on pace), 0 in Gamma; region 5 of 6, due 6. Collectors: Pendamping Dua 3 records on 2 days in
2 kelurahan, T1 2 records on 2 days.
"""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

import queries
from tests.seed_six_t import build_six_t_seed
from warehouse import db

STATEMENTS = [
    queries.load("tests/seed_targeting/verivali"),
    queries.load("tests/seed_targeting/bansos_penyaluran"),
    queries.load("tests/seed_targeting/pendataan_catatan"),
]

CAMPAIGN_TOML = """
[kampanye."UJI-1"]
nama = "Pendataan uji"
mulai = 2026-02-01
selesai = 2026-03-02
kategori = ["yatim", "piatu", "yatim_piatu"]
tingkat = "kelurahan"

[kampanye."UJI-1".target]
"99.71.01.1001" = 4
"99.71.01.1002" = 2
"99.71.01.2003" = 0
"""


def build_targeting_seed(path) -> None:
    """Write the 6T seed plus the targeting rows to ``path`` (replacing it), analytics refreshed."""
    build_six_t_seed(path)
    con = duckdb.connect(str(path))
    try:
        con.execute("begin transaction")
        db.create_schema(con)
        for statement in STATEMENTS:
            con.execute(statement)
        db.refresh_analytics(con)
        con.execute("commit")
    finally:
        con.close()


@pytest.fixture
def campaign_file(tmp_path, monkeypatch) -> Path:
    """config/pendataan.toml replaced by :data:`CAMPAIGN_TOML` for the test."""
    from reports import settings

    path = tmp_path / "pendataan.toml"
    path.write_text(CAMPAIGN_TOML, encoding="utf-8")
    monkeypatch.setattr(settings, "PENDATAAN_FILE", path)
    return path


@pytest.fixture(scope="session")
def targeting_db(tmp_path_factory) -> Path:
    """The targeting seed warehouse, built once per test session (read it, do not write to it)."""
    path = tmp_path_factory.mktemp("targeting_seed") / "targeting.duckdb"
    build_targeting_seed(path)
    return path
