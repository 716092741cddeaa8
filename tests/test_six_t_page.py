"""The auditors' page (pages/six_t.py) under AppTest on the 6T seed, in both languages: the
figures shown, the filters, and that no full NIK or KK number reaches the page; and its data
functions (ui/six_t.py) called directly: the drill-down, the sample and the working paper."""

import dataclasses
import datetime as dt
import io
import json
import re
from pathlib import Path

import duckdb
import openpyxl
import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

import queries
from analytics import six_t
from analytics.privacy import mask_frame
from domain.i18n import translate
from reports import settings as six_t_settings
from reports import six_t as six_t_report
from tests.folium_maps import map_args
from tests.seed import seed_db  # noqa: F401
from tests.seed_six_t import HOSTILE_LINK, HOSTILE_NAME, hostile_six_t_db, six_t_db  # noqa: F401
from tests.shown import displayed
from ui import six_t as view

ROOT = Path(__file__).resolve().parent.parent
PAGE = "app_pages/six_t.py"
SIXTEEN_DIGITS = re.compile(r"(?<!\d)\d{16}(?!\d)")


def page_on(db, monkeypatch, lang):
    monkeypatch.setenv("PETA_KESOS_DB", str(db))
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    at.session_state["lang"] = lang
    # Straight to the page, as a link to it opens (AppTest finds a page by its file name before the first run).
    at.switch_page(PAGE).run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def walk(node):
    yield node
    children = getattr(node, "children", None)
    if isinstance(children, dict):
        for child in children.values():
            yield from walk(child)


def page_text(at) -> str:
    """Everything the page sent: each element's message (charts and maps included), and
    every dataframe's cells."""
    parts = []
    for root in (at.main, at.sidebar):
        for node in walk(root):
            proto = getattr(node, "proto", None)
            if proto is not None:
                parts.append(str(proto))
    return "\n".join(parts) + "\n" + visible_text(at)


def visible_text(at) -> str:
    """What a reader sees as text: dataframe cells, metrics, captions, markdown."""
    parts = [df.value.to_csv() for df in at.dataframe] + [displayed(df).to_csv() for df in at.dataframe]
    parts += [f"{m.label} {m.value}" for m in at.metric]
    parts += [e.value for e in (*at.caption, *at.markdown, *at.info)]
    return "\n".join(parts)


def all_numbers(db) -> set[str]:
    with duckdb.connect(str(db), read_only=True) as c:
        rows = c.execute(queries.load("tests/six_t_page/personal_numbers")).fetchall()
    return {r[0] for r in rows}


@pytest.mark.parametrize("lang", ["id", "en"])
def test_page_shows_the_hand_checked_figures(six_t_db, monkeypatch, lang):
    at = page_on(six_t_db, monkeypatch, lang)
    # Default filters: the first programme (BPNT) and its latest tahap (2026-02): only b4.
    assert at.selectbox(key="six_t_program").value == "BPNT"
    assert at.selectbox(key="six_t_tahap").value == "2026-02"
    at.selectbox(key="six_t_program").select_index(0).run()
    assert not at.exception
    metrics = {m.label: m.value for m in at.metric}
    if lang == "en":
        assert metrics["Right target"] == "70.0 %"
        assert metrics["Right quality"] == "75.0 %"
        assert metrics["Right administration"] == "80.0 %"
        assert metrics["Fully 6T compliant"] == "20.0 %"
        assert metrics["Money at risk"] == "Rp 2,300,000"
        assert metrics["Distributions"] == "10"
    else:
        assert metrics["Tepat sasaran"] == "70,0 %"
        assert metrics["Tepat harga"] == "75,0 %"
        assert metrics["Patuh 6T penuh"] == "20,0 %"
        assert metrics["Dana berisiko"] == "Rp 2.300.000"
    assert len(at.metric) == 9
    # The tables draw their numbers in the session language and keep them as numbers (issue 18.5).
    risk, target = ("Money at risk (Rp)", "Target (%)") if lang == "en" else ("Dana berisiko (Rp)", "Sasaran (%)")
    units = displayed(at.dataframe[0])
    assert at.dataframe[0].value[risk].tolist() == [1_550_000, 750_000, 0, 0]
    if lang == "en":
        assert units[risk].tolist() == ["1,550,000", "750,000", "0", "0"]
        assert units[target].tolist() == ["66.7", "75.0", "–", "–"]
    else:
        assert units[risk].tolist() == ["1.550.000", "750.000", "0", "0"]
        assert units[target].tolist() == ["66,7", "75,0", "–", "–"]
    drill_texts = displayed(at.dataframe[2])
    # d1: Rp 750,000 entitled, 50,000 deducted (the second column is the distribution id).
    by_id = drill_texts.set_index(drill_texts.columns[1])
    assert by_id.loc["d1"].iloc[-4:].tolist() == (
        ["750,000", "700,000", "50,000", "50,000"] if lang == "en" else ["750.000", "700.000", "50.000", "50.000"]
    )
    # The channel by its name, not its code (e_warong).
    assert by_id.loc["b3"].iloc[5] == "e-Warong" and by_id.loc["d1"].iloc[5] == "Bank (Himbara)"
    drill = at.dataframe[2].value
    assert len(drill) == 8, "the eight failing distributions"
    reasons = at.dataframe[1].value
    assert reasons.iloc[:, 2].tolist() == [1, 1, 1, 1, 1, 1, 1, 2], "nine failed T, administrasi twice"
    if lang == "en":
        assert reasons.iloc[-1].tolist() == ["Right administration", "required document missing", 2]
    assert len(at.get("plotly_chart")) == 2
    # Gamma and Delta have no distribution: grey on the map, with their own legend entry.
    no_data = "No applicable distribution" if lang == "en" else "Tidak ada penyaluran yang berlaku"
    assert no_data in page_text(at)


