"""Each check is caught by a crafted row and not raised by a clean one."""

import datetime as dt

import duckdb
import geopandas as gpd
import numpy as np
import pandas as pd
import pytest
import shapely

import queries
from analytics import coverage, quality
from tests.seed import seed_db  # noqa: F401
from warehouse import demo

TODAY = dt.date(2026, 2, 28)
A, B = "99.71.01.1001", "99.71.01.1002"


def member(id_anggota, id_dtks, nik, hubungan="kepala_keluarga", born="1980-03-12", kode=A, nama="Uji Satu Dua"):
    return {
        "id_anggota": id_anggota,
        "id_dtks": id_dtks,
        "no_kk": "99710101012600" + id_dtks[-2:].rjust(2, "0"),
        "kode_kelurahan": kode,
        "nik": nik,
        "nama": nama,
        "tanggal_lahir": pd.Timestamp(born) if born else pd.NaT,
        "hubungan": hubungan,
    }


def household(id_dtks, kode=A, lon=None, lat=None, last_visit="2026-01-10", registered=None, heads=1):
    return {
        "id_dtks": id_dtks,
        "no_kk": "99710101012600" + id_dtks[-2:].rjust(2, "0"),
        "kode_kelurahan": kode,
        "lon": lon,
        "lat": lat,
        "tanggal_terdaftar": pd.Timestamp(registered) if registered else pd.NaT,
        "last_visit": pd.Timestamp(last_visit) if last_visit else pd.NaT,
        "heads_count": heads,
    }


UNITS = gpd.GeoDataFrame(
    {"kode": [A, B]},
    geometry=[shapely.box(100.00, 0.00, 100.01, 0.01), shapely.box(100.01, 0.00, 100.02, 0.01)],
    crs="EPSG:4326",
)

CLEAN_MEMBERS = pd.DataFrame(
    [
        member("a1", "h01", "9971011203800001"),
        member("a2", "h01", "9971015203820002", "pasangan", "1982-03-12"),
        member("a3", "h01", "9971010101100003", "anak", "2010-01-01"),
        member("a4", "h02", "9971010101900004", born="1990-01-01", kode=B),
    ]
)
CLEAN_HOUSEHOLDS = pd.DataFrame(
    [household("h01", lon=100.005, lat=0.005), household("h02", kode=B, lon=100.015, lat=0.005)]
)


def test_clean_rows_raise_nothing():
    out = quality.quality_findings(CLEAN_MEMBERS, CLEAN_HOUSEHOLDS, UNITS, TODAY)
    assert out.empty
    assert list(out.columns) == quality.FINDING_COLUMNS


@pytest.mark.parametrize(
    "nik, reason",
    [
        ("997101120380001", "length"),
        ("99710112038000011", "length"),
        ("99710112038O0001", "length"),
        ("0971011203800001", "region"),
        ("9900011203800001", "region"),
        ("9971001203800001", "region"),
        ("9971013102800001", "birth_date"),
        ("9971011213800001", "birth_date"),
        ("9971010003800001", "birth_date"),
        ("9971013603800001", "birth_date"),
        ("9971012902010001", "birth_date"),
        ("9971011203800000", "serial"),
    ],
)
def test_invalid_nik_caught(nik, reason):
    members = pd.concat([CLEAN_MEMBERS, pd.DataFrame([member("x", "h03", nik)])], ignore_index=True)
    out = quality.invalid_niks(members)
    assert out["id_anggota"].tolist() == ["x"]
    assert out["detail"].tolist() == [reason]


def test_valid_nik_edge_cases_pass():
    # 29 February of a leap year, a woman born on the 31st (71), a man on the 31st.
    niks = pd.Series(["9971012902000001", "9971017112800001", "9971013112800001"])
    assert quality.nik_problem(niks).isna().all()


def test_duplicate_nik_across_households_caught():
    members = pd.concat(
        [CLEAN_MEMBERS, pd.DataFrame([member("x", "h02", "9971011203800001", "famili_lain", kode=B)])],
        ignore_index=True,
    )
    out = quality.duplicate_niks(members)
    assert sorted(out["id_anggota"]) == ["a1", "x"]
    assert out["detail"].tolist() == ["2", "2"]


