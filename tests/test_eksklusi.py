"""Exclusion and inclusion errors of bansos targeting: analytics.targeting on tiny frames, the SQL
(the eksklusi_keluarga macro through the analytics tables) and reports.eksklusi on the targeting
seed (tests/seed_targeting.py, figures worked out by hand there), and the export command."""

from __future__ import annotations

import csv
import datetime as dt
import io

import duckdb
import numpy as np
import pandas as pd
import pytest

import queries
from analytics import targeting
from reports import eksklusi
from reports import six_t as six_t_report
from reports.brief_figures import closed_tahap
from tests.seed_targeting import targeting_db  # noqa: F401
from warehouse import __main__ as cli

TODAY = dt.date(2026, 2, 28)
REGION = "99.71"
NAN = np.nan


@pytest.fixture(scope="module")
def con(targeting_db):
    c = duckdb.connect(str(targeting_db), read_only=True)
    yield c
    c.close()


# --- analytics.targeting ------------------------------------------------------------------


def test_error_rates_divide_by_the_frame_and_leave_empty_denominators_empty():
    units = pd.DataFrame(
        {"eligible_count": [4, 0], "excluded_count": [1, 0], "recipients_count": [8, 0], "included_count": [2, 0]}
    )
    out = targeting.error_rates(units)
    pd.testing.assert_frame_equal(
        out,
        units.assign(excluded_rate=[0.25, NAN], included_rate=[0.25, NAN]),
    )


def test_region_totals_sum_each_programme_and_keep_the_all_programmes_row():
    units = pd.DataFrame(
        {
            "kode": ["a", "b", "a", "b"],
            "kode_program": [None, None, "PKH", "PKH"],
            "tahap": [None, None, "T1", "T1"],
            "eligible_count": [3, 1, 2, 1],
            "excluded_count": [2, 1, 1, 1],
            "recipients_count": [2, 0, 2, 0],
            "included_count": [1, 0, 0, 0],
            "included_rupiah": [100, 0, 0, 0],
        }
    )
    out = targeting.region_totals(units)
    expected = pd.DataFrame(
        {
            "kode_program": pd.Series([None, "PKH"], dtype=object),
            "tahap": pd.Series([None, "T1"], dtype=object),
            "eligible_count": [4, 3],
            "excluded_count": [3, 2],
            "recipients_count": [2, 2],
            "included_count": [1, 0],
            "included_rupiah": [100, 0],
            "excluded_rate": [0.75, 2 / 3],
            "included_rate": [0.5, 0.0],
        }
    )
    pd.testing.assert_frame_equal(out, expected)


def test_follow_up_list_masks_numbers_and_turns_names_into_initials():
    rows = pd.DataFrame(
        {"no_kk": ["9971010101260006", None], "nik": ["9971010101750005", None], "nama": ["Siti Nur Aisyah", None]}
    )
    assert targeting.follow_up_list(rows).to_dict("list") == {
        "no_kk": ["************0006", None],
        "nik": ["************0005", None],
        "nama": ["S. N. A.", None],
    }


def test_suppress_small_counts_hides_what_reveals_them_and_keeps_zeros():
    table = pd.DataFrame({"n": [0, 3, 5], "pct": [0.0, 30.0, 50.0], "other": [1, 2, 3]})
    out = targeting.suppress_small_counts(table, 5, {"n": ("pct",)})
    assert out.to_dict("list") == {"n": [0, None, 5], "pct": [0.0, None, 50.0], "other": [1, 2, 3]}
    pd.testing.assert_frame_equal(targeting.suppress_small_counts(table, 0, {"n": ("pct",)}), table)


# --- SQL on the targeting seed ------------------------------------------------------------


def units_of(con, **params):
    return queries.run(con, "eksklusi_units", kode_region=REGION, scope_kelurahan=None, **params)


def test_units_whole_output(con):
    out = units_of(con)
    counts = ["eligible_count", "excluded_count", "recipients_count", "included_count", "included_rupiah"]
    got = out[["kode", "kode_program", "tahap", *counts]].astype({c: "int64" for c in counts})
    kel = ["99.71.01.1001", "99.71.01.1002", "99.71.01.2003", "99.71.01.2004"]
    expected = pd.DataFrame(
        {
            "kode": kel * 3,
            "kode_program": [None] * 4 + ["BPNT"] * 4 + ["PKH"] * 4,
            "tahap": [None] * 4 + ["2026-02"] * 4 + ["2025-T4"] * 4,
            "eligible_count": [6, 7, 0, 1, 6, 7, 0, 1, 5, 7, 0, 1],
            "excluded_count": [6, 5, 0, 1, 6, 6, 0, 1, 5, 6, 0, 1],
            "recipients_count": [1, 3, 0, 0, 0, 2, 0, 0, 1, 1, 0, 0],
            "included_count": [1, 1, 0, 0, 0, 1, 0, 0, 1, 0, 0, 0],
            "included_rupiah": [750_000, 200_000, 0, 0, 0, 200_000, 0, 0, 750_000, 0, 0, 0],
        }
    )
    pd.testing.assert_frame_equal(got, expected, check_dtype=False)


def test_units_bind_the_users_scope(con):
    out = queries.run(con, "eksklusi_units", kode_region=REGION, scope_kelurahan=["99.71.01.1002"])
    assert out["kode"].unique().tolist() == ["99.71.01.1002"]
    assert queries.run(con, "eksklusi_units", kode_region="21.71", scope_kelurahan=None).empty


