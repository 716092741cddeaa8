"""``python -m warehouse export hotspots`` on the PMKS seed (tests/seed_pmks.py), whose planted
block of four kelurahan must come out as the only hot spots, and on the Batam demo."""

import collections
import csv
import datetime as dt
import io

import openpyxl
import pandas as pd
import pytest
import shapely

import queries
from reports import hotspots as hotspots_report
from tests.seed import seed_db  # noqa: F401
from tests.seed_pmks import BLOCK, BLOCK_CASES, N, boxes, case_plan, pmks_db, unit_code  # noqa: F401
from warehouse import db
from warehouse.__main__ import main

BLOCK_CODES = sorted(unit_code(i, j) for i, j in BLOCK)


def read_csv(path):
    text = path.read_bytes().decode("utf-8-sig")
    header = next(csv.reader(io.StringIO(text)))[0]
    table = pd.read_csv(io.StringIO(text), skiprows=1, dtype={"kode": str, "kode_kecamatan": str})
    return header, table


def test_cli_writes_the_hot_spot_table(pmks_db, tmp_path, capsys):
    out = tmp_path / "hs.csv"
    assert main(["export", "hotspots", "--codes", "--format", "csv", "--db", str(pmks_db), "--out", str(out)]) == 0
    assert "145 kelurahan (4 significant)" in capsys.readouterr().out
    header, table = read_csv(out)
    assert "Kota Kisi (98.71)" in header and "2026-01-01 s.d. 2026-02-28" in header
    assert "data per 2026-02-28" in header and "9999 permutasi (seed 2171)" in header
    # The default measure is the smoothed rate since issue 16.5 (hot spots of risk, not of
    # people); it was cases per km2. The seed's residents are the same in every kelurahan, so
    # the planted block stays the only hot spot.
    assert "diuji: kasus per 10.000 penduduk, dihaluskan Empirical Bayes;" in header
    # The one threshold of config/privacy.toml (5), no longer the report's own 3.
    assert header.endswith("jumlah kasus di bawah 5 disembunyikan")
    assert list(table.columns) == list(hotspots_report.COLUMNS)
    assert len(table) == N * N + 1
    hot = table[table["hotspot_class"] != "ns"]
    assert sorted(hot["kode"]) == BLOCK_CODES
    assert hot["hotspot_class"].isin(["hot_95", "hot_99"]).all()
    assert (hot["gi_z"] > 3).all() and (hot["gi_p_fdr"] <= 0.05).all()
    assert (hot["cases_count"] == BLOCK_CASES).all() and (hot["cases_per_km2"] == BLOCK_CASES).all()
    # Every unit has at least 6 neighbours, the island too.
    assert table["neighbours_count"].min() == 6
    assert table.set_index("kode").loc["98.71.01.1145", "hotspot_class"] == "ns"


def test_small_counts_are_suppressed(pmks_db, tmp_path):
    out = tmp_path / "hs.csv"
    main(["export", "hotspots", "--codes", "--db", str(pmks_db), "--out", str(out)])
    _, table = read_csv(out)
    # Background counts are (3 i + j) mod 4: below the threshold of config/privacy.toml (5), the
    # units with 1, 2 or 3 cases lose their count and rates; units with 0 keep them, the block's 10
    # too. The statistics stay.
    kept = table.set_index("kode")
    for small in (unit_code(0, 1), unit_code(0, 2), unit_code(1, 0), unit_code(0, 3)):
        # The smoothed rate too: with the residents and the region's rate it gives the count back.
        assert kept.loc[small, ["cases_count", "cases_per_km2", "cases_per_10k", "cases_per_10k_eb"]].isna().all()
        assert kept.loc[small, "gi_z"] == kept.loc[small, "gi_z"]
    assert kept.loc[unit_code(0, 0), "cases_count"] == 0 and kept.loc[unit_code(1, 1), "cases_count"] == 0
    assert (kept.loc[BLOCK_CODES, "cases_count"] == BLOCK_CASES).all()
    assert table["cases_count"].sum() == 4 * BLOCK_CASES
    out_3 = tmp_path / "three.csv"
    main(["export", "hotspots", "--codes", "--db", str(pmks_db), "--out", str(out_3), "--suppress-below", "3"])
    header, three = read_csv(out_3)
    assert header.endswith("jumlah kasus di bawah 3 disembunyikan")
    assert three.set_index("kode").loc[unit_code(1, 0), "cases_count"] == 3
    out_all = tmp_path / "all.csv"
    main(["export", "hotspots", "--codes", "--db", str(pmks_db), "--out", str(out_all), "--suppress-below", "0"])
    _, full = read_csv(out_all)
    assert full["cases_count"].sum() == 253