def test_filters_change_the_figures(six_t_db, monkeypatch):
    at = page_on(six_t_db, monkeypatch, "en")
    at.selectbox(key="six_t_program").set_value("PKH").run()
    at.selectbox(key="six_t_tahap").set_value("2026-T1").run()
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Distributions"] == "5"
    assert metrics["Right target"] == "40.0 %"
    assert metrics["Right quality"] == "not applicable", "cash programme"
    at.selectbox(key="six_t_kanal").set_value("pos").run()
    assert {m.label: m.value for m in at.metric}["Distributions"] == "1"


def test_the_page_names_open_tahap_and_opens_on_the_latest_closed_one(six_t_db, monkeypatch):
    # PKH 2026-T1 ends 2026-03-31, after the data date 2026-02-28; 2025-T4 is PKH's latest closed
    # tahap (p4, five days late). BPNT 2026-02 closed on the data date itself: none open.
    at = page_on(six_t_db, monkeypatch, "en")
    assert not any("not closed" in c.value for c in at.caption)
    at.selectbox(key="six_t_program").set_value("PKH").run()
    assert at.selectbox(key="six_t_tahap").value == "2025-T4"
    assert any("Tahap not closed on" in c.value and "2026-T1" in c.value for c in at.caption)
    assert {m.label: m.value for m in at.metric}["Distributions"] == "1"
    at.selectbox(key="six_t_tahap").set_value("2026-T1").run()
    assert {m.label: m.value for m in at.metric}["Right time"] == "not applicable", "not 100 % on time"


def test_drill_down_and_sample_on_pkh(six_t_db, monkeypatch):
    at = page_on(six_t_db, monkeypatch, "en")
    at.selectbox(key="six_t_program").set_value("PKH").run()
    at.selectbox(key="six_t_tahap").set_value("2026-T1").run()
    drill = at.dataframe[2].value.set_index("Distribution ID")
    assert sorted(drill.index) == ["d1", "p2", "p3", "p5"]
    assert (
        drill.loc["d1", "Failed (reason)"] == "Right amount: deduction; Right administration: required document missing"
    )
    assert drill.loc["d1", "Recipient NIK"] == "************0001"
    assert drill.loc["p3", "Name"] == "Sari D. P."
    at.selectbox(key="six_t_drill_t").set_value("sasaran").run()
    assert sorted(at.dataframe[2].value["Distribution ID"]) == ["p2", "p3", "p5"]
    sample = at.dataframe[3].value
    assert len(sample) == 5 and any("seed 2026" in c.value for c in at.caption)
    at.number_input(key="six_t_per").set_value(1).run()
    assert len(at.dataframe[3].value) == 2, "one per kelurahan"


@pytest.mark.parametrize("lang", ["id", "en"])
def test_no_full_nik_or_kk_anywhere_in_the_page(six_t_db, monkeypatch, lang):
    numbers = all_numbers(six_t_db)
    at = page_on(six_t_db, monkeypatch, lang)
    for program, tahap, shown in ((None, None, "10"), ("PKH", "2026-T1", "5"), ("BPNT", "2026-01", "3")):
        box = at.selectbox(key="six_t_program")
        # set_value(None) would leave the default in place: "all" is the first option.
        (box.select_index(0) if program is None else box.set_value(program)).run()
        if tahap:
            at.selectbox(key="six_t_tahap").set_value(tahap).run()
        assert not at.exception
        assert at.metric[6].value == shown, "the selection took effect"
        text = page_text(at)
        assert "************" in text, "masked numbers are shown"
        leaked = [n for n in numbers if n in text]
        assert not leaked, (program, tahap, leaked)
        assert not SIXTEEN_DIGITS.search(visible_text(at))