def test_same_nik_twice_in_one_household_is_not_a_cross_household_duplicate():
    members = pd.concat([CLEAN_MEMBERS, pd.DataFrame([member("x", "h01", "9971011203800001", "anak")])])
    assert quality.duplicate_niks(members).empty


def test_household_without_head_caught():
    households = pd.concat([CLEAN_HOUSEHOLDS, pd.DataFrame([household("h03", heads=0)])], ignore_index=True)
    out = quality.households_without_head(households)
    assert out["id_dtks"].tolist() == ["h03"]


@pytest.mark.parametrize(
    "hubungan, born",
    [
        ("anak", "1975-01-01"),  # older than the head (1980)
        ("anak", "1990-01-01"),  # only 10 years younger
        ("cucu", "2000-01-01"),  # 20 years younger
        ("orang_tua", "1975-01-01"),  # only 5 years older
        ("pasangan", "2015-01-01"),  # an 11-year-old spouse
    ],
)
def test_age_contradicting_relation_caught(hubungan, born):
    members = pd.concat([CLEAN_MEMBERS, pd.DataFrame([member("x", "h01", "9971010101000099", hubungan, born)])])
    out = quality.age_relation_conflicts(members, TODAY)
    assert out["id_anggota"].tolist() == ["x"]
    assert out["detail"].tolist() == [hubungan]


def test_young_head_caught_and_unknown_birth_dates_not_judged():
    members = pd.DataFrame(
        [
            member("y", "h05", "9971010101150001", born="2015-01-01"),
            member("z", "h06", "9971010101800001", born=None),
            member("z2", "h06", "9971010101800002", "anak", "1950-01-01"),
        ]
    )
    out = quality.age_relation_conflicts(members, TODAY)
    assert out["id_anggota"].tolist() == ["y"]


def test_dwelling_in_the_neighbouring_kelurahan_caught():
    households = pd.concat(
        [
            CLEAN_HOUSEHOLDS,
            pd.DataFrame(
                [
                    household("h03", kode=A, lon=100.015, lat=0.005),  # inside B
                    household("h04", kode=A, lon=101.5, lat=0.005),  # far from every unit
                    household("h05", kode=A),  # no coordinates: not judged
                ]
            ),
        ],
        ignore_index=True,
    )
    out = quality.dwellings_outside_kelurahan(households, UNITS)
    assert out["id_dtks"].tolist() == ["h03", "h04"]
    assert out["detail"].tolist() == [B, ""]


def test_not_visited_for_over_a_year_caught():
    households = pd.concat(
        [
            CLEAN_HOUSEHOLDS,
            pd.DataFrame(
                [
                    household("h03", last_visit="2025-02-27"),  # 366 days
                    household("h04", last_visit="2025-02-28"),  # exactly 365 days: fine
                    household("h05", last_visit=None, registered="2025-12-01"),  # new, fine
                    household("h06", last_visit=None, registered="2024-01-01"),
                    household("h07", last_visit=None),
                ]
            ),
        ],
        ignore_index=True,
    )
    out = quality.not_visited(households, TODAY)
    assert out["id_dtks"].tolist() == ["h03", "h06", "h07"]
    assert out["detail"].tolist() == ["2025-02-27", "", ""]


def test_findings_per_unit_and_masking():
    members = pd.concat(
        [CLEAN_MEMBERS, pd.DataFrame([member("x", "h02", "9971011203800001", "famili_lain", kode=B)])],
        ignore_index=True,
    )
    households = pd.concat([CLEAN_HOUSEHOLDS, pd.DataFrame([household("h03", kode=B, heads=0)])], ignore_index=True)
    findings = quality.quality_findings(members, households, UNITS, TODAY)
    per_unit = quality.findings_per_unit(findings, pd.Series([A, B, "99.71.01.2003"])).set_index("kode")
    assert per_unit.loc[A, "nik_duplicate_count"] == 1 and per_unit.loc[B, "nik_duplicate_count"] == 1
    assert per_unit.loc[B, "no_head_count"] == 1
    assert per_unit["findings_count"].tolist() == [1, 2, 0]
    masked = quality.masked_findings(findings)
    text = masked.to_csv()
    assert "9971011203800001" not in text and "************0001" in text
    assert "Uji S. D." in masked["nama"].tolist()
    empty = quality.findings_per_unit(findings.iloc[0:0], pd.Series([A]))
    assert empty["findings_count"].tolist() == [0]


