"""6T compliance (analytics/six_t.py, queries/six_t_*.sql, reports/settings.py) on the
hand-made seed of tests/seed_six_t.py, whose figures are worked out by hand in its docstring."""

import dataclasses
import hashlib
import re
import shutil
from pathlib import Path

import duckdb
import numpy as np
import pandas as pd
import pytest

import queries
from analytics import six_t
from analytics.privacy import mask_frame
from reports import settings as six_t_settings
from reports.six_t import query_params
from tests.seed import REGION
from tests.seed_six_t import NIKS, STATEMENTS, changed, six_t_db  # noqa: F401

DEFAULTS = six_t_settings.SixTSettings()


@pytest.fixture(scope="module")
def con(six_t_db):
    c = duckdb.connect(str(six_t_db), read_only=True)
    yield c
    c.close()


@pytest.fixture
def six_t_copy(six_t_db, tmp_path) -> Path:
    """A private copy of the 6T seed for a test's own rows (the file build_six_t_seed writes,
    copied instead of built again: schema, seed rows and two analytics refreshes)."""
    path = tmp_path / "w.duckdb"
    shutil.copyfile(six_t_db, path)
    return path


# six_t_penyaluran.sql's page and filters, set to every row.
EVERY_ROW = {"gagal_t": None, "kode_kelurahan": None, "batas": None, "lewati": 0}


def distributions(con, settings=DEFAULTS, program=None, tahap=None, kanal=None, only_failing=False, region=REGION):
    params = query_params(region, program, tahap, kanal, settings)
    return queries.run(con, "six_t_penyaluran", hanya_gagal=only_failing, **params, **EVERY_ROW).set_index(
        "id_penyaluran"
    )


def units(con, settings=DEFAULTS, program=None, tahap=None, kanal=None):
    counts = queries.run(con, "six_t_units", **query_params(REGION, program, tahap, kanal, settings))
    return six_t.compliance_rates(counts)


EXPECTED_REASONS = {
    # id: (sasaran, jumlah, waktu, kualitas, harga, administrasi); None = met. PKH 2026-T1 ends
    # 2026-03-31, after the data date 2026-02-28: its waktu is not yet due.
    "d1": (None, "potongan", "belum_jatuh_tempo", "tunai", "tunai", "dokumen_kurang"),
    "p1": (None, None, "belum_jatuh_tempo", "tunai", "tunai", None),
    "p2": ("desil_di_atas_batas", None, "belum_jatuh_tempo", "tunai", "tunai", None),
    "p3": ("ganda", None, "belum_jatuh_tempo", "tunai", "tunai", None),
    "p4": (None, None, "terlambat", "tunai", "tunai", None),
    "p5": ("nik_tidak_padan", None, "belum_jatuh_tempo", "tunai", "tunai", None),
    "b1": (None, None, None, None, None, None),
    "b2": (None, None, None, None, "di_atas_acuan", None),
    "b3": (None, None, None, "tidak_lolos_qc", None, None),
    "b4": (None, None, None, None, None, "dokumen_kurang"),
}


def test_each_distribution_fails_for_its_known_reason(con):
    d = distributions(con)
    assert sorted(d.index) == sorted(EXPECTED_REASONS)
    for pid, reasons in EXPECTED_REASONS.items():
        got = tuple(None if pd.isna(d.loc[pid, f"{t}_reason"]) else d.loc[pid, f"{t}_reason"] for t in six_t.INDICATORS)
        assert got == reasons, pid


def test_met_flags_and_not_applicable_for_cash(con):
    d = distributions(con)
    pkh = d[d["kode_program"] == "PKH"]
    assert pkh["kualitas_met"].isna().all() and pkh["harga_met"].isna().all()
    assert d["harga_met"].astype("boolean").eq(False).fillna(False).sum() == 1
    assert not pd.isna(d.loc["b2", "harga_met"]) and not d.loc["b2", "harga_met"]
    assert bool(d.loc["b1", "kualitas_met"]) and bool(d.loc["b1", "harga_met"])
    assert d["compliant"].sum() == 2 and sorted(d.index[d["compliant"]]) == ["b1", "p1"]
    assert d.loc["d1", "failed_count"] == 2
    assert d.loc["d1", "missing_documents"] == "foto" and d.loc["b4", "missing_documents"] == "foto"
    assert d.loc["p4", "days_late"] == 5 and d.loc["p1", "days_late"] == 0


