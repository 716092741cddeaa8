"""warehouse.imports.boundaries: boundary and code-list imports, one transaction each, and the CLI."""

from __future__ import annotations

import os
import re
from pathlib import Path

import geopandas as gpd
import pytest
import shapely

import queries
from geodata.boundaries import BoundaryError
from geodata.messages import texts
from warehouse import db
from warehouse.__main__ import main
from warehouse.imports import boundaries as wb

# Beside the checkout (/work/main -> /work/shared); PETA_KESOS_REFERENCE for a checkout elsewhere.
REFERENCE = Path(os.environ.get("PETA_KESOS_REFERENCE", Path(__file__).resolve().parents[2] / "shared" / "reference"))
SQUARE_KM2 = 1.113195 * 1.105743  # a 0.01-degree square on the equator


def square(i: int) -> shapely.Polygon:
    return shapely.box(104 + i * 0.01, 0.0, 104.01 + i * 0.01, 0.01)


def boundary_file(tmp_path: Path, name: str = "batas.geojson", **columns) -> Path:
    """Two kelurahan of a fictional kota 99.71 with their kecamatan and kota names."""
    data = {
        "kode": ["9971011001", "9971011002"],
        "nama": ["Alpha", "Beta"],
        "kecamatan": ["Satu", "Satu"],
        "kabkota": ["Kota Uji", "Kota Uji"],
        "kode_kabkota_bps": ["9979", "9979"],
    } | columns
    path = tmp_path / name
    gpd.GeoDataFrame(data, geometry=[square(i) for i in range(len(data["kode"]))], crs=4326).to_file(path)
    return path


def code_list(tmp_path: Path) -> Path:
    path = tmp_path / "kode.csv"
    path.write_text(
        "kode,nama,level,jenis,kode_induk,kode_bps_kabkota\n"
        "99,Provinsi Uji,provinsi,provinsi,,\n"
        "99.71,Kota Uji,kabkota,kota,99,9979\n"
        "99.71.01,Satu,kecamatan,kecamatan,99.71,\n"
        "99.71.01.1001,Alpha Resmi,desa-kelurahan,kelurahan,99.71.01,\n"
        "99.71.01.1002,Beta,desa-kelurahan,kelurahan,99.71.01,\n"
        "99.71.01.2003,Gamma,desa-kelurahan,desa,99.71.01,\n"
        "99.72.01.2001,Elsewhere,desa-kelurahan,desa,99.72.01,\n"
        "99.71.01.3001,Bad,desa-kelurahan,desa,99.71.01,\n",
        encoding="utf-8",
    )
    return path


@pytest.fixture
def con(tmp_path):
    connection = db.connect(tmp_path / "w.duckdb")
    yield connection
    connection.close()


def rows(con, sql, **params):
    return con.execute(sql, params).fetchall()


def test_boundaries_into_a_brand_new_warehouse(tmp_path, con):
    result = wb.import_boundaries(con, boundary_file(tmp_path))
    assert (result.units_inserted, result.units_updated) == (2, 0)
    assert result.parents_added == ["99.71", "99.71.01"]
    units = rows(
        con,
        queries.load("tests/warehouse_boundaries/kelurahan_rows"),
    )
    assert [u[:6] for u in units] == [
        ("99.71.01.1001", "Alpha", "kelurahan", "kelurahan", "99.71.01", "batas.geojson"),
        ("99.71.01.1002", "Beta", "kelurahan", "kelurahan", "99.71.01", "batas.geojson"),
    ]
    # Measured in UTM 48N, 1 degree west of its central meridian: 0.05 % under the ground area,
    # within the 0.1 % geodata.crs promises.
    assert [u[6] for u in units] == pytest.approx([SQUARE_KM2, SQUARE_KM2], rel=1e-3)
    assert units[0][6] == pytest.approx(1.2303, abs=1e-4)
    parents = rows(
        con,
        queries.load("tests/warehouse_boundaries/parent_rows"),
    )
    assert parents == [
        ("99.71", "Kota Uji", "kabkota", "kota", "99", "9979"),
        ("99.71.01", "Satu", "kecamatan", "kecamatan", "99.71", None),
    ]
    geom, display = rows(con, queries.load("tests/warehouse_boundaries/alpha_geoms"))[0]
    assert shapely.from_wkb(geom).equals(square(0))
    assert shapely.from_wkb(display).area == pytest.approx(square(0).area, rel=1e-3)
    log = rows(con, queries.load("tests/warehouse_boundaries/import_log_rows"))
    assert log == [(result.id_impor, "boundaries", "batas.geojson", 2, 2, 0)]


