"""``python -m warehouse export six-t`` (reports/six_t.py) on the 6T seed."""

import io
import re

import openpyxl
import pandas as pd
import pytest

from reports import six_t as six_t_report
from tests.seed_six_t import NIKS, six_t_db  # noqa: F401
from warehouse import __main__ as cli


def export(six_t_db, tmp_path, *args) -> tuple[int, str, bytes]:
    out = tmp_path / "out.bin"
    code = cli.main(["export", "six-t", "--codes", "--db", str(six_t_db), "--out", str(out), *args])
    return code, out.name, out.read_bytes() if out.exists() else b""


def read_csv(blob: bytes) -> tuple[str, pd.DataFrame]:
    text = blob.decode("utf-8-sig")
    header, _, body = text.partition("\n")
    return header, pd.read_csv(io.StringIO(body), dtype={"kode": str, "kode_kecamatan": str})


def test_csv_per_kelurahan(six_t_db, tmp_path, capsys):
    code, _, blob = export(six_t_db, tmp_path, "--format", "csv")
    assert code == 0
    header, table = read_csv(blob)
    assert "Kota Uji (99.71)" in header and "data per 2026-02-28" in header and "program semua" in header
    assert table["kode"].tolist() == ["99.71.01.1001", "99.71.01.1002", "99.71.01.2003", "99.71.01.2004"]
    assert table["distributions_count"].tolist() == [6, 4, 0, 0]
    assert table["compliant_pct"].tolist()[:2] == [33.3, 0.0]
    assert table["sasaran_pct"].tolist()[:2] == [66.7, 75.0]
    assert table["harga_pct"].tolist()[:2] == [100.0, 50.0]
    assert table["at_risk_rupiah"].tolist() == [1_550_000, 750_000, 0, 0]
    assert table.loc[2, ["sasaran_pct", "compliant_pct"]].isna().all(), "no distribution: no rate, not 0"
    assert "4 kelurahan written to" in capsys.readouterr().out


def test_filters_and_english_header(six_t_db, tmp_path):
    code, _, blob = export(
        six_t_db, tmp_path, "--program", "PKH", "--tahap", "2026-T1", "--kanal", "bank", "--lang", "en"
    )
    assert code == 0
    header, table = read_csv(blob)
    assert "programme PKH, tahap 2026-T1, channel bank" in header
    assert table["distributions_count"].tolist() == [4, 0, 0, 0]
    assert table.loc[0, "sasaran_met_count"] == 2
    assert pd.isna(table.loc[0, "kualitas_pct"]), "cash: kualitas not applicable"


def test_xlsx(six_t_db, tmp_path):
    code, _, blob = export(six_t_db, tmp_path, "--format", "xlsx")
    assert code == 0
    sheet = openpyxl.load_workbook(io.BytesIO(blob))["6t_kelurahan"]
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][0].startswith("Kepatuhan 6T") and rows[1][0] == "kode"
    assert rows[2][rows[1].index("at_risk_rupiah")] == 1_550_000


def test_settings_file_option_changes_the_export(six_t_db, tmp_path):
    settings = tmp_path / "six_t.toml"
    settings.write_text("[waktu]\ntoleransi_hari = 7\n", encoding="utf-8")
    _, _, before = export(six_t_db, tmp_path)
    code, _, after = export(six_t_db, tmp_path, "--settings", str(settings))
    assert code == 0
    (h0, t0), (h1, t1) = read_csv(before), read_csv(after)
    # Beta's p5 is in PKH 2026-T1, still open on the data date: p4 late, b2 and b4 on time.
    assert t0.loc[1, "waktu_pct"] == 66.7 and t1.loc[1, "waktu_pct"] == 100.0
    assert "sesuai program" in h0 and "7 hari" in h1


def test_no_personal_numbers_in_the_export(six_t_db, tmp_path):
    for fmt in ("csv", "xlsx"):
        _, _, blob = export(six_t_db, tmp_path, "--format", fmt)
        text = (
            blob.decode("utf-8-sig")
            if fmt == "csv"
            else " ".join(
                str(v)
                for row in openpyxl.load_workbook(io.BytesIO(blob)).active.iter_rows(values_only=True)
                for v in row
            )
        )
        assert not re.search(r"(?<!\d)\d{16}(?!\d)", text)
        assert not any(n in text for n in NIKS.values())


def test_errors(six_t_db, tmp_path, capsys):
    assert cli.main(["export", "six-t", "--codes", "--db", str(tmp_path / "none.duckdb")]) == 1
    assert "no warehouse" in capsys.readouterr().err
    code, _, _ = export(six_t_db, tmp_path, "--wilayah", "21.71")
    assert code == 1 and "not in the warehouse" in capsys.readouterr().err
    code, _, _ = export(six_t_db, tmp_path, "--program", "BLT")
    assert code == 1 and "programme 'BLT' has no distributions in 99.71" in capsys.readouterr().err
    code, _, _ = export(six_t_db, tmp_path, "--program", "PKH", "--tahap", "2026-01")
    assert code == 1 and "tahap '2026-01' has no distributions in 99.71 for PKH" in capsys.readouterr().err
    bad = tmp_path / "bad.toml"
    bad.write_text("[jumlah]\ntoleransi_rupiah = -5\n", encoding="utf-8")
    code, _, _ = export(six_t_db, tmp_path, "--settings", str(bad))
    assert code == 1 and "toleransi_rupiah" in capsys.readouterr().err
    with pytest.raises(ValueError):
        six_t_report.kelurahan_file(pd.DataFrame(), "h", "pdf")