def test_rupiah_at_risk_per_distribution(con):
    d = distributions(con)
    assert d.loc["d1", "deduction_rupiah"] == 50_000 and d.loc["d1", "ineligible_rupiah"] == 0
    assert d.loc["p2", "ineligible_rupiah"] == 750_000
    assert d["at_risk_rupiah"].sum() == 2_300_000
    assert d.loc["p1", "at_risk_rupiah"] == 0


def test_region_rates_by_hand(con):
    region = six_t.unit_level(units(con), "region").iloc[0]
    card = six_t.scorecard(region).set_index("indicator")
    # Waktu: the five PKH 2026-T1 rows are not yet due (their tahap is open), so 4 of 5.
    assert card["applicable_count"].tolist() == [10, 10, 5, 4, 4, 10]
    assert card["met_count"].tolist() == [7, 9, 4, 3, 3, 8]
    np.testing.assert_allclose(card["rate"], [0.7, 0.9, 0.8, 0.75, 0.75, 0.8], atol=1e-12)
    # Nine failed T over eight distributions: d1 fails two and counts once.
    assert card["not_met_count"].sum() == 9
    assert region["failed_count"] == 8 and region["compliant_count"] == 2
    assert region["lengkap_rate"] == pytest.approx(0.2, abs=1e-12)
    assert region["at_risk_rupiah"] == 2_300_000
    assert region["deduction_rupiah"] == 50_000 and region["ineligible_rupiah"] == 2_250_000


def test_kelurahan_rows_cover_every_unit_and_empty_ones_have_no_rate(con):
    kel = six_t.unit_level(units(con), "kelurahan").set_index("nama")
    assert kel.index.tolist() == ["Alpha", "Beta", "Gamma", "Delta"]
    assert kel["distributions_count"].tolist() == [6, 4, 0, 0]
    assert kel["compliant_count"].tolist() == [2, 0, 0, 0]
    assert kel.loc["Alpha", "sasaran_rate"] == pytest.approx(4 / 6)
    assert kel.loc["Beta", "harga_rate"] == pytest.approx(0.5)
    assert np.isnan(kel.loc["Gamma", "sasaran_rate"]) and np.isnan(kel.loc["Delta", "lengkap_rate"])
    assert kel.loc["Alpha", "at_risk_rupiah"] == 1_550_000 and kel.loc["Beta", "at_risk_rupiah"] == 750_000


def test_cash_programme_has_no_kualitas_or_harga_rate(con):
    prog = six_t.unit_level(units(con), "program").set_index("kode")
    assert prog.loc["PKH", "kualitas_applicable_count"] == 0
    assert np.isnan(prog.loc["PKH", "kualitas_rate"]) and np.isnan(prog.loc["PKH", "harga_rate"])
    assert prog.loc["BPNT", "kualitas_rate"] == pytest.approx(0.75)
    assert prog.loc["BPNT", "nama"] == "BPNT/Sembako"


def test_units_query_agrees_with_the_per_distribution_query(con):
    d = distributions(con).reset_index()
    got = six_t.unit_level(units(con), "kelurahan").set_index("kode")
    for t in six_t.INDICATORS:
        by_kel = d.groupby("kode_kelurahan")[f"{t}_met"]
        assert by_kel.count().to_dict() == got.loc[by_kel.count().index, f"{t}_applicable_count"].to_dict(), t
        met = d[f"{t}_met"].astype("boolean").fillna(False).groupby(d["kode_kelurahan"]).sum()
        assert met.to_dict() == got.loc[met.index, f"{t}_met_count"].to_dict(), t
    risk = d.groupby("kode_kelurahan")["at_risk_rupiah"].sum()
    assert risk.to_dict() == got.loc[risk.index, "at_risk_rupiah"].to_dict()


def test_filters(con):
    tahap = six_t.unit_level(units(con, program="PKH", tahap="2026-T1"), "region").iloc[0]
    assert tahap["distributions_count"] == 5 and tahap["sasaran_met_count"] == 2
    pos = six_t.unit_level(units(con, kanal="pos"), "region").iloc[0]
    assert pos["distributions_count"] == 1 and pos["sasaran_met_count"] == 0
    assert distributions(con, kanal="e_warong").index.tolist() == ["b1", "b3", "b2", "b4"]
    assert distributions(con, region="21.71").empty
    assert sorted(distributions(con, only_failing=True).index) == ["b2", "b3", "b4", "d1", "p2", "p3", "p4", "p5"]