def test_demo_warehouse_findings(demo_db):
    """The Batam demo plants duplicate NIKs, households without a head and dwellings placed in
    the neighbouring kelurahan; the checks find them, and the coverage figures of its uneven
    progress hold together."""
    con = duckdb.connect(str(demo_db), read_only=True)
    try:
        today = pd.Timestamp(queries.run(con, "data_date")["tanggal_data"].iloc[0]).date()
        cycle = queries.run(con, "verivali_cycles").iloc[0]
        members = queries.run(con, "quality_members", kode_region="21.71", scope_kelurahan=None)
        households = queries.run(con, "quality_households", kode_region="21.71", tanggal=today, scope_kelurahan=None)
        shapes = queries.run(con, "kelurahan_boundaries", kode_region="21.71")
        rows = queries.run(
            con, "coverage_units", kode_region="21.71", siklus=cycle["siklus"], tanggal=today, scope_kelurahan=None
        )
    finally:
        con.close()
    units = gpd.GeoDataFrame(
        shapes[["kode"]],
        geometry=gpd.GeoSeries.from_wkb([None if g is None else bytes(g) for g in shapes["geom_display"]]),
        crs="EPSG:4326",
    )
    findings = quality.quality_findings(members, households, units, today)
    per_check = findings["check"].value_counts()
    # Exactly what the demo plants (scale 1): each duplicated NIK is found on both members.
    assert per_check.get("nik_duplicate", 0) == 2 * demo.DUPLICATE_NIK_PER_SCALE
    assert per_check.get("no_head", 0) == demo.HEADLESS_PER_SCALE
    # The demo's NIKs and ages are consistent: clean rows raise nothing.
    assert per_check.get("nik_invalid", 0) == 0 and per_check.get("age_relation", 0) == 0
    outside = findings[findings["check"] == "outside_kelurahan"]
    planted = demo.MISPLACED_DWELLING_SHARE * len(households)
    assert 0.5 * planted < len(outside) < 2 * planted, "the misplaced dwellings, not a broken join"
    assert (outside["detail"] != outside["kode_kelurahan"]).all()
    levels = coverage.coverage_levels(rows, today, cycle["tanggal_mulai"], cycle["tanggal_target"])
    kel = levels[levels["level"] == "kelurahan"]
    assert len(kel) == 64
    assert kel["coverage_rate"].std() > 0.05, "uneven coverage"
    stalled = (kel["pace_per_day"] == 0) & (kel["backlog_count"] > 0)
    assert stalled.sum() >= 2 and kel.loc[stalled, "projected_finish"].isna().all()
    region = levels[levels["level"] == "region"].iloc[0]
    assert region["households_count"] == kel["households_count"].sum()


def test_quality_queries_on_seed(seed_db):
    con = duckdb.connect(str(seed_db), read_only=True)
    try:
        members = queries.run(con, "quality_members", kode_region="99.71", scope_kelurahan=None)
        households = queries.run(con, "quality_households", kode_region="99.71", tanggal=TODAY, scope_kelurahan=None)
    finally:
        con.close()
    # Active members of active households only: a6 moved with h11.
    assert members["id_anggota"].tolist() == ["a1", "a2", "a3", "a4", "a5"]
    by_id = households.set_index("id_dtks")
    assert len(by_id) == 11, "h11 moved and h12 died: not active"
    assert by_id.loc["h1", "heads_count"] == 1 and by_id.loc["h3", "heads_count"] == 0
    # h4's last visit is the old cycle's; h6's visit after the data date does not count.
    assert by_id.loc["h4", "last_visit"] == pd.Timestamp("2025-06-01")
    assert pd.isna(by_id.loc["h6", "last_visit"])


