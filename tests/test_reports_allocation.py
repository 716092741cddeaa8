import csv
import datetime as dt
import io

import openpyxl

from tests.hostile_seed import FORMULA_NAMES, formula_db  # noqa: F401
from tests.seed import seed_db  # noqa: F401
from warehouse import __main__ as cli


def rows_of(sheet):
    header = [c.value for c in sheet[2]]
    return [dict(zip(header, [c.value for c in row])) for row in sheet.iter_rows(min_row=3)]


def test_xlsx_on_the_seed_with_a_target_date(seed_db, tmp_path, capsys):
    out = tmp_path / "plan.xlsx"
    args = [
        "export",
        "allocation",
        "--codes",
        "--enumerators",
        "4",
        "--by",
        "2026-03-06",
        "--db",
        str(seed_db),
        "--out",
        str(out),
    ]
    assert cli.main(args) == 0
    assert str(out) in capsys.readouterr().out
    book = openpyxl.load_workbook(out)
    assert book.sheetnames == ["penugasan", "kelurahan"]
    header = book["penugasan"]["A1"].value
    assert header == book["kelurahan"]["A1"].value
    assert header.startswith(
        "Rencana penugasan petugas pendata: Kota Uji (99.71), siklus S1, data per 2026-02-28; "
        "4 petugas mulai 2026-03-02"
    )
    assert "selesai dengan penempatan sekarang tidak pernah" in header
    assert "dengan rencana 2026-03-04" in header
    assert header.endswith("; agar selesai 2026-03-06 perlu 3 petugas")

    people = rows_of(book["penugasan"])
    assert len(people) == 4
    p1 = next(r for r in people if r["id_petugas"] == "p1")
    assert p1["nama"] == "Petugas Uji" and p1["kelurahan_proposed"] == "Beta" and p1["moved"] is False
    assert p1["start_date"].date() == dt.date(2026, 3, 2) and p1["finish_proposed"].date() == dt.date(2026, 3, 4)
    assert sorted(r["kelurahan_proposed"] for r in people) == ["Alpha", "Beta", "Beta", "Delta"]
    assert sum(r["additional"] for r in people) == 3

    units = {r["kelurahan"]: r for r in rows_of(book["kelurahan"])}
    assert [units[k]["enumerators_proposed_count"] for k in ("Alpha", "Beta", "Gamma", "Delta")] == [1, 2, 0, 1]
    assert units["Beta"]["finish_proposed_days"] == 2.5 and units["Beta"]["finish_now_days"] == 5.0
    assert units["Alpha"]["finish_now_days"] is None and units["Alpha"]["finish_now"] is None, "never: blank"
    # Alpha and Delta have a backlog and nobody today: they keep the region from finishing with
    # today's postings (the overview's definition); Gamma has no backlog.
    assert {k: u["never_finishes_now"] for k, u in units.items()} == {
        "Alpha": True,
        "Beta": False,
        "Gamma": False,
        "Delta": True,
    }
    assert units["Beta"]["productivity_per_day"] == 1.0


def test_csv_in_english_with_constraints(seed_db, tmp_path):
    out = tmp_path / "plan.csv"
    args = [
        "export",
        "allocation",
        "--codes",
        "--enumerators",
        "4",
        "--format",
        "csv",
        "--lang",
        "en",
        "--max-per-kelurahan",
        "1",
        "--productivity-change",
        "-20",
        "--db",
        str(seed_db),
        "--out",
        str(out),
    ]
    assert cli.main(args) == 0
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf"), "byte-order mark for Excel"
    people = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    assert "assumptions: median productivity 1.00 households per enumerator per working day" in people[0][0]
    assert "productivity -20 %, at most 1 per kelurahan" in people[0][0]
    # Beta alone at 0.8 a day: 6.25 working days -> Tuesday 2026-03-10; one in reserve.
    assert "with the plan 2026-03-10" in people[0][0]
    table = [dict(zip(people[1], r)) for r in people[2:]]
    assert sum(r["kode_proposed"] == "" for r in table) == 1
    units = list(csv.reader(io.StringIO((tmp_path / "plan_kelurahan.csv").read_bytes().decode("utf-8-sig"))))
    assert units[1][:2] == ["kode", "kelurahan"] and len(units) == 2 + 4