def test_a_repeat_is_found_even_when_the_first_distribution_is_filtered_out(six_t_copy):
    path = six_t_copy
    with changed(path) as c:
        c.execute(queries.load("tests/six_t/p1_by_pos"))
    with duckdb.connect(str(path), read_only=True) as c:
        bank = distributions(c, kanal="bank")
    assert "p1" not in bank.index and bank.loc["p3", "sasaran_reason"] == "ganda"


def test_other_sasaran_reasons(six_t_copy):
    path = six_t_copy
    with changed(path) as c:
        c.execute(queries.load("tests/six_t/households_h30_h32"))
        c.execute(queries.load("tests/six_t/members_a30_a32"))
        rows = [
            ("x1", "h99", "9971014101850099"),
            ("x2", "h31", "9971014101850031"),
            ("x3", "h20", "9971014101850030"),
            ("x4", "h32", "9971014101850032"),
            ("x5", "h30", "9971014101850030"),
        ]
        for pid, hh, nik in rows:
            c.execute(
                queries.load("tests/six_t/pkh_distribution"),
                {"p": pid, "h": hh, "n": nik},
            )
    with duckdb.connect(str(path), read_only=True) as c:
        d = distributions(c, program="PKH", tahap="2025-T4")
    assert d.loc[["x1", "x2", "x3", "x4", "x5"], "sasaran_reason"].tolist() == [
        "tidak_di_dtks",
        "keluarga_tidak_aktif",
        "penerima_bukan_anggota",
        "penerima_tidak_aktif",
        "desil_kosong",
    ]
    assert d.loc["x1", "ineligible_rupiah"] == 750_000 and pd.isna(d.loc["x1", "nama"])


def test_a_distribution_paid_before_a_death_is_tepat_sasaran(six_t_copy):
    # h26's head (b3, paid 2026-01-22) died: verivali says so on 2026-02-01. a24 (p4 paid
    # 2026-01-05, b2 2026-01-21) left on 2026-01-15 while h24 stays aktif. A status with no
    # dated verivali (h22's a22, made duplikat) counts on every date.
    path = six_t_copy
    with changed(path) as c:
        c.execute(queries.load("tests/six_t/h26_dead"))
        c.execute(queries.load("tests/six_t/a26_dead"))
        c.execute(queries.load("tests/six_t/a24_moved"))
        c.execute(queries.load("tests/six_t/a22_duplicate"))
        c.execute(queries.load("tests/six_t/deaths_in_verivali"))
        c.execute(queries.load("tests/six_t/b5_after_death"))
    with duckdb.connect(str(path), read_only=True) as c:
        d = distributions(c)
    assert bool(d.loc["b3", "sasaran_met"]) and d.loc["b3", "ineligible_rupiah"] == 0
    assert d.loc["b5", "sasaran_reason"] == "keluarga_tidak_aktif" and d.loc["b5", "ineligible_rupiah"] == 200_000
    assert bool(d.loc["p4", "sasaran_met"])
    assert d.loc["b2", "sasaran_reason"] == "penerima_tidak_aktif"
    assert d.loc["p5", "sasaran_reason"] == "penerima_tidak_aktif"


def test_a_distribution_before_the_first_desil_ranking_has_no_desil_yet(six_t_copy):
    # h21 is desil 7 today (p2, paid 2026-02-02, fails as above the limit in the seed). BPS first
    # ranked it on 2026-02-10: p2 came before any ranking, so "desil belum ditetapkan"; q3, paid
    # on 2026-02-12 in BPNT 2026-02, is judged on desil 7.
    path = six_t_copy
    with changed(path) as c:
        c.execute(queries.load("tests/six_t/first_rankings"))
        # h20 joined DTKS long before the verivali history: its first ranking is off the record.
        c.execute(queries.load("tests/six_t/h20_registered_2020"))
        c.execute(queries.load("tests/six_t/q3_after_ranking"))
    with duckdb.connect(str(path), read_only=True) as c:
        d = distributions(c)
    assert d.loc["p2", "sasaran_reason"] == "desil_kosong" and pd.isna(d.loc["p2", "desil"])
    assert d.loc["q3", "sasaran_reason"] == "desil_di_atas_batas" and d.loc["q3", "desil"] == 7
    # p1 (h20, paid 2026-02-01) keeps h20's desil 2; so do households never ranked in verivali.
    assert bool(d.loc["p1", "sasaran_met"]) and d.loc["p1", "desil"] == 2
    assert bool(d.loc["p5", "sasaran_reason"] == "nik_tidak_padan") and d.loc["p5", "desil"] == 3