def test_filters_and_period(pmks_db, tmp_path):
    out = tmp_path / "odgj.csv"
    assert (
        main(
            [
                "export",
                "hotspots",
                "--codes",
                "--db",
                str(pmks_db),
                "--out",
                str(out),
                "--category",
                "odgj",
                "--suppress-below",
                "0",
            ]
        )
        == 0
    )
    header, table = read_csv(out)
    assert "kategori odgj" in header
    assert table["cases_count"].sum() == 4 * BLOCK_CASES
    assert sorted(table.loc[table["confidence_pct"] >= 95, "kode"]) == BLOCK_CODES
    assert not table["hotspot_class"].str.startswith("cold").any()
    # Reports on 1-7 January: case n is reported on day 1 + n mod 28, so 10 + 6 * 9 cases.
    week = tmp_path / "week.csv"
    main(
        [
            "export",
            "hotspots",
            "--codes",
            "--db",
            str(pmks_db),
            "--out",
            str(week),
            "--from",
            "2026-01-01",
            "--to",
            "2026-01-07",
            "--suppress-below",
            "0",
            "--lang",
            "en",
        ]
    )
    header, table = read_csv(week)
    assert "reports 2026-01-01 to 2026-01-07" in header and header.endswith("no case count suppressed")
    assert table["cases_count"].sum() == 64


def test_density_per_km2_stays_a_choice(pmks_db, tmp_path):
    out = tmp_path / "km2.csv"
    assert (
        main(["export", "hotspots", "--codes", "--db", str(pmks_db), "--out", str(out), "--measure", "cases_per_km2"])
        == 0
    )
    header, table = read_csv(out)
    assert "diuji: kasus per km2;" in header and "Empirical Bayes" not in header
    assert sorted(table.loc[table["hotspot_class"] != "ns", "kode"]) == BLOCK_CODES
    with pytest.raises(SystemExit):
        main(["export", "hotspots", "--codes", "--db", str(pmks_db), "--out", str(out), "--measure", "cases"])
    none = tmp_path / "none.csv"
    main(["export", "hotspots", "--codes", "--db", str(pmks_db), "--out", str(none), "--category", "odha"])
    _, table = read_csv(none)
    assert (table["cases_count"] == 0).all() and (table["hotspot_class"] == "ns").all()


def test_excel_and_measure(pmks_db, tmp_path):
    out = tmp_path / "hs.xlsx"
    assert (
        main(
            [
                "export",
                "hotspots",
                "--codes",
                "--format",
                "xlsx",
                "--measure",
                "cases_per_10k",
                "--db",
                str(pmks_db),
                "--out",
                str(out),
            ]
        )
        == 0
    )
    sheet = openpyxl.load_workbook(out).active
    assert sheet.title == "titik_panas"
    assert "kasus per 10.000 penduduk" in sheet["A1"].value
    assert [c.value for c in sheet[2]] == list(hotspots_report.COLUMNS)
    assert sheet.max_row == 2 + N * N + 1


def test_errors(pmks_db, tmp_path, capsys):
    assert main(["export", "hotspots", "--codes", "--db", str(pmks_db), "--category", "bukan_kategori"]) == 1
    assert "unknown category bukan_kategori" in capsys.readouterr().err
    assert (
        main(["export", "hotspots", "--codes", "--db", str(pmks_db), "--from", "2026-02-01", "--to", "2026-01-01"]) == 1
    )
    assert main(["export", "hotspots", "--codes", "--db", str(tmp_path / "none.duckdb")]) == 1
    with pytest.raises(SystemExit):
        main(["export", "hotspots", "--codes", "--db", str(pmks_db), "--from", "kemarin"])