def test_working_paper_and_export_hold_no_full_nik(six_t_db):
    numbers = all_numbers(six_t_db)
    settings = six_t_settings.SixTSettings()
    with duckdb.connect(str(six_t_db), read_only=True) as c:
        table, header = six_t_report.build(c, "99.71", settings=settings)
        rows = queries.run(
            c,
            "six_t_penyaluran",
            hanya_gagal=False,
            gagal_t=None,
            kode_kelurahan=None,
            batas=None,
            lewati=0,
            **six_t_report.query_params("99.71", "PKH", "2026-T1", None, settings),
        )
    sample = mask_frame(six_t.stratified_sample(rows, 5, 1))
    paper = six_t_report.working_paper_file(
        six_t.working_paper(sample, ["kelurahan", "id_penyaluran", "nik_penerima", "no_kk", "nama"]), "hdr"
    )
    book = openpyxl.load_workbook(io.BytesIO(paper))
    assert book.sheetnames == list(six_t.INDICATORS)
    cells = " ".join(str(v) for ws in book for row in ws.iter_rows(values_only=True) for v in row if v is not None)
    assert "************0001" in cells
    for blob in (cells, six_t_report.kelurahan_file(table, header, "csv").decode("utf-8-sig")):
        assert not [n for n in numbers if n in blob]
        assert not SIXTEEN_DIGITS.search(blob)


def test_page_on_the_shared_seed(seed_db, monkeypatch):
    at = page_on(seed_db, monkeypatch, "en")
    metrics = {m.label: m.value for m in at.metric}
    # d1 alone: a deduction and a missing photo.
    assert metrics["Right amount"] == "0.0 %" and metrics["Right target"] == "100.0 %"
    assert metrics["Fully 6T compliant"] == "0.0 %"
    assert "9971011203800001" not in page_text(at)
    assert metrics["Money at risk"] == "Rp 50,000"


PKH_T1 = six_t_report.Selection("99.71", "Kota Uji", dt.date(2026, 2, 28), "PKH", "2026-T1", None)


def test_data_functions_of_the_page(six_t_db, monkeypatch):
    monkeypatch.setenv("PETA_KESOS_DB", str(six_t_db))
    rules = six_t_settings.SixTSettings()
    audit = view.audit(PKH_T1, rules)
    assert audit.region["distributions_count"] == 5 and audit.region["sasaran_met_count"] == 2
    assert sorted(view.failing(PKH_T1, rules, None)["id_penyaluran"]) == ["d1", "p2", "p3", "p5"]
    assert view.failing_total(audit.rates, None) == 4 and view.failing_total(audit.rates, "sasaran") == 3
    assert audit.population_count == 5
    # The list comes a page at a time, in the order of kelurahan then id.
    assert view.failing(PKH_T1, rules, None, None, 2, 1)["id_penyaluran"].tolist() == ["p2", "p3"]
    assert view.failing(PKH_T1, rules, None, "99.71.01.1002")["id_penyaluran"].tolist() == ["p5"]
    assert view.failing_total(audit.rates, None, "99.71.01.1002") == 1
    assert audit.trend["tahap"].unique().tolist() == ["2025-T4", "2026-T1"], "every tahap of the programme"
    drill = view.drill_table(view.failing(PKH_T1, rules, "jumlah"))
    assert drill["ID penyaluran"].tolist() == ["d1"]
    assert drill["Potongan (Rp)"].tolist() == [50_000], "the deducted amount is kept"
    assert drill["NIK penerima"].tolist() == ["************0001"]
    assert drill["Tanggal salur"].tolist() == ["10/02/2026"]
    assert drill["Gagal pada (alasan)"].tolist() == [
        "Tepat jumlah: ada potongan; Tepat administrasi: dokumen wajib kurang"
    ]
    # Written one kelurahan at a time: one header row, then Alpha's three and Beta's one.
    csv = view.deferred_drill_csv(PKH_T1, rules, None, None, audit.kelurahan)().decode("utf-8-sig")
    assert csv.count("\n") == 5 and "************0001" in csv and not SIXTEEN_DIGITS.search(csv)
    # A file for people in the session's language: Bahasa Indonesia here, ";"-separated.
    assert [line.split(";")[1] for line in csv.splitlines()] == ["ID penyaluran", "d1", "p2", "p3", "p5"]
    empty = view.deferred_drill_csv(PKH_T1, rules, "harga", None, audit.kelurahan)().decode("utf-8-sig")
    assert empty.splitlines()[0].startswith("Kelurahan/desa;ID penyaluran") and empty.count("\n") == 1
    assert view.audit(dataclasses.replace(PKH_T1, tahap=None), rules).population_count is None, "no sample"
    lenient = view.audit(PKH_T1, dataclasses.replace(rules, jumlah_tolerance_rupiah=50_000))
    assert lenient.region["jumlah_met_count"] == 5 and audit.region["jumlah_met_count"] == 4