def test_tepat_jumlah_is_judged_on_the_tahap_entitlement(six_t_copy):
    # PKH 2025-T4 pays Rp 750.000 (bansos_tahap). j1 reports nilai_hak 700.000 and received it:
    # a Rp 50.000 deduction against the programme, though it matches its own column. j2 reports
    # 800.000 and received 750.000: paid in full. Both are flagged for their nilai_hak.
    path = six_t_copy
    with changed(path) as c:
        for pid, hak, diterima in (("j1", 700_000, 700_000), ("j2", 800_000, 750_000)):
            c.execute(
                queries.load("tests/six_t/pkh_distribution_h26"),
                {"p": pid, "hak": hak, "diterima": diterima},
            )
    with duckdb.connect(str(path), read_only=True) as c:
        d = distributions(c, program="PKH", tahap="2025-T4")
        region = six_t.unit_level(units(c, program="PKH", tahap="2025-T4"), "region").iloc[0]
    assert d.loc["j1", "jumlah_reason"] == "potongan" and d.loc["j1", "deduction_rupiah"] == 50_000
    assert bool(d.loc["j2", "jumlah_met"]) and d.loc["j2", "deduction_rupiah"] == 0
    assert d.loc[["j1", "j2", "p4"], "hak_tahap_rupiah"].tolist() == [750_000] * 3
    assert d.loc[["j1", "j2", "p4"], "nilai_hak_berbeda"].tolist() == [True, True, False]
    assert region["nilai_hak_berbeda_count"] == 2 and region["deduction_rupiah"] == 50_000
    assert (region["jumlah_applicable_count"], region["jumlah_met_count"]) == (3, 2)


def test_sasaran_uses_the_desil_in_force_when_the_tahap_began(six_t_copy):
    # h21 is desil 7 now (p2 fails on it in the seed). Ranked 3 on 2025-09-01 and 7 on
    # 2026-02-01: PKH 2025-T4 and 2026-T1 began while 3 was in force, BPNT 2026-02 on the day 7
    # was assigned, the latest ranking, from which on the household's current desil counts.
    path = six_t_copy
    with changed(path) as c:
        c.execute(queries.load("tests/six_t/h21_rankings"))
        for pid, program, tahap in (("q1", "PKH", "2025-T4"), ("q2", "BPNT", "2026-02")):
            c.execute(
                queries.load("tests/six_t/h21_distribution"),
                {"p": pid, "program": program, "tahap": tahap},
            )
    with duckdb.connect(str(path), read_only=True) as c:
        d = distributions(c)
        region = six_t.unit_level(units(c), "region").iloc[0]
    assert d.loc[["q1", "p2", "q2"], "desil"].tolist() == [3, 3, 7]
    assert d.loc[["q1", "p2", "q2"], "sasaran_reason"].fillna("").tolist() == ["", "", "desil_di_atas_batas"]
    # Seed: 7 of 10 met sasaran; now p2 meets it too, and of q1 and q2 one does.
    assert (region["sasaran_met_count"], region["sasaran_applicable_count"]) == (9, 12)
    assert region["sasaran_met_count"] == int(d["sasaran_met"].sum())


# --- rules in the settings file -------------------------------------------------------------


def test_settings_file_is_read():
    s = six_t_settings.parse(
        "[jumlah]\ntoleransi_rupiah = 50000\n[waktu]\ntoleransi_hari = 7\n[sampel]\nper_kelurahan = 2\nseed = 9\n"
    )
    assert s == six_t_settings.SixTSettings(50_000, 7, 0, 2, 9)
    assert six_t_settings.parse("") == six_t_settings.SixTSettings()
    shipped = six_t_settings.load()
    assert shipped.jumlah_tolerance_rupiah == 0 and shipped.waktu_grace_days is None


@pytest.mark.parametrize(
    "text", ["[jumlah]\ntoleransi_rupiah = -1", "[sampel]\nper_kelurahan = 0", "[waktu]\ntoleransi_hari = 'x'"]
)
def test_bad_settings_are_refused(text):
    with pytest.raises(ValueError):
        six_t_settings.parse(text)


