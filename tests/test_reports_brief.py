import dataclasses
import datetime as dt
import io

import duckdb
import geopandas as gpd
import numpy as np
import pandas as pd
import pypdf
import pytest
import shapely
from PIL import Image

from domain.i18n import format_date, format_float
from reports import brief, brief_figures, brief_map
from reports import coverage as coverage_report
from tests.seed import TODAY, seed_db  # noqa: F401
from tests.seed_six_t import six_t_db  # noqa: F401
from warehouse import __main__ as cli


def read_pdf(data: bytes) -> tuple[int, str]:
    """(page count, the text of every page) of a PDF."""
    reader = pypdf.PdfReader(io.BytesIO(data))
    return len(reader.pages), "\n".join(page.extract_text() for page in reader.pages)


def export_headline(con, lang: str) -> str:
    """The region's coverage as the coverage export's table gives it: all updated households
    over all households of the kelurahan rows, in percent with one decimal."""
    table, _ = coverage_report.build(con, None, None)
    rate = table["updated_households_count"].sum() / table["households_count"].sum() * 100
    return f"{format_float(rate, lang)} %"


@pytest.fixture(scope="module")
def seed_con(seed_db):
    con = duckdb.connect(str(seed_db), read_only=True)
    yield con
    con.close()


@pytest.fixture(scope="module")
def seed_brief(seed_con) -> dict[str, bytes]:
    """The seed's brief of the whole warehouse, by language, made once for the module's tests
    that read it (each made 1.8 s of CPU)."""
    return {lang: brief.brief_pdf(seed_con, None, lang) for lang in ("id", "en")}


def test_seed_brief_in_indonesian(seed_brief, seed_con):
    pages, text = read_pdf(seed_brief["id"])
    assert pages == 2
    assert "Kota Uji" in text and "DINAS SOSIAL KOTA UJI" in text
    assert "Data per 28/02/2026" in text and format_date(TODAY, "id") == "28/02/2026"
    # Four of the twelve households of the cycle's frame are done (seed.py): 33,3 %.
    assert export_headline(seed_con, "id") == "33,3 %"
    assert "Cakupan pemutakhiran\n33,3 %" in text
    assert "Keluarga diverivali\n4\n" in text and "Sisa (keluarga)\n8\n" in text
    # Lagging, largest backlog first: Beta (5 left, 28,6 %), Alpha (2), Delta (1, never visited).
    # Beta's pace is 1 household over the 18 working days of the last 28 (weekends and Imlek,
    # 16-17 Feb, are off): 0,06 a day, so its 5 finish on 22/07/2026 in working days.
    assert "1 Beta Kecamatan Satu 28,6 14,3 5 0,06 22/07/2026" in text
    assert "2 Alpha Kecamatan Satu 50,0 50,0 2" in text
    assert "3 Delta Kecamatan Satu 0,0 0,0 1 0,00 –" in text
    assert "3. Kartu skor 6T penyaluran bansos" in text
    # The seed's one tahap (PKH 2026-T1) runs to 31/03: nothing has closed yet.
    assert "Belum ada tahap bansos yang selesai per 28/02/2026." in text
    # The seed's one case (k1) arrived 40 minutes after the report, three weeks before the data date.
    assert "7 hari terakhir (22/02/2026 s.d. 28/02/2026) 0 0 – – –" in text
    assert "01/02/2026 s.d. 28/02/2026 1 1 40 40 100,0" in text
    assert "dari 1 kasus" in text
    assert "Halaman 2 dari 2" in text


def test_seed_brief_in_english(seed_con):
    pages, text = read_pdf(brief.brief_pdf(seed_con, "99.71", "en"))
    assert pages == 2
    assert "Kota Uji" in text and "Data as of 2026-02-28" in text
    assert export_headline(seed_con, "en") == "33.3 %"
    assert "Update coverage\n33.3 %" in text
    assert "1 Beta Kecamatan Satu 28.6 14.3 5 0.06 2026-07-22" in text
    assert "3. 6T scorecard of bansos distributions" in text
    assert "Page 2 of 2" in text
    assert "Kartu skor" not in text and "Halaman" not in text


def test_same_warehouse_same_bytes(seed_brief, seed_con):
    first = seed_brief["id"]
    assert first.startswith(b"%PDF-")
    assert brief.brief_pdf(seed_con, None, "id") == first
    assert seed_brief["en"] != first
    # The file says when its data is from, not when it was made.
    assert pypdf.PdfReader(io.BytesIO(first)).metadata["/CreationDate"] == "D:20260228000000Z"