def test_working_paper_from_the_page(six_t_db, monkeypatch):
    monkeypatch.setenv("PETA_KESOS_DB", str(six_t_db))
    rules = six_t_settings.SixTSettings()
    drawn = view.sample(PKH_T1, rules, 2, 2026)
    assert drawn.groupby("kode_kelurahan").size().to_dict() == {"99.71.01.1001": 2, "99.71.01.1002": 1}
    # Drawn in SQL: the rows analytics.six_t.stratified_sample draws from the whole population.
    with duckdb.connect(str(six_t_db), read_only=True) as c:
        population = queries.run(
            c,
            "six_t_penyaluran",
            **PKH_T1.params(rules),
            hanya_gagal=False,
            gagal_t=None,
            kode_kelurahan=None,
            batas=None,
            lewati=0,
        )
    for per, seed in ((2, 2026), (1, 7), (5, 1)):
        reference = six_t.stratified_sample(mask_frame(population), per, seed)
        got = view.sample(PKH_T1, rules, per, seed)
        columns = ["id_penyaluran", "kode_kelurahan", "sample_rank", "stratum_count", "nik_penerima", "sasaran_met"]
        pd.testing.assert_frame_equal(got[columns], reference[columns], check_dtype=False)

    assert drawn["id_penyaluran"].tolist() == view.sample(PKH_T1, rules, 2, 2026)["id_penyaluran"].tolist()
    book = openpyxl.load_workbook(io.BytesIO(view.working_paper(PKH_T1, drawn, 2, 2026)))
    assert book.sheetnames == list(six_t.INDICATORS)
    sheet = book["kualitas"]
    rows = list(sheet.iter_rows(values_only=True))
    assert "benih 2026" in rows[0][0] and "2 per kelurahan" in rows[0][0]
    # A file for people (issue 18.6): headers with units, verdicts in words.
    assert rows[1][: len(six_t_report.PAPER_COLUMNS)] == tuple(
        translate("id", f"export.col.{col}") for col in six_t_report.PAPER_COLUMNS
    )
    assert {r[rows[1].index("Status")] for r in rows[2:]} == {"Tidak berlaku"}, "cash: kualitas does not apply"
    cells = " ".join(str(v) for ws in book for row in ws.iter_rows(values_only=True) for v in row if v is not None)
    assert "************" in cells
    assert not [n for n in all_numbers(six_t_db) if n in cells]
    assert not SIXTEEN_DIGITS.search(cells)


# --- a click on the map filters the tables and the drill-down ---------------------------------


def click(at, kode: str) -> None:
    # What streamlit-folium copies into the session state when a feature is clicked.
    at.session_state["six_t_map"] = {"last_active_drawing": {"properties": {"kode": kode}}}
    at.run()
    assert not at.exception, [e.value for e in at.exception]


def drill_ids(at) -> list[str]:
    return sorted(next(df.value for df in at.dataframe if "Failed (reason)" in df.value.columns)["Distribution ID"])


def test_a_map_click_filters_the_tables_and_the_drill_down(six_t_db, monkeypatch):
    at = page_on(six_t_db, monkeypatch, "en")
    at.selectbox(key="six_t_program").set_value("PKH").run()
    at.selectbox(key="six_t_tahap").set_value("2026-T1").run()
    assert drill_ids(at) == ["d1", "p2", "p3", "p5"]
    assert any("Click a kelurahan on the map" in c.value for c in at.caption)
    click(at, "99.71.01.1002")
    assert at.selectbox(key="six_t_kelurahan").value == "99.71.01.1002"
    assert drill_ids(at) == ["p5"], "Beta's one failing distribution"
    units = at.dataframe[0].value
    assert units["Unit"].tolist() == ["Beta"] and units["Distributions"].tolist() == [1]
    reasons = at.dataframe[1].value
    assert reasons.iloc[:, 2].sum() == 1, "p5 fails sasaran alone"
    sample = next(df.value for df in at.dataframe if "Right target" in df.value.columns)
    assert sample["Kelurahan/desa"].unique().tolist() == ["Beta"]
    assert any("show Beta \\(Kecamatan Satu\\) only" in c.value for c in at.caption)
    # The figures above the map stay the selection's.
    assert {m.label: m.value for m in at.metric}["Distributions"] == "5"
    # The drill-down's own filter: Alpha, then all again; the old click is not re-applied.
    at.selectbox(key="six_t_kelurahan").set_value("99.71.01.1001").run()
    assert drill_ids(at) == ["d1", "p2", "p3"]
    at.selectbox(key="six_t_drill_t").set_value("sasaran").run()
    assert drill_ids(at) == ["p2", "p3"]
    at.selectbox(key="six_t_kelurahan").select_index(0).run()
    at.run()
    assert at.selectbox(key="six_t_kelurahan").value is None
    assert drill_ids(at) == ["p2", "p3", "p5"]