def test_changing_the_settings_file_changes_the_result(con, tmp_path):
    before = six_t.unit_level(units(con), "region").iloc[0]
    path = tmp_path / "six_t.toml"
    path.write_text("[jumlah]\ntoleransi_rupiah = 50000\n[waktu]\ntoleransi_hari = 7\n", encoding="utf-8")
    after = six_t.unit_level(units(con, settings=six_t_settings.load(path)), "region").iloc[0]
    # d1's Rp 50.000 deduction is now tolerated; p4, 5 days late, is inside the 7 days' grace.
    assert (before["jumlah_met_count"], after["jumlah_met_count"]) == (9, 10)
    # Five PKH 2026-T1 rows are not yet due either way (tahap open).
    assert (before["waktu_met_count"], after["waktu_met_count"]) == (4, 5)
    assert (before["compliant_count"], after["compliant_count"]) == (2, 3)
    assert after["at_risk_rupiah"] == 2_250_000


def test_an_open_tahap_is_not_yet_due_rather_than_on_time(con):
    # PKH 2026-T1 (01-01..03-31) has not closed on 2026-02-28: p1, paid on 2026-02-01, is not
    # "on time" yet, and the tahap has no waktu rate (not 100 %); BPNT 2026-02 closed on the data
    # date itself and is judged.
    d = distributions(con, program="PKH", tahap="2026-T1")
    assert set(d["waktu_reason"]) == {"belum_jatuh_tempo"} and d["waktu_met"].isna().all()
    assert d["tahap_open"].all()
    region = six_t.unit_level(units(con, program="PKH", tahap="2026-T1"), "region").iloc[0]
    assert region["waktu_applicable_count"] == 0 and np.isnan(region["waktu_rate"])
    bpnt = distributions(con, program="BPNT", tahap="2026-02")
    assert not bpnt["tahap_open"].any() and bool(bpnt.loc["b4", "waktu_met"])
    assert six_t.failures(d.reset_index())["indicator"].tolist().count("waktu") == 0


def test_programme_grace_days_apply_without_an_override(six_t_copy):
    path = six_t_copy
    with changed(path) as c:
        # BPNT allows 3 days after 2026-01-31.
        c.execute(queries.load("tests/six_t/b1_three_days_late"))
        c.execute(queries.load("tests/six_t/b3_four_days_late"))
    with duckdb.connect(str(path), read_only=True) as c:
        d = distributions(c)
        strict = distributions(c, settings=dataclasses.replace(DEFAULTS, waktu_grace_days=0))
    assert bool(d.loc["b1", "waktu_met"]) and d.loc["b3", "waktu_reason"] == "terlambat"
    assert strict.loc["b1", "waktu_reason"] == "terlambat"


def test_price_tolerance(con):
    d = distributions(con, settings=dataclasses.replace(DEFAULTS, harga_tolerance_rupiah=10_000))
    assert bool(d.loc["b2", "harga_met"])


# --- figures from the counts ----------------------------------------------------------------


def test_zero_denominators_give_nan_not_zero():
    counts = pd.DataFrame(
        {
            "distributions_count": [0, 3],
            "compliant_count": [0, 3],
            **{f"{t}_applicable_count": [0, 3] for t in six_t.INDICATORS},
            **{f"{t}_met_count": [0, 3] for t in six_t.INDICATORS},
        }
    )
    out = six_t.compliance_rates(counts)
    assert out.loc[0, [f"{m}_rate" for m in six_t.MEASURES]].isna().all()
    assert (out.loc[1, [f"{m}_rate" for m in six_t.MEASURES]] == 1.0).all()


def test_heat_table_and_trend(con):
    rates = units(con)
    heat = six_t.heat_table(six_t.unit_level(rates, "kelurahan"))
    assert heat.index.tolist() == ["Beta", "Alpha"], "units without distributions left out, worst first"
    assert list(heat.columns) == list(six_t.MEASURES)
    assert heat.loc["Alpha", "lengkap"] == pytest.approx(100 / 3)
    trend = six_t.trend(six_t.unit_level(rates, "tahap"))
    pkh = trend[(trend["kode_program"] == "PKH") & (trend["measure"] == "waktu")]
    assert pkh["tahap"].tolist() == ["2025-T4", "2026-T1"]
    # 2026-T1 is still open: no waktu rate yet, rather than "100 % on time".
    assert pkh["rate_pct"].iloc[0] == 0.0 and np.isnan(pkh["rate_pct"].iloc[1])
    bpnt_sasaran = trend[(trend["kode_program"] == "BPNT") & (trend["measure"] == "sasaran")]
    assert bpnt_sasaran["rate_pct"].tolist() == [100.0, 100.0]
    assert len(trend) == 4 * len(six_t.MEASURES)