def test_six_t_scorecard_of_each_programmes_latest_closed_tahap(six_t_db):
    con = duckdb.connect(str(six_t_db), read_only=True)
    try:
        data = brief_figures.brief_data(con)
        pages, text = read_pdf(brief.render(data, "id"))
    finally:
        con.close()
    # BPNT 2026-02 closed on the data date, PKH's 2026-T1 runs to 31/03 so 2025-T4 is its latest.
    cards = {c.tahap["kode_program"]: c for c in data.scorecards}
    assert {p: c.tahap["tahap"] for p, c in cards.items()} == {"BPNT": "2026-02", "PKH": "2025-T4"}
    bpnt, pkh = cards["BPNT"].region, cards["PKH"].region
    # b4 alone in BPNT 2026-02, without its foto; p4 alone in PKH 2025-T4, five days late.
    assert int(bpnt["distributions_count"]) == 1 and int(pkh["distributions_count"]) == 1
    assert bpnt["administrasi_rate"] == 0 and bpnt["sasaran_rate"] == 1 and bpnt["harga_rate"] == 1
    assert pkh["waktu_rate"] == 0 and pkh["jumlah_rate"] == 1 and np.isnan(pkh["kualitas_rate"])
    assert bpnt["lengkap_rate"] == 0 and pkh["lengkap_rate"] == 0
    assert pages == 2
    assert "BPNT/Sembako tahap 2026-02" in text and "PKH tahap 2025-T4" in text
    assert "01/02/2026 s.d. 28/02/2026" in text and "01/10/2025 s.d. 31/12/2025" in text
    assert "Tepat administrasi 0,0 100,0" in text
    assert "Tepat waktu 100,0 0,0" in text
    assert "Tepat kualitas 100,0 –" in text
    assert "Patuh 6T penuh 0,0 0,0" in text


def test_closed_tahap_takes_each_programmes_last_window_ended_by_the_day():
    tahaps = pd.DataFrame(
        {
            "kode_program": ["BPNT", "BPNT", "PKH", "PKH", "PKH"],
            "tahap": ["01", "02", "T1", "T2", "X"],
            "tanggal_mulai": pd.to_datetime(["2026-01-01", "2026-02-01", "2026-01-01", "2026-04-01", None]),
            "tanggal_selesai": pd.to_datetime(["2026-01-31", "2026-02-28", "2026-02-28", "2026-05-31", None]),
        }
    )
    closed = brief_figures.closed_tahap(tahaps, dt.date(2026, 2, 28))
    assert closed[["kode_program", "tahap"]].values.tolist() == [["BPNT", "02"], ["PKH", "T1"]]
    assert brief_figures.closed_tahap(tahaps, dt.date(2026, 1, 30)).empty


def test_headline_tiles_sign_their_changes_and_say_when_there_is_none():
    region = pd.Series(
        {"coverage_rate": 1 / 3, "done_count": 4, "backlog_count": 8, "pace_per_day": 0.107, "projected_finish": None},
        dtype=object,
    )
    change = pd.Series(
        {"coverage_points": 6.07, "done_count": 1, "backlog_count": -1234, "pace_per_day": 0.0, "finish_days": np.nan},
        dtype=object,
    )
    assert brief.headline_tiles(region, change, "id") == [
        ("Cakupan pemutakhiran", "33,3 %", "+6,1 poin % dalam 7 hari"),
        ("Keluarga diverivali", "4", "+1 dalam 7 hari"),
        ("Sisa (keluarga)", "8", "−1.234 dalam 7 hari"),
        ("Laju (keluarga/hari)", "0,1", "0,0 dalam 7 hari"),
        ("Perkiraan selesai", "tidak terhitung", "tanpa perbandingan"),
    ]
    region["projected_finish"], change["finish_days"] = dt.date(2026, 6, 20), -105.0
    assert brief.headline_tiles(region, change, "en")[4] == (
        "Projected finish",
        "2026-06-20",
        "−105 days against 7 days ago",
    )