def test_boundaries_give_their_kecamatan_and_kab_kota_the_dissolved_polygon(tmp_path, con):
    # Two 0.01-degree squares side by side: their kecamatan and kota are one 0.02 x 0.01 box
    # (coverage union, to 1e-12 degrees squared), drawn from the display polygon.
    wb.import_boundaries(con, boundary_file(tmp_path))
    both = shapely.box(104.0, 0.0, 104.02, 0.01)
    for region, level, kode in (("99.71", "kecamatan", "99.71.01"), ("99", "kabkota", "99.71")):
        shown = queries.run(
            con,
            "coverage_children",
            kode_region=region,
            level=level,
            siklus="S1",
            tanggal="2026-01-01",
            scope_kelurahan=None,
        )
        assert shown[["kode", "units_count", "geom_sumber"]].values.tolist() == [[kode, 2, "batas.geojson"]]
        display = shapely.from_wkb(bytes(shown["geom_display"].iloc[0]))
        assert shapely.symmetric_difference(display, both).area < 1e-12


def test_boundaries_replace_demo_geometry_and_keep_listed_names(tmp_path, con):
    db.create_schema(con)
    con.execute(
        queries.load("tests/warehouse_boundaries/demo_kelurahan"),
        {"g": shapely.to_wkb(shapely.box(104, 0, 104.001, 0.001))},
    )
    result = wb.import_boundaries(con, boundary_file(tmp_path), source_name="batas_resmi_2025.geojson")
    assert (result.units_inserted, result.units_updated, result.demo_replaced) == (1, 1, 1)
    assert rows(con, queries.load("tests/warehouse_boundaries/alpha_name_source")) == [
        ("Alpha Resmi", "batas_resmi_2025.geojson")
    ]
    assert result.kept.values.tolist() == [["99.71.01.1003", "Gamma", "demo"]]
    assert result.without_polygon.values.tolist() == [["99.71.01.1004", "Delta"]]
    text = "\n".join(result.lines("en"))
    assert "1 updated, of which 1 had demo boundaries; 1 new" in text and "99.71.01.1004 Delta" in text


def test_rejected_rows_are_quarantined_with_row_column_and_data(tmp_path, con):
    path = boundary_file(tmp_path, kode=["9971011001", "99.71.1"], nama=["Alpha", "Beta"])
    result = wb.import_boundaries(con, path)
    assert result.report.rows_loaded == 1
    assert rows(con, queries.load("tests/warehouse_boundaries/import_log_counts")) == [(2, 1, 1)]
    (quarantined,) = rows(con, queries.load("tests/warehouse_boundaries/quarantine_rows"))
    assert quarantined[:2] == (2, "kode") and quarantined[3] == "99.71.1"
    assert quarantined[2].startswith("not a Kemendagri code")