def test_check_totals_count_every_check():
    households = pd.concat(
        [CLEAN_HOUSEHOLDS, pd.DataFrame([household("h03", kode=B, heads=0, last_visit=None)])], ignore_index=True
    )
    findings = quality.quality_findings(CLEAN_MEMBERS, households, UNITS, TODAY)
    totals = quality.check_totals(findings)
    assert totals.index.tolist() == list(quality.CHECKS)
    assert totals.tolist() == [0, 0, 1, 0, 0, 1]
    assert quality.check_totals(findings.iloc[0:0]).sum() == 0


def _nik_reference(nik: str):
    """Straight from docs/architecture.md's NIK layout, one string at a time."""
    if len(nik) != 16 or not nik.isdigit():
        return "length"
    if int(nik[0:2]) < 11 or nik[2:4] == "00" or nik[4:6] == "00":
        return "region"
    day = int(nik[6:8])
    day = day - 40 if day > 40 else day
    try:
        dt.date(2000 + int(nik[10:12]), int(nik[8:10]), day)
    except ValueError:
        return "birth_date"
    return "serial" if nik[12:16] == "0000" else None


def test_nik_problem_agrees_with_a_string_by_string_reference():
    rng = np.random.default_rng(5)
    # Digits drawn so that every field is often valid and often not: days 00-79, months 00-14,
    # years 00-99 (29 February in leap and common years), serial 0000 now and then.
    niks = [
        f"{rng.integers(5, 99):02d}{rng.integers(0, 3):02d}{rng.integers(0, 3):02d}"
        f"{rng.integers(0, 80):02d}{rng.integers(0, 15):02d}{rng.integers(0, 100):02d}"
        f"{rng.integers(0, 3) * rng.integers(0, 10_000):04d}"
        for _ in range(20_000)
    ] + ["9971012902010001", "9971012902040001", "99710129020400012", "99710129O2040001", ""]
    got = quality.nik_problem(pd.Series(niks)).tolist()
    want = [_nik_reference(n) for n in niks]
    assert got == want
    assert set(want) == {None, "length", "region", "birth_date", "serial"}


def _random_register(seed: int = 11, households: int = 400) -> dict[str, pd.DataFrame]:
    """Hand-made register rows drawn to hit every SQL-judged rule often: NIKs as in
    test_nik_problem_agrees_with_a_string_by_string_reference, NIKs shared by households,
    heads missing or doubled, birth dates missing or making gaps of 0-40 years, visits missing
    or old, registration dates missing."""
    rng = np.random.default_rng(seed)
    kode = [A if i % 2 else B for i in range(households)]
    registered = [None if rng.random() < 0.3 else TODAY - dt.timedelta(days=int(rng.integers(0, 800))) for _ in kode]
    keluarga = pd.DataFrame(
        {
            "id_dtks": [f"h{i:04d}" for i in range(households)],
            "no_kk": [f"99710101012{i:05d}" for i in range(households)],
            "kode_kelurahan": kode,
            "status": ["aktif" if rng.random() < 0.95 else "pindah" for _ in kode],
            "tanggal_terdaftar": registered,
        }
    )
    relations = ["kepala_keluarga", "pasangan", "anak", "cucu", "orang_tua", "famili_lain"]
    rows = []
    for h, home in zip(keluarga["id_dtks"], keluarga["kode_kelurahan"]):
        for j in range(int(rng.integers(0, 5))):
            nik = (
                f"{rng.integers(5, 99):02d}{rng.integers(0, 3):02d}{rng.integers(0, 3):02d}"
                f"{rng.integers(0, 80):02d}{rng.integers(0, 15):02d}{rng.integers(0, 100):02d}"
                f"{rng.integers(0, 3) * rng.integers(0, 10_000):04d}"
            )
            if rng.random() < 0.05:
                nik = "3171011203800001"  # shared by several households
            if rng.random() < 0.02:
                nik = nik[:15]
            born = None if rng.random() < 0.1 else dt.date(1940, 1, 1) + dt.timedelta(days=int(rng.integers(0, 30_000)))
            rows.append(
                {
                    "id_anggota": f"{h}-{j}",
                    "id_dtks": h,
                    "kode_kelurahan": home,
                    "nik": nik,
                    "nama": "Uji Acak",
                    "tempat_lahir": None,
                    "tanggal_lahir": born,
                    "jenis_kelamin": "L",
                    "hubungan": "kepala_keluarga" if j == 0 and rng.random() < 0.9 else str(rng.choice(relations)),
                    "status_padan": "belum",
                    "status": "aktif" if rng.random() < 0.95 else "meninggal",
                }
            )
    visited = keluarga.sample(frac=0.7, random_state=seed)
    verivali = pd.DataFrame(
        {
            "id_verivali": range(len(visited)),
            "id_dtks": visited["id_dtks"].to_numpy(),
            "kode_kelurahan": visited["kode_kelurahan"].to_numpy(),
            "siklus": "S1",
            "tahap": "ground_check",
            "tanggal": [TODAY - dt.timedelta(days=int(d)) for d in rng.integers(-30, 700, len(visited))],
            "id_petugas": None,
            "hasil": None,
            "desil": None,
        }
    )
    return {"keluarga": keluarga, "anggota": pd.DataFrame(rows), "verivali": verivali}