def test_infeasible_request_is_a_message(seed_db, tmp_path, capsys):
    out = tmp_path / "plan.xlsx"
    args = [
        "export",
        "allocation",
        "--codes",
        "--enumerators",
        "1",
        "--db",
        str(seed_db),
        "--out",
        str(out),
        "--plan",
        "static",
    ]
    assert cli.main(args) == 1
    err = capsys.readouterr().err
    assert "the minimums need 3 enumerators" in err and "only 1 are available" in err
    assert not out.exists()
    assert (
        cli.main(["export", "allocation", "--codes", "--enumerators", "4", "--db", str(tmp_path / "none.duckdb")]) == 1
    )


def test_the_batam_demo(demo_db, tmp_path):
    out = tmp_path / "batam.xlsx"
    args = [
        "export",
        "allocation",
        "--codes",
        "--enumerators",
        "87",
        "--island-travel",
        "--by",
        "2026-12-31",
        "--db",
        str(demo_db),
        "--out",
        str(out),
    ]
    assert cli.main(args) == 0
    book = openpyxl.load_workbook(out)
    units = rows_of(book["kelurahan"])
    assert len(units) == 64
    assert sum(r["enumerators_proposed_count"] for r in units) == 87
    assert all(r["enumerators_proposed_count"] >= 1 for r in units if r["backlog_count"] > 0)
    placed = [r for r in rows_of(book["penugasan"]) if r["kode_proposed"]]
    assert len(placed) == 87
    assert "Kota Batam (21.71)" in book["kelurahan"]["A1"].value


def test_formula_names_stay_text_in_both_formats(formula_db, tmp_path):
    base = ["export", "allocation", "--codes", "--enumerators", "4", "--db", str(formula_db)]
    assert cli.main([*base, "--format", "csv", "--out", str(tmp_path / "p.csv")]) == 0
    assert cli.main([*base, "--format", "xlsx", "--out", str(tmp_path / "p.xlsx")]) == 0
    units = list(csv.reader(io.StringIO((tmp_path / "p_kelurahan.csv").read_bytes().decode("utf-8-sig"))))
    assert [dict(zip(units[1], r))["kelurahan"] for r in units[2:]] == ["'" + n for n in FORMULA_NAMES]
    people = list(csv.reader(io.StringIO((tmp_path / "p.csv").read_bytes().decode("utf-8-sig"))))
    proposed = {dict(zip(people[1], r))["kelurahan_proposed"] for r in people[2:]}
    assert proposed == {"'" + n for n in FORMULA_NAMES if n != "-2+3"}, "Gamma (-2+3) has no backlog"
    book = openpyxl.load_workbook(tmp_path / "p.xlsx")
    assert not [c.coordinate for s in book for row in s.iter_rows() for c in row if c.data_type == "f"]
    assert [r["kelurahan"] for r in rows_of(book["kelurahan"])] == FORMULA_NAMES
    assert {r["kelurahan_proposed"] for r in rows_of(book["penugasan"])} == {n for n in FORMULA_NAMES if n != "-2+3"}
    assert all(c.quotePrefix for c in book["kelurahan"]["B"][2:])


def test_formula_names_stay_text_in_the_rolling_hand_out(formula_db, tmp_path):
    base = ["export", "allocation", "--codes", "--enumerators", "1", "--plan", "rolling", "--db", str(formula_db)]
    assert cli.main([*base, "--format", "xlsx", "--out", str(tmp_path / "r.xlsx")]) == 0
    assert cli.main([*base, "--format", "csv", "--out", str(tmp_path / "r.csv")]) == 0
    book = openpyxl.load_workbook(tmp_path / "r.xlsx")
    assert not [c.coordinate for s in book for row in s.iter_rows() for c in row if c.data_type == "f"]
    person = book[book.sheetnames[1]]
    visited = [row[2].value for row in person.iter_rows(min_row=3)]
    assert sorted(visited) == sorted(n for n in FORMULA_NAMES if n != "-2+3"), "Gamma (-2+3) has no backlog"
    assert all(row[2].quotePrefix for row in person.iter_rows(min_row=3))
    postings = list(csv.reader(io.StringIO((tmp_path / "r.csv").read_bytes().decode("utf-8-sig"))))
    assert all(r[4].startswith("'") for r in postings[2:])