def test_a_failed_import_leaves_the_warehouse_as_it_was(tmp_path, con, monkeypatch):
    wb.import_boundaries(con, boundary_file(tmp_path))
    before = rows(con, queries.load("tests/warehouse_boundaries/unit_sources"))

    def broken_log(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(wb, "_log_import", broken_log)
    moved = boundary_file(tmp_path, "lain.geojson", kode=["9971011001", "9971012005"])
    with pytest.raises(RuntimeError, match="disk full"):
        wb.import_boundaries(con, moved)
    assert rows(con, queries.load("tests/warehouse_boundaries/unit_sources")) == before
    assert rows(con, queries.load("tests/warehouse_boundaries/import_count")) == [(1,)]


def test_a_bad_file_writes_nothing_even_to_a_new_warehouse(tmp_path):
    path = tmp_path / "w.duckdb"
    con = db.connect(path)
    with pytest.raises(BoundaryError):
        wb.import_boundaries(con, tmp_path / "missing.geojson")
    assert rows(con, queries.load("tests/warehouse_boundaries/table_count")) == [(0,)]
    con.close()


def test_code_list_then_boundaries(tmp_path, con):
    listed = wb.import_wilayah(con, code_list(tmp_path), region="99.71")
    assert (listed.units_inserted, listed.skipped_count, len(listed.rejected)) == (6, 1, 1)
    assert listed.rejected[0].row == 8 and "4th segment" in listed.rejected[0].reason.text("en")
    assert listed.without_polygon_count == 3
    assert rows(con, queries.load("tests/warehouse_boundaries/kode_bps_of_the_city")) == [("9979",)]

    result = wb.import_boundaries(con, boundary_file(tmp_path))
    assert result.parents_added == []
    assert any(
        "99.71.01.1001 is 'Alpha' in the file but 'Alpha Resmi' in the code list" in w
        for w in texts(result.report.warnings, "en")
    )
    assert rows(con, queries.load("tests/warehouse_boundaries/alpha_name")) == [("Alpha Resmi",)]
    # Units of the code list without a polygon stay, with a null geometry.
    assert result.without_polygon.values.tolist() == [["99.71.01.2003", "Gamma"]]
    assert rows(con, queries.load("tests/warehouse_boundaries/kelurahan_with_geom_count")) == [(3, 2)]


def test_code_list_renames_but_never_touches_geometry(tmp_path, con):
    wb.import_boundaries(con, boundary_file(tmp_path))
    listed = wb.import_wilayah(con, code_list(tmp_path))
    assert listed.renamed == [("99.71.01.1001", "Alpha", "Alpha Resmi")]
    assert rows(con, queries.load("tests/warehouse_boundaries/alpha_name_geom_source")) == [
        ("Alpha Resmi", True, "batas.geojson"),
    ]
    assert rows(con, queries.load("tests/warehouse_boundaries/unit_99_72_01_2001_count")) == [(1,)]


def test_code_list_without_its_key_columns_is_an_error(tmp_path, con):
    path = tmp_path / "x.csv"
    path.write_text("id;name\n1;a\n", encoding="utf-8")
    with pytest.raises(wb.CodeListError, match=r"x.csv: no column kode or nama; columns: id, name"):
        wb.import_wilayah(con, path)


def test_cli_imports_and_prints_the_report(tmp_path, capsys):
    warehouse = tmp_path / "cli.duckdb"
    assert (
        main(
            ["import", "wilayah", str(code_list(tmp_path)), "--region", "9971", "--db", str(warehouse), "--lang", "en"]
        )
        == 0
    )
    assert main(["import", "boundaries", str(boundary_file(tmp_path)), "--db", str(warehouse), "--lang", "en"]) == 0
    out = capsys.readouterr().out
    assert "Code list from kode.csv (import 1), region 99.71" in out
    assert "Boundaries from batas.geojson (import 2), region 99.71" in out
    assert "code column: 'kode' (by its name)" in out


def test_cli_prints_a_clear_error_without_traceback(tmp_path, capsys):
    path = boundary_file(tmp_path, kode=["7109010001", "7109010002"])
    assert main(["import", "boundaries", str(path), "--db", str(tmp_path / "cli.duckdb"), "--lang", "en"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: batas.geojson: column 'kode' holds BPS codes")
    assert "Traceback" not in err


# --- the reference files -------------------------------------------------------------------


def reference(name: str) -> Path:
    path = REFERENCE / name
    if not path.is_file():
        pytest.skip(f"{path} is absent")
    return path


def test_reference_batam_over_its_code_list(tmp_path, con):
    wb.import_wilayah(con, reference("wilayah_4_regions.csv"), region="21.71")
    result = wb.import_boundaries(con, reference("boundaries_batam.geojson"))
    assert (result.units_updated, result.units_inserted, result.parents_added) == (64, 0, [])
    assert result.without_polygon.empty and result.report.warnings[0].text("en").startswith("24 overlaps")
    shown = queries.run(con, "kelurahan_boundaries", kode_region="21.71")
    assert len(shown) == 64 and shown["geom_display"].notna().all()
    assert shown["kecamatan"].nunique() == 12
    # Measured in UTM 48N (geodata.crs): Batam lies about 1 degree west of its central meridian,
    # where the UTM scale is 0.99975, so areas read 0.05 % under the ground (1033.8 km2 equal-area).
    assert shown["luas_km2"].sum() == pytest.approx(1033.3, abs=0.5)


def test_reference_minahasa_tenggara_keeps_the_bps_crosswalk(tmp_path, con):
    result = wb.import_boundaries(con, reference("boundaries_minahasa_tenggara.geojson"))
    assert result.units_inserted == 144
    assert rows(con, queries.load("tests/warehouse_boundaries/minahasa_tenggara")) == [
        ("Kabupaten Minahasa Tenggara", "kabupaten", "7109"),
    ]
    assert rows(con, queries.load("tests/warehouse_boundaries/kelurahan_kinds")) == [
        ("desa", 135),
        ("kelurahan", 9),
    ]
    assert rows(con, queries.load("tests/warehouse_boundaries/kecamatan_count")) == [(12,)]


def test_cli_report_is_in_indonesian_by_default(tmp_path, capsys, monkeypatch):
    monkeypatch.delenv("PETA_KESOS_LANG", raising=False)
    path = boundary_file(tmp_path, kode=["9971011001", "99.71.1"], nama=["Alpha", "Beta"])
    assert main(["import", "boundaries", str(path), "--db", str(tmp_path / "cli.duckdb")]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Batas wilayah dari batas.geojson (impor 1), wilayah 99.71\n")
    assert "  baris: 2 dibaca, 1 dimuat, 1 dikarantina\n" in out
    assert "    kolom kode: 'kode' (dari namanya)\n" in out
    assert "    baris 2, kolom 'kode': bukan kode Kemendagri: '99.71.1' bukan kode bertitik" in out
    assert "rows" not in out and "quarantined" not in out


def test_report_lines_in_both_languages_say_the_same(tmp_path, con):
    result = wb.import_boundaries(con, boundary_file(tmp_path, kode=["9971011001", "99.71.1"], nama=["Alpha", "Beta"]))
    english, indonesian = result.lines("en"), result.lines("id")
    assert len(english) == len(indonesian) and english != indonesian
    assert english[1] == "  rows: 2 read, 1 loaded, 1 quarantined"
    assert indonesian[1] == "  baris: 2 dibaca, 1 dimuat, 1 dikarantina"
    # The stored reason is the English sentence, whatever language the report is read in.
    (alasan,) = rows(con, queries.load("tests/warehouse_boundaries/quarantine_reasons"))[0]
    assert alasan == result.report.rejected[0].reason.text("en")


def test_progress_labels_are_messages_in_either_language(tmp_path, con):
    seen = []
    wb.import_boundaries(con, boundary_file(tmp_path), progress=lambda label, fraction: seen.append((label, fraction)))
    assert [(label.text("id"), fraction) for label, fraction in seen] == [
        ("berkas dibaca", pytest.approx(0.135)),
        ("kode dan nama diperiksa", pytest.approx(0.225)),
        ("geometri diperbaiki", pytest.approx(0.36)),
        ("wilayah digabung", pytest.approx(0.405)),
        ("tumpang tindih dan celah diperiksa", pytest.approx(0.54)),
        ("geometri tampilan disederhanakan", pytest.approx(0.9)),
        ("gudang data ditulis", 1.0),
    ]
    assert seen[0][0].text("en") == "file read"


@pytest.mark.parametrize("path", sorted((Path(queries.QUERY_DIR) / "boundaries").glob("*.sql")), ids=lambda p: p.stem)
def test_boundary_queries_document_themselves(path):
    # queries.names() (and so tests/test_queries.py) lists the top-level files only; these run
    # against registered incoming_* tables inside an import, so the import tests above run them.
    sql = path.read_text(encoding="utf-8")
    header = "\n".join(line for line in sql.splitlines() if line.startswith("--"))
    body = "\n".join(line for line in sql.splitlines() if not line.startswith("--"))
    assert "Output" in header
    for param in set(re.findall(r"\$([a-z_]+)", body)):
        assert f"${param}" in header, f"{path.name}: header must list ${param}"
    assert body.strip().rstrip(";").count(";") == 0
    assert body == body.lower() or re.search(r"'[^']*[A-Z]", body) is None
    assert queries.load(f"boundaries/{path.stem}") == sql


# --- hostile files (issue 17) ----------------------------------------------------------------

HOSTILE = Path(__file__).resolve().parent / "hostile"


def every_text(con) -> str:
    """Every value of every table of the warehouse, as one text."""
    tables = con.table("information_schema.tables").df()["table_name"]
    return "\n".join(con.table(name).df().astype(str).to_csv(index=False) for name in tables)


def test_canary_named_by_a_disguised_vrt_never_reaches_a_table(tmp_path, con):
    wb.import_boundaries(con, boundary_file(tmp_path))
    before = every_text(con)
    with pytest.raises(BoundaryError, match=r"^vrt_disguised.geojson: refused: .*GDAL virtual dataset") as caught:
        wb.import_boundaries(con, HOSTILE / "vrt_disguised.geojson")
    assert "CANARY" not in str(caught.value)
    assert every_text(con) == before and "CANARY" not in before
    # The scan sees names that do land (hostile_names holds no canary, but its names are found).
    wb.import_boundaries(con, HOSTILE / "hostile_names.geojson")
    assert "<img src=x onerror=alert(1)>" in every_text(con)


def test_hostile_names_are_stored_as_plain_text(con):
    wb.import_boundaries(con, HOSTILE / "hostile_names.geojson")
    shown = queries.run(con, "kelurahan_boundaries", kode_region="21.71")
    assert shown[["nama", "kecamatan"]].values.tolist() == [
        ["<img src=x onerror=alert(1)>", "<script>alert(2)</script>"],
        ["[klik](javascript:alert(3)) **tebal**", "<script>alert(2)</script>"],
    ]


def test_cli_refuses_a_vsi_path_with_a_clear_error(tmp_path, capsys):
    assert (
        main(["import", "boundaries", "/vsicurl/http://127.0.0.1:9/x.geojson", "--db", str(tmp_path / "w.duckdb")]) == 2
    )
    # In the default language, Indonesian.
    assert capsys.readouterr().err == (
        "error: x.geojson: ditolak: jalur sistem berkas virtual GDAL (/vsi...); hanya berkas lokal yang diunggah "
        "yang dibaca\n"
    )