def test_a_click_outside_the_list_changes_nothing(six_t_db, monkeypatch):
    at = page_on(six_t_db, monkeypatch, "en")
    click(at, "99.71.09.9999")
    assert at.selectbox(key="six_t_kelurahan").value is None


def test_the_map_carries_the_kelurahan_code_for_clicks(six_t_db, monkeypatch):
    at = page_on(six_t_db, monkeypatch, "en")
    (script,) = [a["script"] for a in map_args(at)]
    assert '"kode": "99.71.01.1001"' in script and '"kode": "99.71.01.1002"' in script


# --- names are text -------------------------------------------------------------------------


def test_hostile_names_show_as_text(hostile_six_t_db, monkeypatch):
    at = page_on(hostile_six_t_db, monkeypatch, "en")
    at.selectbox(key="six_t_program").select_index(0).run()
    click(at, "99.71.01.1002")
    texts = [e.value for e in (*at.title, *at.caption, *at.markdown, *at.info, *at.subheader)]
    joined = "\n".join(texts)
    assert "Kota \\<b\\>Uji\\</b\\>" in joined, "the region's name, escaped"
    assert "\\<img src=x onerror=alert\\(1\\)\\>" in joined, "Delta has no polygon: listed under the map"
    assert "\\[klik\\]\\(http\\://x\\)" in joined, "Beta's name in the filter note"
    assert not [x for x in texts if re.search(r"(?<!\\)[<\[]", x)], "no unescaped markup"
    (script,) = [a["script"] for a in map_args(at)]
    assert HOSTILE_NAME not in script and "<b>Alpha" not in script
    assert "&lt;b&gt;Alpha&lt;/b&gt;" in script.replace("\\u0026", "&")
    # The heat chart's labels are HTML-escaped too (plotly reads a few tags).
    heat = next(c for c in at.get("plotly_chart") if c.proto.id.endswith("six_t_heat"))
    assert json.loads(heat.proto.spec)["data"][0]["y"] == ["[klik](http://x)", "&lt;b&gt;Alpha&lt;/b&gt;"]
    drill = next(df.value for df in at.dataframe if "Failed (reason)" in df.value.columns)
    assert drill["Kelurahan/desa"].unique().tolist() == [HOSTILE_LINK], "tables show the name as written"


def test_reports_with_their_own_entitlement_are_flagged(tmp_path, monkeypatch):
    # PKH 2025-T4 pays Rp 750.000 per KPM (bansos_tahap); j1 and j2 report 700.000 and 800.000
    # as their entitlement, p4 (already in the seed) reports 750.000: two reports flagged, on
    # the page and in the export.
    from tests.seed_six_t import build_six_t_seed, changed

    path = tmp_path / "w.duckdb"
    build_six_t_seed(path)
    with changed(path) as c:
        for pid, hak in (("j1", 700_000), ("j2", 800_000)):
            c.execute(
                queries.load("tests/six_t_page/pkh_distribution_h26"),
                {"p": pid, "hak": hak},
            )
    at = page_on(path, monkeypatch, "en")
    at.selectbox(key="six_t_program").set_value("PKH").run()
    assert at.selectbox(key="six_t_tahap").value == "2025-T4"
    assert [w.value for w in at.warning if "entitlement" in w.value] == [
        "2 distribution reports state an entitlement that differs from the tahap's entitlement per KPM "
        "(the programme's tahap table); tepat jumlah is judged against the tahap's."
    ]
    with duckdb.connect(str(path), read_only=True) as c:
        table, _ = six_t_report.build(c, None, program="PKH", tahap="2025-T4")
    assert table.set_index("kode").loc["99.71.01.1001", "nilai_hak_differs_count"] == 2
    assert int(table["nilai_hak_differs_count"].sum()) == 2