def test_failures_list_each_failed_t_once(con):
    d = distributions(con, only_failing=True).reset_index()
    long = six_t.failures(d)
    assert len(long) == 9
    assert long[long["id_penyaluran"] == "d1"][["indicator", "reason"]].values.tolist() == [
        ["jumlah", "potongan"],
        ["administrasi", "dokumen_kurang"],
    ]
    text = six_t.failure_text(d, {t: t.upper() for t in six_t.INDICATORS}, {"potongan": "cut"})
    assert text[d["id_penyaluran"] == "d1"].item() == "JUMLAH: cut; ADMINISTRASI: dokumen_kurang"


def test_reason_counts(con):
    d = distributions(con, only_failing=True).reset_index()
    got = six_t.reason_counts(d)
    assert got.values.tolist() == [
        ["sasaran", "nik_tidak_padan", 1],
        ["sasaran", "desil_di_atas_batas", 1],
        ["sasaran", "ganda", 1],
        ["jumlah", "potongan", 1],
        ["waktu", "terlambat", 1],
        ["kualitas", "tidak_lolos_qc", 1],
        ["harga", "di_atas_acuan", 1],
        ["administrasi", "dokumen_kurang", 2],
    ]
    assert six_t.reason_counts(d.iloc[:0]).empty


def test_failing_on_one_t(con):
    d = distributions(con).reset_index()
    assert six_t.failing_on(d, "sasaran")["id_penyaluran"].tolist() == ["p2", "p3", "p5"]
    assert six_t.failing_on(d, "kualitas")["id_penyaluran"].tolist() == ["b3"], "not applicable is no failure"
    assert six_t.failing_on(d, "administrasi")["id_penyaluran"].tolist() == ["d1", "b4"]
    with pytest.raises(ValueError):
        six_t.failing_on(d, "lengkap")


def test_failure_text_of_nothing_failing(con):
    d = distributions(con).reset_index()
    text = six_t.failure_text(d, {t: t for t in six_t.INDICATORS}, {})
    assert text[d["id_penyaluran"] == "p1"].item() == ""


def test_stratified_sample_is_reproducible_and_stratified(con):
    d = distributions(con).reset_index()
    a = six_t.stratified_sample(d, per_stratum=3, seed=7)
    b = six_t.stratified_sample(d.sample(frac=1, random_state=1), per_stratum=3, seed=7)
    assert a["id_penyaluran"].tolist() == b["id_penyaluran"].tolist(), "row order does not matter"
    assert a.groupby("kode_kelurahan").size().to_dict() == {"99.71.01.1001": 3, "99.71.01.1002": 3}
    assert a["stratum_count"].tolist() == [6, 6, 6, 4, 4, 4]
    everything = six_t.stratified_sample(d, per_stratum=10, seed=7)
    assert len(everything) == 10, "a kelurahan with fewer gives all"
    draws = {tuple(six_t.stratified_sample(d, 3, seed)["id_penyaluran"]) for seed in range(20)}
    assert len(draws) > 5, "the seed changes the draw"
    assert six_t.sample_key(7, "d1") == hashlib.sha256(b"7:d1").hexdigest()
    with pytest.raises(ValueError):
        six_t.stratified_sample(d, 0, 7)


def test_stratified_sample_is_uniform_within_a_stratum():
    strata, size = 3000, 6
    d = pd.DataFrame(
        {
            "id_penyaluran": [f"{k}-{i}" for k in range(strata) for i in range(size)],
            "kode_kelurahan": np.repeat(np.arange(strata), size),
        }
    )
    drawn = six_t.stratified_sample(d, 2, seed=11)
    hits = drawn["id_penyaluran"].str.split("-").str[1].value_counts()
    # Each position is drawn with probability 2/6: 1000 expected of 3000 strata, sd about 26.
    assert len(drawn) == 2 * strata and len(hits) == size
    assert hits.between(880, 1120).all(), hits.to_dict()