def test_too_few_for_a_static_plan_gets_a_rolling_one(seed_db, tmp_path, capsys):
    # One enumerator (p1, 1 household a working day) and backlogs Beta 5, Alpha 2, Delta 1:
    # the static plan needs 3, so auto plans rolling. p1 starts where they work (Beta, the
    # largest) on Monday 2026-03-02 and goes on: 8 working days, done Wednesday 2026-03-11, which
    # is the lower bound 8 / 1 (one person never waits).
    out = tmp_path / "plan.xlsx"
    assert (
        cli.main(["export", "allocation", "--codes", "--enumerators", "1", "--db", str(seed_db), "--out", str(out)])
        == 0
    )
    captured = capsys.readouterr()
    assert "static plan: the minimums need 3 enumerators" in captured.err
    book = openpyxl.load_workbook(out)
    assert book.sheetnames == ["kelurahan", "001 p1"]
    header = book["001 p1"]["A1"].value
    assert "selesai 2026-03-11; batas bawah 2026-03-11" in header and "rencana 0.0 % di atasnya" in header
    # Alpha, Delta have nobody today: "finish with today's postings" never, as on the overview.
    assert "selesai dengan penempatan sekarang (kelurahan terakhir) tidak pernah" in header
    sheet = book["001 p1"]
    assert [c.value for c in sheet[2]] == [
        "Urutan",
        "Kode wilayah",
        "Kelurahan/desa",
        "Kecamatan",
        "Mulai",
        "Selesai",
        "Keluarga dikunjungi",
    ]
    postings = [[c.value for c in row] for row in sheet.iter_rows(min_row=3)]
    assert [(r[0], r[2], r[4].date(), r[5].date(), r[6]) for r in postings] == [
        (1, "Beta", dt.date(2026, 3, 2), dt.date(2026, 3, 6), 5),
        (2, "Alpha", dt.date(2026, 3, 9), dt.date(2026, 3, 10), 2),
        (3, "Delta", dt.date(2026, 3, 11), dt.date(2026, 3, 11), 1),
    ]


def test_rolling_csv_in_english(seed_db, tmp_path):
    out = tmp_path / "plan.csv"
    args = ["export", "allocation", "--codes", "--enumerators", "1", "--db", str(seed_db), "--out", str(out)]
    assert cli.main([*args, "--format", "csv", "--plan", "rolling", "--lang", "en"]) == 0
    rows = list(csv.reader(io.StringIO(out.read_bytes().decode("utf-8-sig"))))
    assert rows[0][0].startswith("Rolling enumerator plan")
    assert rows[1] == [
        "Enumerator ID",
        "Enumerator name",
        "Order",
        "Code",
        "Kelurahan/desa",
        "Kecamatan",
        "Start",
        "End",
        "Households to visit",
    ]
    assert [r[4] for r in rows[2:]] == ["Beta", "Alpha", "Delta"]
    units = list(csv.reader(io.StringIO((tmp_path / "plan_kelurahan.csv").read_bytes().decode("utf-8-sig"))))
    assert units[1][-1] == "Finish in the plan" and len(units) == 2 + 4


def test_a_closed_cycle_is_refused(seed_db, tmp_path, capsys):
    out = tmp_path / "plan.xlsx"
    args = [
        "export",
        "allocation",
        "--codes",
        "--enumerators",
        "4",
        "--db",
        str(seed_db),
        "--out",
        str(out),
        "--siklus",
        "S0",
    ]
    assert cli.main(args) == 1
    # S0 ran 2025-01-01..2025-12-31; the data date is 2026-02-28.
    assert "cycle S0 closed on 2025-12-31, before the data date 2026-02-28" in capsys.readouterr().err
    assert not out.exists()


def test_forty_enumerators_on_the_demo(demo_db, tmp_path):
    out = tmp_path / "batam40.xlsx"
    assert (
        cli.main(["export", "allocation", "--codes", "--enumerators", "40", "--db", str(demo_db), "--out", str(out)])
        == 0
    )
    book = openpyxl.load_workbook(out, read_only=True)
    # 40 enumerators for 64 kelurahan: rolling, a sheet each beside the kelurahan sheet.
    assert len(book.sheetnames) == 1 + 40
    assert book.sheetnames[1].startswith("001 ")
    assert "batas bawah" in book["kelurahan"]["A1"].value
