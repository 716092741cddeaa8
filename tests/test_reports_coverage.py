import csv
import datetime as dt
import io

import openpyxl
import pandas as pd
import pytest

from reports import coverage as coverage_report
from reports import settings
from tests.hostile_seed import FORMULA_NAMES, formula_db  # noqa: F401
from tests.seed import seed_db  # noqa: F401
from warehouse import __main__ as cli
from warehouse import db


def read_csv(path):
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf"), "byte-order mark for Excel"
    return list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))


def test_csv_export_on_seed(seed_db, tmp_path, capsys):
    out = tmp_path / "c.csv"
    assert cli.main(["export", "coverage", "--codes", "--db", str(seed_db), "--out", str(out)]) == 0
    assert str(out) in capsys.readouterr().out
    rows = read_csv(out)
    assert rows[0] == [
        "Cakupan pemutakhiran DTKS per kelurahan: Kota Uji (99.71), siklus S1 (Siklus uji), "
        "data per 2026-02-28, dihitung dalam keluarga; target hari ini 65.2 %; selesai dengan laju "
        "kota saat ini 2026-06-26; selesai kelurahan terakhir dengan lajunya sendiri (penempatan hari "
        "ini) tidak pernah, 1 kelurahan tidak pernah selesai (laju nol, kolom never_finishes); jumlah "
        "hasil tidak ditemukan/pindah/meninggal/duplikat di bawah 5 disembunyikan"
    ]
    header = rows[1]
    assert header[:4] == ["kode", "kelurahan", "kode_kecamatan", "kecamatan"]
    table = [dict(zip(header, r)) for r in rows[2:]]
    assert [r["kode"] for r in table] == ["99.71.01.1001", "99.71.01.1002", "99.71.01.2003", "99.71.01.2004"]
    beta = table[1]
    assert beta["households_count"] == "7" and beta["updated_households_count"] == "2"
    assert beta["coverage_pct"] == "28.6" and beta["backlog_count"] == "5"
    # Pace 1 / 18 working days (28 days less weekends and Imlek), 5 left: 90 working days.
    assert beta["projected_finish"] == "2026-07-22"
    # Beta's one moved household is hidden, and so is its diperbarui count (else 2 - 1 = 1
    # would give it back); Alpha's two plain updates stay.
    assert beta["pindah_count"] == "" and beta["diperbarui_count"] == "" and beta["meninggal_count"] == "0"
    assert table[0]["diperbarui_count"] == "2"
    # Straight-line target 58/89 = 65.2 % on 2026-02-28; the region is at 33.3 %.
    assert beta["target_pct"] == "65.2" and beta["lagging"] == "True"
    assert table[0]["behind_region"] == "False" and table[0]["behind_target"] == "True"
    assert table[3]["projected_finish"] == "", "zero pace: no finish date"
    # Delta (backlog 2, no update in 28 days) keeps the region from finishing: the header's
    # "never" and its count come from this column; Gamma has no backlog.
    assert [r["never_finishes"] for r in table] == ["False", "False", "False", "True"]
    assert table[2]["coverage_pct"] == "", "no households: no coverage"


def test_xlsx_export_in_members_and_english(seed_db, tmp_path):
    out = tmp_path / "c.xlsx"
    code = cli.main(
        [
            "export",
            "coverage",
            "--codes",
            "--db",
            str(seed_db),
            "--out",
            str(out),
            "--format",
            "xlsx",
            "--unit",
            "members",
            "--lang",
            "en",
            "--siklus",
            "S1",
            "--wilayah",
            "99.71",
        ]
    )
    assert code == 0
    sheet = openpyxl.load_workbook(out)["cakupan"]
    assert sheet["A1"].value.startswith("DTKS update coverage per kelurahan: Kota Uji (99.71), cycle S1")
    assert "counted in members" in sheet["A1"].value
    header = [c.value for c in sheet[2]]
    alpha = dict(zip(header, [c.value for c in sheet[3]]))
    assert alpha["kode"] == "99.71.01.1001" and alpha["coverage_pct"] == pytest.approx(100.0)
    assert sheet.max_row == 2 + 4


def test_unknown_cycle_and_missing_warehouse(seed_db, tmp_path, capsys):
    assert (
        cli.main(
            ["export", "coverage", "--codes", "--db", str(seed_db), "--siklus", "S9", "--out", str(tmp_path / "x.csv")]
        )
        == 1
    )
    assert "S9" in capsys.readouterr().err
    assert cli.main(["export", "coverage", "--codes", "--db", str(tmp_path / "none.duckdb")]) == 1
    assert not (tmp_path / "x.csv").exists()