def test_the_sql_rules_find_what_the_pandas_rules_find(tmp_path):
    """queries/analytics/12_quality_finding.sql against analytics.quality on hand-made rows:
    the same findings with the same details (the dwelling check is the Python one in both)."""
    from warehouse import db

    made = _random_register()
    path = tmp_path / "q.duckdb"
    with db.atomic_build(path) as con:
        for name, frame in {
            "demo/wilayah_insert": pd.DataFrame(
                {
                    "kode": ["99", "99.71", "99.71.01", A, B],
                    "level": ["provinsi", "kabkota", "kecamatan", *["kelurahan"] * 2],
                }
                | {
                    "nama": ["P", "K", "Kec", "Alpha", "Beta"],
                    "jenis": ["provinsi", "kota", "kecamatan", "kelurahan", "desa"],
                }
            ),
            "demo/dtks_keluarga_insert": made["keluarga"],
        }.items():
            con.register("demo_frame", frame)
            con.execute(queries.load(name))
            con.unregister("demo_frame")
        con.from_df(made["anggota"]).insert_into("dtks_anggota")
        con.from_df(made["verivali"]).insert_into("verivali")
        con.from_df(pd.DataFrame({"kunci": ["tanggal_data"], "nilai": [TODAY.isoformat()]})).insert_into("metadata")
        db.refresh_analytics(con)
    con = duckdb.connect(str(path), read_only=True)
    try:
        members = queries.run(con, "quality_members", kode_region="99.71", scope_kelurahan=None)
        households = queries.run(con, "quality_households", kode_region="99.71", tanggal=TODAY, scope_kelurahan=None)
        got = queries.run(
            con,
            "quality_findings",
            kode_region="99.71",
            scope_kelurahan=None,
            kode_kelurahan=None,
            limit_rows=1_000_000,
            offset_rows=0,
        )
    finally:
        con.close()
    want = quality.quality_findings(members, households, UNITS.iloc[0:0], TODAY)
    counts = want["check"].value_counts()
    assert all(counts.get(c, 0) >= 5 for c in quality.CHECKS if c != "outside_kelurahan"), counts
    columns = quality.FINDING_COLUMNS
    want = want[columns].astype(str).sort_values(columns).reset_index(drop=True)
    got = got[columns].astype(str).sort_values(columns).reset_index(drop=True)
    pd.testing.assert_frame_equal(got, want)