def test_working_paper_has_one_sheet_per_t_and_no_full_nik(con):
    d = distributions(con).reset_index()
    sample = mask_frame(six_t.stratified_sample(d, 5, DEFAULTS.sample_seed))
    sheets = six_t.working_paper(sample, ["kelurahan", "id_penyaluran", "nik_penerima", "no_kk", "nama"])
    assert list(sheets) == list(six_t.INDICATORS)
    kual = sheets["kualitas"].set_index("id_penyaluran")
    assert kual.loc["d1", "status"] == "not_applicable" and kual.loc["d1", "reason"] == "tunai"
    assert kual.loc["b3", "status"] == "not_met" and kual.loc["b1", "status"] == "met"
    text = "".join(s.to_csv() for s in sheets.values())
    assert not any(nik in text for nik in NIKS.values())
    assert "************0020" in text


def test_programme_and_tahap_list(con):
    got = queries.run(con, "six_t_tahap", kode_region=REGION, scope_kelurahan=None)
    assert got[["kode_program", "nama", "jenis", "tahap", "distributions_count"]].values.tolist() == [
        ["BPNT", "BPNT/Sembako", "barang", "2026-01", 3],
        ["BPNT", "BPNT/Sembako", "barang", "2026-02", 1],
        ["PKH", "PKH", "tunai", "2025-T4", 1],
        ["PKH", "PKH", "tunai", "2026-T1", 5],
    ]
    assert (
        str(got.loc[2, "tanggal_mulai"].date()) == "2025-10-01"
        and str(got.loc[2, "tanggal_selesai"].date()) == "2025-12-31"
    )
    assert queries.run(con, "six_t_tahap", kode_region="21.71", scope_kelurahan=None).empty


def test_seed_statements_only_add_rows():
    bodies = ["\n".join(line for line in s.splitlines() if not line.startswith("--")) for s in STATEMENTS]
    assert all(re.match(r"insert\s+into\s", b.lstrip()) for b in bodies)


def test_demo_warehouse_queries_agree(demo_db):
    with duckdb.connect(str(demo_db), read_only=True) as c:
        kode = queries.run(c, "regions", scope_kelurahan=None)["kode"].iloc[0]
        counts = queries.run(c, "six_t_units", **query_params(kode, None, None, None, DEFAULTS))
        params = query_params(kode, None, None, None, DEFAULTS)
        d = queries.run(c, "six_t_penyaluran", hanya_gagal=False, **params, **EVERY_ROW)
    rates = six_t.compliance_rates(counts)
    region = six_t.unit_level(rates, "region").iloc[0]
    assert region["distributions_count"] == len(d) > 100_000
    for t in six_t.INDICATORS:
        assert region[f"{t}_applicable_count"] == d[f"{t}_met"].count(), t
        assert region[f"{t}_met_count"] == d[f"{t}_met"].astype("boolean").fillna(False).sum(), t
    assert region["compliant_count"] == d["compliant"].sum()
    assert region["at_risk_rupiah"] == d["at_risk_rupiah"].sum()
    # The demo has failures of every kind somewhere, but most distributions pass each T.
    for t in six_t.INDICATORS:
        assert 0.5 < region[f"{t}_rate"] < 1.0, t


def test_every_reason_code_of_the_sql_is_listed():
    # Decided at write time (six_t_inputs) or under the settings (the macro six_t_verdicts).
    sql = "".join(
        (queries.ANALYTICS_DIR / name).read_text() for name in ("20_six_t_inputs.sql", "22_six_t_verdicts.sql")
    )
    codes = set(re.findall(r"then '([a-z_]+)'", sql))
    listed = {code for reasons in six_t.REASONS.values() for code in reasons}
    assert codes == listed


@pytest.mark.parametrize("program", [None, "PKH", "BPNT"])
def test_the_cell_queries_agree_with_the_row_level_reference(con, program):
    # six_t_reasons.sql counts judged cells, six_t_penyaluran.sql filters a T in SQL: both give
    # what analytics.six_t.reason_counts and failing_on give on every distribution's row.
    rows = distributions(con, program=program).reset_index()
    params = query_params(REGION, program, None, None, DEFAULTS)
    got = six_t.sort_reasons(queries.run(con, "six_t_reasons", **params, kode_kelurahan=None))
    pd.testing.assert_frame_equal(got, six_t.reason_counts(rows), check_dtype=False)
    for t in six_t.INDICATORS:
        failing = queries.run(con, "six_t_penyaluran", **params, hanya_gagal=True, **{**EVERY_ROW, "gagal_t": t})
        assert failing["id_penyaluran"].tolist() == six_t.failing_on(rows, t)["id_penyaluran"].tolist(), t