def test_configured_target_changes_the_flags(seed_db, tmp_path):
    targets = tmp_path / "t.toml"
    targets.write_text('[targets.S1]\npoints = [["2026-02-28", 0.25]]\n')
    con = db.connect(seed_db, read_only=True)
    try:
        table, header = coverage_report.build(con, "99.71", "S1", targets=targets)
    finally:
        con.close()
    assert "25.0 %" in header
    assert table["behind_target"].tolist() == [False, False, False, True]
    with pytest.raises(ValueError):
        coverage_report.coverage_file(table, header, "pdf")


def test_suppression_can_be_turned_off(seed_db, tmp_path):
    out = tmp_path / "all.csv"
    args = ["export", "coverage", "--codes", "--db", str(seed_db), "--out", str(out), "--suppress-below", "0"]
    assert cli.main(args) == 0
    rows = read_csv(out)
    assert rows[0][0].endswith("(laju nol, kolom never_finishes)"), "nothing said suppressed"
    beta = dict(zip(rows[1], rows[3]))
    assert beta["pindah_count"] == "1" and beta["diperbarui_count"] == "1"


def test_suppress_small_counts():
    table = pd.DataFrame(
        {
            "updated_households_count": [10, 10, 0],
            "diperbarui_count": [5, 8, 0],
            "tidak_ditemukan_count": [3, 0, 0],
            "pindah_count": [2, 0, 0],
            "meninggal_count": [0, 2, 0],
            "duplikat_count": [0, 0, 0],
        }
    )
    out = coverage_report.suppress_small_counts(table, threshold=3)
    assert out.to_dict("list") == {
        "updated_households_count": [10, 10, 0],
        "diperbarui_count": [None, None, 0],
        "tidak_ditemukan_count": [3, 0, 0],
        "pindah_count": [None, 0, 0],
        "meninggal_count": [0, None, 0],
        "duplikat_count": [0, 0, 0],
    }
    assert coverage_report.suppress_small_counts(table, threshold=0).equals(table)


def test_formula_names_stay_text_in_both_formats(formula_db, tmp_path):
    csv_out, xlsx_out = tmp_path / "c.csv", tmp_path / "c.xlsx"
    for out in (csv_out, xlsx_out):
        args = ["export", "coverage", "--codes", "--db", str(formula_db), "--out", str(out), "--format", out.suffix[1:]]
        assert cli.main([*args, "--suppress-below", "0"]) == 0
    rows = read_csv(csv_out)
    names = [dict(zip(rows[1], r))["kelurahan"] for r in rows[2:]]
    assert names == ["'" + n for n in FORMULA_NAMES]
    sheet = openpyxl.load_workbook(xlsx_out)["cakupan"]
    cells = [c for row in sheet.iter_rows() for c in row]
    assert not [c.coordinate for c in cells if c.data_type == "f"]
    assert [c.value for c in sheet["B"][2:]] == FORMULA_NAMES, "shown literally"
    assert all(c.data_type == "s" and c.quotePrefix for c in sheet["B"][2:])
    # Counts stay numbers next to them.
    assert [c.value for c in sheet["E"][2:]] == [4, 7, 0, 1] and sheet["E3"].data_type == "n"


def test_one_suppression_threshold_from_the_settings(tmp_path):
    assert settings.suppress_below() == 5, "config/privacy.toml"
    assert settings.suppress_below(tmp_path / "missing.toml") == 5
    path = tmp_path / "privacy.toml"
    path.write_text("[suppress]\nsuppress_below = 10\n")
    assert settings.suppress_below(path) == 10
    path.write_text("[suppress]\nsuppress_below = -1\n")
    with pytest.raises(ValueError, match=r"privacy.toml \[suppress\].suppress_below must be a whole number"):
        settings.suppress_below(path)


def test_profile_breakdown_hides_what_the_export_hides(seed_db):
    con = db.connect(seed_db, read_only=True)
    try:
        beta = coverage_report.profiles(con, "99.71", "S1", dt.date(2026, 2, 28)).profile("99.71.01.1002")
    finally:
        con.close()
    assert beta.suppress_below == 5
    rows = beta.results.set_index("hasil")
    # Beta: 2 updated households, one diperbarui and one pindah. The pindah (1 < 5) is hidden,
    # and diperbarui with it (2 - 1 would give it back), as in the export's row; zeros stay.
    assert rows["suppressed"].to_dict() == {
        "diperbarui": True,
        "tidak_ditemukan": False,
        "pindah": True,
        "meninggal": False,
        "duplikat": False,
    }
    assert rows["households_count"].isna().tolist() == [True, False, True, False, False]
    assert rows.loc["meninggal", "households_count"] == 0
    assert rows.loc[["diperbarui", "pindah"], "share_rate"].isna().all()