def test_the_tahap_are_the_latest_closed_ones_the_6t_report_picks(con):
    found = eksklusi.errors(con, REGION, TODAY)
    picked = closed_tahap(six_t_report.tahap_list(con, REGION), TODAY)
    assert found.tahaps[["kode_program", "tahap"]].values.tolist() == [["BPNT", "2026-02"], ["PKH", "2025-T4"]]
    assert sorted(zip(picked["kode_program"], picked["tahap"])) == [("BPNT", "2026-02"), ("PKH", "2025-T4")]
    in_table = found.units.dropna(subset=["kode_program"])[["kode_program", "tahap"]].drop_duplicates()
    assert sorted(map(tuple, in_table.values.tolist())) == [("BPNT", "2026-02"), ("PKH", "2025-T4")]


def test_region_totals_of_the_seed(con):
    found = eksklusi.errors(con, REGION, TODAY)
    total = found.total(None)
    assert total[
        ["eligible_count", "excluded_count", "recipients_count", "included_count", "included_rupiah"]
    ].tolist() == [
        14,
        12,
        4,
        2,
        950_000,
    ]
    assert total["excluded_rate"] == pytest.approx(6 / 7) and total["included_rate"] == 0.5
    assert found.total("PKH")["excluded_count"] == 12 and found.total("KIS") is None


def test_follow_up_list_of_beta_is_masked(con):
    rows = eksklusi.follow_up(con, REGION, "99.71.01.1002")
    assert rows["id_dtks"].tolist() == ["h11", "h22", "h6", "h7", "h8"]
    assert rows[["nik", "no_kk", "nama", "desil", "programmes"]].values.tolist() == [
        # h11 moved after both tahap began: excluded then; its only member is no longer active.
        [None, "************0011", None, 1, "BPNT, PKH"],
        ["************0022", "************0022", "R. D. D.", 3, "BPNT, PKH"],
        ["************0005", "************0006", "U. L.", 2, "BPNT, PKH"],
        [None, "************0007", None, 3, "BPNT, PKH"],
        [None, "************0008", None, 4, "BPNT, PKH"],
    ]
    assert len(eksklusi.follow_up(con, REGION, None)) == 12
    assert eksklusi.follow_up(con, REGION, "99.71.01.1002", scope_kelurahan=("99.71.01.1001",)).empty


# --- the export ---------------------------------------------------------------------------


def test_export_table_suppresses_small_household_counts(con):
    found = eksklusi.errors(con, REGION, TODAY)
    table = eksklusi.export_table(found.of(None), 5)
    assert table.columns.tolist() == list(eksklusi.COLUMNS)
    assert table["excluded_count"].tolist() == [6, 5, 0, None]
    # Gamma has no desil 1-4 household (no rate); Delta's one excluded household is hidden.
    assert table["excluded_pct"].iloc[[0, 1, 3]].tolist() == [100.0, 71.4, None]
    assert pd.isna(table["excluded_pct"].iloc[2])
    assert table["included_count"].tolist() == [None, None, 0, 0]
    assert table["included_rupiah"].tolist() == [None, None, 0, 0]
    shown = eksklusi.export_table(found.of(None), 0)
    assert shown["included_rupiah"].tolist() == [750_000, 200_000, 0, 0]
    assert shown["included_pct"].tolist()[:2] == [100.0, 33.3]


def test_export_command_writes_csv_with_a_header(targeting_db, tmp_path, capsys):
    out = tmp_path / "e.csv"
    code = cli.main(
        [
            "export",
            "eksklusi",
            "--db",
            str(targeting_db),
            "--format",
            "csv",
            "--out",
            str(out),
            "--lang",
            "en",
            "--codes",
        ]
    )
    assert code == 0
    text = out.read_bytes().decode("utf-8-sig")
    first, body = text.split("\n", 1)
    (header,) = next(csv.reader([first]))
    assert header.startswith("Bansos targeting errors per kelurahan")
    assert (
        "Kota Uji (99.71), all programmes, latest closed tahap BPNT 2026-02, PKH 2025-T4; data as of 2026-02-28"
        in header
    )
    assert header.rstrip().endswith("household counts below 5 hidden")
    table = pd.read_csv(io.StringIO(body), dtype={"kode": str})
    assert table["kode"].tolist() == ["99.71.01.1001", "99.71.01.1002", "99.71.01.2003", "99.71.01.2004"]
    assert table["eligible_count"].tolist() == [6, 7, 0, 1]
    code = cli.main(["export", "eksklusi", "--db", str(targeting_db), "--program", "KIS", "--out", str(out)])
    assert code == 1 and "KIS" in capsys.readouterr().err
    xlsx = tmp_path / "e.xlsx"
    assert (
        cli.main(
            [
                "export",
                "eksklusi",
                "--db",
                str(targeting_db),
                "--format",
                "xlsx",
                "--program",
                "PKH",
                "--out",
                str(xlsx),
            ]
        )
        == 0
    )
    # The default file is for people: Indonesian headers with units.
    sheet = pd.read_excel(xlsx, header=1)
    excluded = sheet["Desil 1-4 tanpa bansos (keluarga)"]
    assert excluded.iloc[:3].tolist() == [5, 6, 0] and pd.isna(excluded.iloc[3])