def test_demo_brief(demo_db):
    con = duckdb.connect(str(demo_db), read_only=True)
    try:
        data = brief.brief_pdf(con, None, "id")
        again = brief.brief_pdf(con, "21.71", "id")
        headline = export_headline(con, "id")
        table, _ = coverage_report.build(con, None, None)
        today = brief_figures.brief_data(con).today
    finally:
        con.close()
    assert again == data
    pages, text = read_pdf(data)
    assert pages == 2
    assert "Kota Batam" in text and f"Data per {format_date(today, 'id')}" in text
    assert f"Cakupan pemutakhiran\n{headline}" in text
    # The lagging kelurahan with the largest backlog in the coverage export heads the table.
    lagging = table[table["lagging"]].sort_values("backlog_count", ascending=False)
    assert f"1 {lagging['kelurahan'].iloc[0]} {lagging['kecamatan'].iloc[0]}" in text
    assert "3. Kartu skor 6T penyaluran bansos" in text and "PKH tahap" in text
    assert "Data demo sintetis" in text


def test_cli_writes_the_brief(seed_db, seed_brief, tmp_path, capsys):
    out = tmp_path / "brief" / "ringkasan.pdf"
    assert cli.main(["export", "brief", "--db", str(seed_db), "--out", str(out), "--lang", "en"]) == 0
    assert str(out) in capsys.readouterr().out
    assert out.read_bytes() == seed_brief["en"]
    assert cli.main(["export", "brief", "--db", str(seed_db), "--wilayah", "12.34"]) == 1
    assert "region '12.34' is not in the warehouse" in capsys.readouterr().err


def test_unknown_language_is_refused(seed_con):
    with pytest.raises(ValueError, match="unknown language 'fr'"):
        brief.render(brief_figures.brief_data(seed_con), "fr")


def test_names_are_printed_as_text(seed_con):
    figures = brief_figures.brief_data(seed_con)
    lagging = figures.lagging.assign(nama=["**Beta** <b>x</b>", "{nb} Alpha", "Delta_[1](x)"])
    _, text = read_pdf(brief.render(dataclasses.replace(figures, lagging=lagging), "id"))
    assert "1 **Beta** <b>x</b> Kecamatan Satu" in text
    assert "2 {nb} Alpha Kecamatan Satu" in text
    assert "3 Delta_[1](x) Kecamatan Satu" in text


def test_map_frame_keeps_the_polygons_left_of_the_panel():
    frame = brief_map._frame((0.0, 0.0, 100.0, 100.0), aspect=1.0)
    # 3 % padding; the padded 106 m take 70 % of the width, the frame is as tall as wide.
    assert frame.x0 == pytest.approx(-3.0) and frame.panel_x == pytest.approx(103.0)
    assert frame.x1 - frame.x0 == pytest.approx(106 / 0.7) == frame.y1 - frame.y0
    assert (frame.y0 + frame.y1) / 2 == pytest.approx(50.0)
    assert frame.fraction(frame.panel_x) == pytest.approx(0.7)
    # A tall region: the height decides, the polygons take less than 70 % of the width.
    tall = brief_map._frame((0.0, 0.0, 10.0, 100.0), aspect=1.0)
    assert tall.y1 - tall.y0 == pytest.approx(106.0) and tall.fraction(tall.panel_x) < 0.7


def test_scale_bar_lengths_are_round():
    assert [brief_map._nice_length(m) for m in (700, 2_400, 19_999, 20_000, 61_000)] == [
        500,
        2_000,
        10_000,
        20_000,
        50_000,
    ]
    assert [brief_map._km(m, "id") for m in (250, 2_500, 10_000)] == ["0,25", "2,5", "10"]
    assert brief_map._km(2_500, "en") == "2.5"


def test_coverage_map_is_a_png_of_the_asked_size_or_none_without_polygons():
    shapes = gpd.GeoDataFrame(
        {"kode": ["a", "b", "c"], "kode_kecamatan": ["k", "k", "k"]},
        geometry=[shapely.box(104.00, 1.00, 104.01, 1.01), shapely.box(104.01, 1.00, 104.02, 1.01), None],
        crs="EPSG:4326",
    )
    units = pd.DataFrame({"kode": ["a", "b", "c"], "coverage_rate": [0.25, 0.75, np.nan]})
    png = brief_map.coverage_map_png(shapes, units, {"a": 1}, "id", 100.0, 80.0)
    image = Image.open(io.BytesIO(png))
    # 100 x 80 mm at 200 dpi: 787.4 x 629.9 pixels, which matplotlib truncates.
    assert image.format == "PNG" and image.size == (787, 629)
    assert brief_map.coverage_map_png(shapes, units, {"a": 1}, "id", 100.0, 80.0) == png
    assert brief_map.coverage_map_png(shapes.iloc[2:], units, {}, "id", 100.0, 80.0) is None