def test_seed_with_too_few_units(seed_db):
    con = db.connect(seed_db, read_only=True)
    try:
        table, header = hotspots_report.build(con)
    finally:
        con.close()
    # Three polygons (Delta has none): too few for a local statistic, nothing is tested.
    assert table["kode"].tolist() == ["99.71.01.1001", "99.71.01.1002", "99.71.01.2003", "99.71.01.2004"]
    assert (table["hotspot_class"] == "no_data").all() and table["gi_z"].isna().all()
    assert "laporan 2026-02-01 s.d. 2026-02-28" in header


def test_default_period():
    today = dt.date(2026, 2, 28)
    assert hotspots_report.default_period(None, today) == (dt.date(2025, 3, 1), today)
    assert hotspots_report.default_period(dt.date(2020, 1, 1), today) == (dt.date(2025, 3, 1), today)
    assert hotspots_report.default_period(dt.date(2026, 2, 1), today) == (dt.date(2026, 2, 1), today)
    assert hotspots_report.default_period(dt.date(2026, 3, 5), today) == (today, today)


def test_batam_demo_every_kelurahan_is_tested_with_neighbours(demo_db):
    con = db.connect(demo_db, read_only=True)
    try:
        table, header = hotspots_report.build(con, "21.71", permutations=999)
    finally:
        con.close()
    assert len(table) == 64
    # Batam's island kelurahan (Belakang Padang, Bulang, Galang) get neighbours too.
    assert table["neighbours_count"].min() >= 6
    assert table["gi_z"].notna().all() and table["gi_p_fdr"].between(0, 1).all()
    assert set(table["hotspot_class"]) <= {"hot_99", "hot_95", "hot_90", "ns", "cold_90", "cold_95", "cold_99"}


def test_a_stay_counts_for_the_shelter_with_the_longest_matching_code():
    shelters = (
        hotspots_report.ShelterUnit("Kota", 5, ("98.71",)),
        hotspots_report.ShelterUnit("Pulau", 2, ("98.71.02", "98.71.01.1005")),
    )
    # The queries take the first code that matches: the longest, whatever the order of the settings.
    assert hotspots_report.shelter_codes(shelters) == {
        "shelter_code": ["98.71.01.1005", "98.71.02", "98.71"],
        "shelter_upt": [2, 2, 1],
    }


# --- the heat layer's cells (issue 14.1: counted in SQL) -------------------------------------


def case_cells(path, max_cells=5000, cell=0.01, max_scale=2**8.5, **filters):
    con = db.connect(path, read_only=True)
    try:
        params = hotspots_report.query_params(
            "98.71", filters.get("kategori"), None, None, None, scope_kelurahan=filters.get("scope")
        )
        return queries.run(
            con, "pmks_case_cells", **params, cell_lon=cell, cell_lat=cell, max_cells=max_cells, max_scale=max_scale
        )
    finally:
        con.close()


def test_case_cells_count_the_cases_of_each_cell(pmks_db):
    # The seed's kelurahan are 0.01-degree squares on a grid anchored at (104, 1) and its cases
    # sit near their centres (tests/seed_pmks.py): with 0.01-degree cells each kelurahan is one
    # cell, centred on the square's centre, weighing its cases.
    cells = case_cells(pmks_db)
    expected = collections.Counter(kode for kode, *_ in case_plan())
    centres = {kode: box.centroid for kode, box in boxes().items()}
    got = {(round(r.lon, 6), round(r.lat, 6)): r.cases_count for r in cells.itertuples()}
    assert got == {(round(centres[k].x, 6), round(centres[k].y, 6)): n for k, n in expected.items()}
    assert len(cells) == 111 and cells["cases_count"].sum() == 253 and (cells["cell_scale"] == 1).all()
    assert got[(104.055, 1.055)] == BLOCK_CASES and got[(104.205, 1.205)] == 1
    assert list(cells.columns) == ["lon", "lat", "cases_count", "cell_scale"]