def test_findings_are_read_a_page_at_a_time(seed_db):
    from reports import coverage as coverage_report

    con = duckdb.connect(str(seed_db), read_only=True)
    try:
        page, total = coverage_report.findings_page(con, "99.71", limit=4)
        second, again = coverage_report.findings_page(con, "99.71", offset=12, limit=4)
        beta, beta_total = coverage_report.findings_page(con, "99.71", kode_kelurahan=B)
        alpha_only, alpha_total = coverage_report.findings_page(con, "99.71", scope_kelurahan=(A,))
        every = coverage_report.masked_findings(con, "99.71")
        counts = coverage_report.findings_counts(con, "99.71", "kelurahan")
    finally:
        con.close()
    # The seed: h3, h4 (Alpha), h7-h10 (Beta) and h13 (Delta) have no active head; h6 (its
    # visit comes after the data date), h7-h10 and h13 were never visited; no dwelling points.
    assert total == again == 13 and len(page) == 4 and len(second) == 1
    assert page["check"].tolist() == ["no_head"] * 4 and second["check"].tolist() == ["not_visited"]
    assert beta_total == 9 and len(beta) == 9 and alpha_total == 2
    assert set(alpha_only["kode_kelurahan"]) == {A}
    assert every["id_dtks"].tolist() == [*page["id_dtks"], *every["id_dtks"][4:12], *second["id_dtks"]]
    assert "9971010101260003" not in every.to_csv() and "************0003" in every["no_kk"].tolist()
    assert coverage_report.per_level(counts).set_index("kode")["findings_count"].to_dict() == {
        A: 2,
        B: 9,
        "99.71.01.2003": 0,
        "99.71.01.2004": 2,
    }
    assert coverage_report.totals(counts).tolist() == [0, 0, 7, 0, 0, 6]


def test_the_per_level_totals_are_summed_in_sql_as_pandas_summed_them(seed_db, tmp_path):
    # The seed's findings (test_findings_are_read_a_page_at_a_time) and three dwellings outside
    # their kelurahan in the table quality_outside: two of Alpha's, one of Delta's.
    import shutil

    from geodata import hierarchy
    from reports import coverage as coverage_report
    from warehouse import db

    path = tmp_path / "w.duckdb"
    shutil.copyfile(seed_db, path)
    outside = pd.DataFrame({"kode_kelurahan": [A, A, "99.71.01.2004"], "id_dtks": ["h3", "h4", "h13"], "detail": ""})
    with db.atomic_update(path) as con:
        con.register("outside_found", outside)
        con.execute(queries.load("refresh/outside_insert"))
    con = duckdb.connect(str(path), read_only=True)
    try:
        kelurahan = coverage_report.findings_counts(con, "99.71", "kelurahan")
        levels = {lvl: coverage_report.findings_counts(con, "99.71", lvl) for lvl in ("kecamatan", "kabkota")}
        province = coverage_report.findings_counts(con, "99", "kabkota", scope_kelurahan=(B, "99.71.01.2004"))
        nothing = coverage_report.findings_counts(con, "99.71", "kelurahan", scope_kelurahan=("x",))
    finally:
        con.close()
    columns = ["level", "kode", *[f"{c}_count" for c in quality.CHECKS], "findings_count"]
    want = pd.DataFrame(
        [
            ["kelurahan", A, 0, 0, 2, 0, 2, 0, 4],
            ["kelurahan", B, 0, 0, 4, 0, 0, 5, 9],
            ["kelurahan", "99.71.01.2003", 0, 0, 0, 0, 0, 0, 0],
            ["kelurahan", "99.71.01.2004", 0, 0, 1, 0, 1, 1, 3],
            ["region", "99.71", 0, 0, 7, 0, 3, 6, 16],
        ],
        columns=columns,
    )
    pd.testing.assert_frame_equal(kelurahan, want, check_dtype=False)
    assert coverage_report.totals(kelurahan).tolist() == [0, 0, 7, 0, 3, 6]
    # What findings_per_shown summed in pandas before (the kelurahan rows grouped by the prefix
    # of their code), whole, for each level, and the same region row.
    per_unit = coverage_report.per_level(kelurahan)
    for level, got in levels.items():
        summed = per_unit.drop(columns="kode").groupby(hierarchy.parent_code(per_unit["kode"], level)).sum()
        pd.testing.assert_frame_equal(coverage_report.per_level(got), summed.rename_axis("kode").reset_index())
        pd.testing.assert_frame_equal(got.tail(1), kelurahan.tail(1).set_axis(got.tail(1).index))
    # A scope totals its units only, at any level; a scope outside the region leaves zeros.
    assert province.to_dict("records") == [
        dict(zip(columns, ["kabkota", "99.71", 0, 0, 5, 0, 1, 6, 12])),
        dict(zip(columns, ["region", "99", 0, 0, 5, 0, 1, 6, 12])),
    ]
    assert nothing.to_dict("records") == [dict(zip(columns, ["region", "99.71", 0, 0, 0, 0, 0, 0, 0]))]
