"""Pendataan campaigns: the settings reader, analytics.pendataan on tiny frames, the SQL and
reports.pendataan on the targeting seed (tests/seed_targeting.py, figures worked out there), the
import kind with its quarantine, the export command and the demo campaign."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import shutil

import duckdb
import numpy as np
import pandas as pd
import pytest

import queries
from analytics import pendataan
from reports import pendataan as report
from reports import settings
from tests.seed_targeting import CAMPAIGN_TOML, campaign_file, targeting_db  # noqa: F401
from warehouse import __main__ as cli
from warehouse import db
from warehouse.demo import pendataan as demo_pendataan
from warehouse.imports import agency

TODAY = dt.date(2026, 2, 28)
REGION = "99.71"
NAN = np.nan


@pytest.fixture
def campaign(tmp_path):
    path = tmp_path / "p.toml"
    path.write_text(CAMPAIGN_TOML, encoding="utf-8")
    (found,) = settings.pendataan_campaigns(path)
    return found


@pytest.fixture(scope="module")
def con(targeting_db):
    c = duckdb.connect(str(targeting_db), read_only=True)
    yield c
    c.close()


# --- settings -----------------------------------------------------------------------------


def test_the_campaign_settings_are_read_as_written(campaign):
    assert campaign == settings.Campaign(
        kode="UJI-1",
        nama="Pendataan uji",
        mulai=dt.date(2026, 2, 1),
        selesai=dt.date(2026, 3, 2),
        kategori=("yatim", "piatu", "yatim_piatu"),
        tingkat="kelurahan",
        targets=(("99.71.01.1001", 4), ("99.71.01.1002", 2), ("99.71.01.2003", 0)),
    )
    assert campaign.in_region("99.71") and not campaign.in_region("21.71")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('[kampanye.X]\nmulai = 2026-01-01\nselesai = 2026-02-01\nkategori = ["a"]', "nama is missing"),
        ('[kampanye.X]\nnama = "x"\nmulai = 2026-03-01\nselesai = 2026-02-01\nkategori = ["a"]', "before mulai"),
        ('[kampanye.X]\nnama = "x"\nmulai = 2026-01-01\nselesai = 2026-02-01\nkategori = []', "no category"),
        (
            '[kampanye.X]\nnama = "x"\nmulai = 2026-01-01\nselesai = 2026-02-01\nkategori = ["a"]\ntingkat = "rw"',
            "tingkat must be",
        ),
        (
            '[kampanye.X]\nnama = "x"\nmulai = 2026-01-01\nselesai = 2026-02-01\nkategori = ["a"]\n'
            '[kampanye.X.target]\n"21.71.01.1001" = 3',
            "not a kecamatan code",
        ),
        (
            '[kampanye.X]\nnama = "x"\nmulai = 2026-01-01\nselesai = 2026-02-01\nkategori = ["a"]\n'
            '[kampanye.X.target]\n"21.71.01" = -3',
            "whole number >= 0",
        ),
    ],
)
def test_bad_campaign_settings_name_the_file_and_campaign(tmp_path, text, message):
    path = tmp_path / "bad.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ValueError, match=message) as err:
        settings.pendataan_campaigns(path)
    assert 'bad.toml [kampanye."X"]' in str(err.value)


def test_the_shipped_settings_hold_the_demo_campaign():
    (shipped,) = settings.pendataan_campaigns()
    assert shipped.kode == demo_pendataan.CAMPAIGN and dict(shipped.targets) == demo_pendataan.TARGETS
    assert (shipped.mulai, shipped.selesai) == (
        demo_pendataan.START.astype(dt.date),
        demo_pendataan.END.astype(dt.date),
    )
    assert shipped.kategori == demo_pendataan.CATEGORIES and shipped.tingkat == "kecamatan"


# --- analytics.pendataan ------------------------------------------------------------------


def test_elapsed_share_counts_both_ends_and_stays_within_0_and_1():
    start, end = dt.date(2026, 2, 1), dt.date(2026, 3, 2)
    assert [
        pendataan.elapsed_share(start, end, d) for d in (dt.date(2026, 1, 31), start, TODAY, end, dt.date(2027, 1, 1))
    ] == [
        0.0,
        1 / 30,
        28 / 30,
        1.0,
        1.0,
    ]


def test_progress_against_targets_whole_output():
    units = pd.DataFrame({"kode": ["a", "b", "c", "d"], "records_count": [3, 2, 0, 1]})
    out = pendataan.progress(units, {"a": 4, "b": 2, "c": 0}, 28 / 30)
    expected = units.assign(
        target_count=[4.0, 2.0, 0.0, NAN],
        progress_rate=[0.75, 1.0, NAN, NAN],
        expected_count=[4.0, 2.0, 0.0, NAN],
        gap_count=[1, 0, 0, 0],
        lagging=[True, False, False, False],
    )
    pd.testing.assert_frame_equal(out, expected)
    assert pendataan.region_progress(out, 28 / 30).to_dict() == {
        "records_count": 6,
        "target_count": 6.0,
        "progress_rate": 1.0,
        "expected_count": 6.0,
        "gap_count": 0,
        "lagging_count": 1,
        "units_count": 4,
    }
    assert pendataan.lagging_units(out)["kode"].tolist() == ["a"]


def test_collector_output_and_cumulative_line():
    out = pendataan.collector_output(pd.DataFrame({"records_count": [3, 0], "days_active": [2, 0]}))
    assert out["records_per_day"].tolist()[0] == 1.5 and np.isnan(out["records_per_day"].iloc[1])
    daily = pd.DataFrame({"tanggal": [dt.date(2026, 2, 2), dt.date(2026, 2, 3)], "records_count": [2, 1]})
    line = pendataan.cumulative(daily, dt.date(2026, 2, 1), dt.date(2026, 2, 4), dt.date(2026, 2, 3), 8.0)
    assert line["records_count"].tolist() == [0, 2, 3]
    assert line["expected_count"].tolist() == [2.0, 4.0, 6.0]
    assert pendataan.cumulative(daily, dt.date(2026, 3, 1), dt.date(2026, 3, 4), TODAY, 8.0).empty


# --- SQL and the report on the targeting seed ---------------------------------------------


def test_campaign_progress_per_kelurahan(con, campaign):
    found = report.campaign_progress(con, REGION, campaign, TODAY)
    units = found.units
    assert units[["kode", "records_count", "collectors_count"]].values.tolist() == [
        ["99.71.01.1001", 3, 2],
        ["99.71.01.1002", 2, 1],
        ["99.71.01.2003", 0, 0],
        ["99.71.01.2004", 0, 0],
    ]
    assert units["gap_count"].tolist() == [1, 0, 0, 0] and units["lagging"].tolist() == [True, False, False, False]
    assert found.region[["records_count", "target_count", "expected_count", "gap_count", "lagging_count"]].tolist() == [
        5,
        6.0,
        6.0,
        1,
        1,
    ]
    assert found.lagging["kode"].tolist() == ["99.71.01.1001"]
    collectors = found.collectors
    assert collectors[
        ["nama_petugas", "records_count", "days_active", "kelurahan_count", "kecamatan"]
    ].values.tolist() == [
        ["Pendamping Dua", 3, 2, 2, "Kecamatan Satu"],
        ["Tono Satu", 2, 2, 1, "Kecamatan Satu"],
    ]
    assert collectors["records_per_day"].tolist() == [1.5, 1.0]
    assert found.daily["records_count"].iloc[-1] == 5 and len(found.daily) == 28


def test_campaign_progress_per_kecamatan_and_within_a_scope(con, campaign):
    per_kecamatan = settings.Campaign(**{**campaign.__dict__, "tingkat": "kecamatan", "targets": (("99.71.01", 10),)})
    found = report.campaign_progress(con, REGION, per_kecamatan, TODAY)
    assert found.units[
        ["kode", "nama", "records_count", "collectors_count", "target_count", "expected_count"]
    ].values.tolist() == [["99.71.01", "Kecamatan Satu", 5, 2, 10.0, 10.0]]
    scoped = report.campaign_progress(con, REGION, campaign, TODAY, scope_kelurahan=("99.71.01.1002",))
    assert scoped.units["kode"].tolist() == ["99.71.01.1002"]
    assert scoped.collectors["nama_petugas"].tolist() == ["Pendamping Dua"]
    assert scoped.collectors["records_count"].tolist() == [2]


def test_export_table_and_command(targeting_db, con, campaign, campaign_file, tmp_path):
    found = report.campaign_progress(con, REGION, campaign, TODAY)
    table = report.export_table(found.units, 5)
    assert table.columns.tolist() == list(report.COLUMNS)
    # Every count is below 5: suppressed, and with it the progress and gap it reveals.
    assert table["records_count"].tolist() == [None, None, 0, 0]
    assert table["progress_pct"].tolist()[:2] == [None, None]
    plain = report.export_table(found.units, 0)
    assert plain["progress_pct"].tolist()[:2] == [75.0, 100.0]
    out = tmp_path / "p.csv"
    assert (
        cli.main(
            [
                "export",
                "pendataan",
                "--db",
                str(targeting_db),
                "--out",
                str(out),
                "--lang",
                "en",
                "--suppress-below",
                "0",
                "--codes",
            ]
        )
        == 0
    )
    first, body = out.read_bytes().decode("utf-8-sig").split("\n", 1)
    (header,) = next(csv.reader([first]))
    assert header == (
        "Progress of the pendataan campaign Pendataan uji (UJI-1) per kelurahan: Kota Uji (99.71), window 2026-02-01 "
        "to 2026-03-02; data as of 2026-02-28; due = target x 93.3 % of the window elapsed; progress = records / target"
    )
    rows = pd.read_csv(io.StringIO(body), dtype={"kode": str})
    assert rows["records_count"].tolist() == [3, 2, 0, 0] and rows["lagging"].tolist() == [True, False, False, False]
    assert cli.main(["export", "pendataan", "--db", str(targeting_db), "--kampanye", "NONE", "--out", str(out)]) == 1


# --- the import ---------------------------------------------------------------------------

RECORDS = """KODE KAMPANYE,ID CATATAN,NAMA PETUGAS,PERAN,KELURAHAN,KODE KELURAHAN,TANGGAL,KATEGORI
UJI-1,n1,Sari Tiga,TKSK,,99.71.01.1001,05/02/2026,Yatim
uji-1,n2,Sari Tiga,tksk,Beta,,2026-02-06,piatu
UJI-9,n3,Sari Tiga,tksk,,99.71.01.1001,2026-02-06,yatim
UJI-1,n4,Sari Tiga,tksk,,99.71.01.1001,2026-01-20,yatim
UJI-1,n5,Sari Tiga,tksk,Tidak Ada,,2026-02-06,yatim
UJI-1,n1,Sari Tiga,tksk,,99.71.01.1001,2026-02-07,yatim
UJI-1,n7,Sari Tiga,tksk,,99.71.01.1001,2026-02-07,janda
UJI-1,n8,Sari Tiga,tksk,,99.71.01.1001,2026-03-01,yatim
UJI-1,n9,,tksk,,99.71.01.1001,2026-02-07,yatim
UJI-1,c1,Tono Satu,tksk,,99.71.01.1001,2026-02-02,yatim_piatu
"""


def test_the_import_loads_or_quarantines_every_record(targeting_db, campaign, tmp_path):
    path = tmp_path / "w.duckdb"
    shutil.copy(targeting_db, path)
    source = tmp_path / "pendataan.csv"
    source.write_text(RECORDS, encoding="utf-8")
    with db.atomic_update(path) as c:
        result = agency.import_file(c, "pendataan", source, today=TODAY, campaigns=(campaign,))
    assert (result.rows_read, result.rows_loaded, result.rows_quarantined) == (10, 3, 7)
    assert result.added == {"pendataan_catatan": 2}
    assert result.report[["alasan", "kolom", "first_row"]].values.tolist() == [
        ["campaign_unknown", "kode_kampanye", 3],
        ["outside_campaign", "tanggal", 4],
        ["kelurahan_unknown", "kelurahan", 5],
        ["duplicate_in_file", "id_catatan", 6],
        ["enum_unknown", "kategori", 7],
        ["date_out_of_range", "tanggal", 8],
        ["missing_value", "nama", 9],
    ]
    with duckdb.connect(str(path), read_only=True) as c:
        rows = c.execute(queries.load("tests/pendataan/imported_rows")).fetchall()
        quarantined = c.execute(queries.load("tests/pendataan/outside_campaign_data")).fetchall()
        analytics_rows = c.execute(queries.load("tests/pendataan/eksklusi_kelurahan_count")).fetchall()[0][0]
    assert rows == [
        ("c1", "UJI-1", "Tono Satu", "tksk", "99.71.01.1001", dt.date(2026, 2, 2), "yatim_piatu"),
        ("n1", "UJI-1", "Sari Tiga", "tksk", "99.71.01.1001", dt.date(2026, 2, 5), "yatim"),
        ("n2", "UJI-1", "Sari Tiga", "tksk", "99.71.01.1002", dt.date(2026, 2, 6), "piatu"),
    ]
    # The collector's name is masked in the quarantine, like any name.
    assert json.loads(quarantined[0][0])["nama"] == "S. T."
    assert analytics_rows == 9, "the import refreshed the analytics tables (3 kelurahan with households x 3)"


# --- the demo -----------------------------------------------------------------------------


def test_the_demo_campaign(demo_db):
    with duckdb.connect(str(demo_db), read_only=True) as c:
        (shipped,) = settings.pendataan_campaigns()
        found = report.campaign_progress(c, "21.71", shipped, dt.date(2026, 11, 20))
        faults = c.execute(queries.load("tests/pendataan/demo_quarantine_reasons")).fetchall()
        log = c.execute(queries.load("tests/pendataan/demo_pendataan_log")).fetchall()
    units = found.units.set_index("kode")
    assert len(units) == 12 and units["target_count"].sum() == 1930
    assert 1_200 <= found.region["records_count"] <= 1_550
    # The two island kecamatan and Sagulung lag, Batam Kota is ahead of the pace.
    assert {"21.71.05", "21.71.08", "21.71.11"} <= set(found.lagging["kode"]) and not units.loc["21.71.10", "lagging"]
    assert set(found.collectors["peran"]) == {"tksk", "pendamping_pkh"} and len(found.collectors) == 24
    assert [f for (f,) in faults] == ["outside_campaign", "kelurahan_unknown", "duplicate_in_file"]
    assert log == [("pendataan", found.region["records_count"] + 3, found.region["records_count"], 3)]


def test_an_operator_imports_only_the_records_of_their_kelurahan(targeting_db, campaign, tmp_path):
    path = tmp_path / "w.duckdb"
    shutil.copy(targeting_db, path)
    source = tmp_path / "pendataan.csv"
    source.write_text(RECORDS, encoding="utf-8")
    with db.atomic_update(path) as c:
        result = agency.import_file(
            c, "pendataan", source, today=TODAY, campaigns=(campaign,), scope_kelurahan=("99.71.01.1001",)
        )
    # n2, collected in Beta, is the one more row quarantined; n1 and c1 (Alpha) land.
    assert (result.rows_read, result.rows_loaded, result.rows_quarantined) == (10, 2, 8)
    assert result.added == {"pendataan_catatan": 1}
    assert result.report[["alasan", "kolom", "first_row"]].values.tolist()[0] == ["outside_scope", "kode_kelurahan", 2]