def test_case_cells_grow_until_few_enough(pmks_db):
    # 111 cells of 0.01 degrees, more than 40 of 0.0141 (sqrt 2 larger): cells of 0.02 degrees,
    # four kelurahan each. The one at 104.04-104.06, 1.04-1.06 holds kelurahan (4..5, 4..5):
    # (3 i + j) mod 4 = 0, 3 and 1 background cases and the block's 10 at (5, 5).
    cells = case_cells(pmks_db, max_cells=40)
    assert cells["cell_scale"].tolist() == pytest.approx([2.0] * len(cells))
    # The 12 x 12 squares in 6 x 6 cells, every one with a case, and the island's.
    assert len(cells) == 37 and cells["cases_count"].sum() == 253
    got = {(round(r.lon, 6), round(r.lat, 6)): r.cases_count for r in cells.itertuples()}
    assert got[(104.05, 1.05)] == 0 + 3 + 1 + BLOCK_CASES
    # Cells of the largest side (0.01 x sqrt(2)^17 = 3.6 degrees) when even those are too many.
    largest = case_cells(pmks_db, max_cells=0)
    assert len(largest) == 1 and largest["cell_scale"].iloc[0] == pytest.approx(2**8.5)
    assert largest["cases_count"].iloc[0] == 253
    # No larger than max_scale times the finest, even when that gives more than max_cells.
    capped = case_cells(pmks_db, max_cells=40, max_scale=1.5)
    assert len(capped) > 40 and capped["cell_scale"].tolist() == pytest.approx([2**0.5] * len(capped))
    assert capped["cases_count"].sum() == 253


def test_case_cells_keep_to_the_filter_and_scope(pmks_db):
    block = sorted(unit_code(i, j) for i, j in BLOCK)
    scoped = case_cells(pmks_db, scope=block[:2])
    assert scoped[["lon", "lat", "cases_count"]].round(6).values.tolist() == [
        [104.055, 1.055, 10],
        [104.065, 1.055, 10],
    ]
    assert case_cells(pmks_db, scope=[]).empty
    odgj = case_cells(pmks_db, kategori=["odgj"])
    assert len(odgj) == 4 and (odgj["cases_count"] == BLOCK_CASES).all()


def test_heat_draws_every_located_case_from_the_cells(pmks_db):
    con = db.connect(pmks_db, read_only=True)
    try:
        flt = hotspots_report.CaseFilter("98.71", (), (), dt.date(2026, 1, 1), dt.date(2026, 2, 28))
        polygons, classes, located, cell_m, counted_m = hotspots_report.heat(con, flt, 750.0)
        scoped = hotspots_report.heat(con, flt, 750.0, scope_kelurahan=(unit_code(5, 5),))
    finally:
        con.close()
    # 253 cases in 111 cells of 150 m (a fifth of the radius): no coarser cells needed.
    assert located == 253 and cell_m == 150 and counted_m == 150
    assert len(polygons) == len(classes.bins) > 0
    assert scoped[2] == BLOCK_CASES


def test_heat_grid_grows_until_the_polygons_fit(pmks_db, monkeypatch):
    con = db.connect(pmks_db, read_only=True)
    try:
        flt = hotspots_report.CaseFilter("98.71", (), (), dt.date(2026, 1, 1), dt.date(2026, 2, 28))
        fine = hotspots_report.heat(con, flt, 750.0)[0]
        vertices = int(shapely.get_num_coordinates(fine.geometry.to_numpy()).sum())
        monkeypatch.setattr(hotspots_report, "HEAT_MAX_VERTICES", vertices - 1)
        polygons, _, located, cell_m, _ = hotspots_report.heat(con, flt, 750.0)
        monkeypatch.setattr(hotspots_report, "HEAT_MAX_VERTICES", 0)
        coarsest = hotspots_report.heat(con, flt, 750.0)
    finally:
        con.close()
    # One vertex too many at 150 m cells: the next step, 150 x sqrt(2) m, with fewer vertices
    # and every case kept; with no vertex allowed the cell stops at the bandwidth.
    assert cell_m == pytest.approx(150 * 2**0.5) and located == 253
    assert shapely.get_num_coordinates(polygons.geometry.to_numpy()).sum() < vertices
    assert coarsest[3] >= 750.0 and coarsest[3] < 750.0 * 2**0.5 and coarsest[2] == 253
