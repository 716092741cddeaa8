"""The DTKS register of the demo: households (KK number, address, dwelling point, desil,
programme flags) and their members (relations, ages that fit them, NIK, Dukcapil match), with
the data-quality findings planted on purpose: duplicated NIK, households without a head,
dwellings in the wrong kelurahan or without a point."""

from __future__ import annotations

import duckdb
import geopandas as gpd
import numpy as np
import pandas as pd

from domain import codes
from warehouse.demo import people
from warehouse.demo.common import DAY, REFERENCE_DATE, choice, dates_from, insert, scaled_count
from warehouse.demo.geography import points_inside

HOUSEHOLDS_PER_SCALE = 80_000

DUPLICATE_NIK_PER_SCALE = 36
HEADLESS_PER_SCALE = 30
MISPLACED_DWELLING_SHARE = 0.002
DWELLING_WITHOUT_POINT_SHARE = 0.03

# Address material: common nouns.
STREET_WORDS = (
    "Melati",
    "Kenanga",
    "Cempaka",
    "Seroja",
    "Teratai",
    "Anggrek",
    "Mawar",
    "Flamboyan",
    "Bakau",
    "Nipah",
    "Pinang",
    "Kelapa",
    "Durian",
    "Rambutan",
    "Merpati",
    "Rajawali",
    "Elang",
    "Camar",
    "Harapan",
    "Damai",
    "Sejahtera",
    "Bahagia",
    "Bersama",
    "Makmur",
    "Pelita",
    "Bintang",
    "Pelangi",
    "Samudra",
    "Bahari",
    "Pesisir",
)
STREET_KINDS_CITY = ("Jl.", "Gg.", "Perum", "Kav.")


def draw_households(units: gpd.GeoDataFrame, volume: float, rng: np.random.Generator) -> pd.DataFrame:
    """Households without dwelling point (:func:`place_dwellings`), status and flags (they
    depend on the verivali history)."""
    total = scaled_count(volume, HOUSEHOLDS_PER_SCALE, least=len(units) * 4)
    weight = units["penduduk"].to_numpy() * units["poverty"].to_numpy()
    # At least a few per kelurahan so every map unit has data even in a tiny build.
    counts = 3 + rng.multinomial(total - 3 * len(units), weight / weight.sum())
    unit = np.repeat(np.arange(len(units)), counts)
    n = len(unit)
    seq = np.arange(n) - np.repeat(np.cumsum(counts) - counts, counts) + 1
    island = units["island"].to_numpy()[unit]

    registered = np.where(
        rng.random(n) < 0.88,
        dates_from(rng.uniform(0, 4717, n), np.datetime64("2012-01-01")),  # up to 2024-11-30
        dates_from(rng.uniform(0, 577, n), np.datetime64("2024-12-01")),  # up to 2026-06-30
    )
    kk_issued = np.maximum(registered - rng.integers(0, 4000, n) * DAY, np.datetime64("1998-01-01"))
    kk_region = 217_100 + units["kode_kecamatan"].str[-2:].astype(int).to_numpy()[unit]
    no_kk = people.civil_numbers(kk_region, kk_issued, rng)

    desil_p = np.array([0.16, 0.17, 0.16, 0.14, 0.10, 0.08, 0.06, 0.05, 0.04, 0.04])
    desil_island_p = np.array([0.24, 0.21, 0.17, 0.13, 0.08, 0.06, 0.04, 0.03, 0.02, 0.02])
    desil = np.where(island, choice(rng, desil_island_p, n), choice(rng, desil_p, n)) + 1

    word = rng.integers(0, len(STREET_WORDS), n)
    kind = rng.integers(0, len(STREET_KINDS_CITY), n)
    street = np.where(island, "Kampung", np.asarray(STREET_KINDS_CITY, dtype=object)[kind])
    alamat = (
        pd.Series(street, dtype="str")
        + " "
        + pd.Series(np.asarray(STREET_WORDS)[word], dtype="str")
        + " No. "
        + pd.Series(rng.integers(1, 150, n)).astype("str")
    )
    kode_digits = units["kode"].str.replace(".", "", regex=False).to_numpy()
    id_dtks = pd.Series(kode_digits[unit], dtype="str") + pd.Series(seq).astype("str").str.zfill(6)
    return pd.DataFrame(
        {
            "unit": unit.astype(np.int32),
            "id_dtks": id_dtks,
            "no_kk": no_kk,
            "alamat": alamat,
            "rt": pd.Series(rng.integers(1, 16, n)).astype("str").str.zfill(3),
            "rw": pd.Series(rng.integers(1, 9, n)).astype("str").str.zfill(3),
            "desil": desil.astype(np.int8),
            "tanggal_terdaftar": registered,
            "size": _household_sizes(island, rng),
        }
    )


def place_dwellings(units: gpd.GeoDataFrame, households: pd.DataFrame, rng: np.random.Generator) -> None:
    """Dwelling points (``lon``, ``lat``) inside the household's kelurahan; a few placed in the
    nearest other kelurahan (the "wrong kelurahan" finding) and some left without a point.

    The draws have a stream of their own (``rng``): how many a polygon takes depends on its
    shape, and a new boundary file should move the points, not the rest of the register.
    """
    unit = households["unit"].to_numpy()
    n = len(unit)
    inside = units["inside"].to_numpy()
    lonlat = np.full((n, 2), np.nan)
    for k, geom in enumerate(inside):
        rows = np.flatnonzero(unit == k)
        lonlat[rows] = points_inside(geom, len(rows), rng)
    misplaced = rng.random(n) < MISPLACED_DWELLING_SHARE
    neighbour = units["neighbour"].to_numpy()
    for k in np.unique(unit[misplaced]):
        rows = np.flatnonzero(misplaced & (unit == k))
        lonlat[rows] = points_inside(inside[neighbour[k]], len(rows), rng)
    lonlat[(rng.random(n) < DWELLING_WITHOUT_POINT_SHARE) & ~misplaced] = np.nan
    households["lon"], households["lat"] = lonlat[:, 0], lonlat[:, 1]


def _household_sizes(island: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    city = [0.14, 0.22, 0.23, 0.20, 0.11, 0.06, 0.03, 0.01]
    islands = [0.10, 0.18, 0.21, 0.21, 0.14, 0.09, 0.05, 0.02]
    n = len(island)
    return (np.where(island, choice(rng, islands, n), choice(rng, city, n)) + 1).astype(np.int8)


def set_flags(households: pd.DataFrame, rng: np.random.Generator) -> None:
    """Programme flags from the desil, with a few percent that no longer fit (desil above the
    limit, household no longer active): the recipients 6T tepat sasaran should catch."""
    n = len(households)
    desil = households["desil"].to_numpy()
    low = desil <= 4
    near = (desil >= 5) & (desil <= 6)
    # Most inactive households were taken off the programmes; some still draw them.
    kept = (households["status"].to_numpy() == "aktif") | (rng.random(n) < 0.3)
    households["flag_pkh"] = kept & ((low & (rng.random(n) < 0.34)) | (near & (rng.random(n) < 0.03)))
    households["flag_bpnt"] = kept & ((low & (rng.random(n) < 0.44)) | (near & (rng.random(n) < 0.03)))
    households["flag_pbi_jkn"] = kept & (
        ((desil <= 5) & (rng.random(n) < 0.8)) | ((desil >= 6) & (desil <= 7) & (rng.random(n) < 0.2))
    )


def insert_households(con: duckdb.DuckDBPyConnection, units: gpd.GeoDataFrame, households: pd.DataFrame) -> None:
    """The households' dtks_keluarga columns, with the kelurahan code of their unit."""
    frame = households[
        [
            "id_dtks",
            "alamat",
            "rt",
            "rw",
            "lon",
            "lat",
            "desil",
            "flag_pkh",
            "flag_bpnt",
            "flag_pbi_jkn",
            "status",
            "tanggal_terdaftar",
        ]
    ].assign(
        no_kk=households["no_kk"].astype("str"),
        kode_kelurahan=units["kode"].to_numpy()[households["unit"].to_numpy()],
    )
    insert(con, "dtks_keluarga_insert", demo_frame=frame)


def draw_members(
    units: gpd.GeoDataFrame, households: pd.DataFrame, volume: float, rng: np.random.Generator
) -> pd.DataFrame:
    """Members with relations, ages consistent with them, NIK and match status; a few
    dozen NIK duplicated across households and a few dozen households left without a head."""
    size = households["size"].to_numpy().astype(np.int64)
    hh = np.repeat(np.arange(len(households)), size)
    n = len(hh)
    position = np.arange(n) - np.repeat(np.cumsum(size) - size, size)
    head = position == 0
    unit = households["unit"].to_numpy()[hh]
    relations = {r: i for i, r in enumerate(codes.RELATIONS)}

    head_age = np.clip(19 + rng.gamma(4.0, 7.5, len(households)), 19, 90)[hh]
    head_female = (rng.random(len(households)) < 0.22)[hh]
    draw = choice(rng, [0.80, 0.07, 0.04, 0.03, 0.04, 0.02], n)
    others = np.array([relations[r] for r in ("anak", "cucu", "orang_tua", "menantu", "famili_lain", "lainnya")])
    relation = others[draw]
    relation = np.where((position == 1) & (rng.random(n) < 0.82), relations["pasangan"], relation)
    # Grandchildren and children-in-law need an older head, a parent a younger one.
    relation = np.where((relation == relations["cucu"]) & (head_age < 48), relations["anak"], relation)
    relation = np.where((relation == relations["menantu"]) & (head_age < 42), relations["famili_lain"], relation)
    relation = np.where((relation == relations["orang_tua"]) & (head_age > 62), relations["famili_lain"], relation)
    relation = np.where(head, relations["kepala_keluarga"], relation)

    age = rng.uniform(1, 80, n)
    spouse_gap = rng.normal(3.0, 4.0, n)
    age = np.where(
        relation == relations["pasangan"],
        np.clip(head_age + np.where(head_female, spouse_gap, -spouse_gap), 17, 95),
        age,
    )
    child = head_age - rng.uniform(19, 42, n)
    age = np.where(
        relation == relations["anak"], np.where(child >= 0, child, rng.uniform(0, 1, n) * (head_age - 19)), age
    )
    grandchild = head_age - rng.uniform(40, 60, n)
    age = np.where(
        relation == relations["cucu"],
        np.where(grandchild >= 0, grandchild, rng.uniform(0, 1, n) * (head_age - 40)),
        age,
    )
    age = np.where(relation == relations["orang_tua"], np.minimum(head_age + rng.uniform(18, 35, n), 98), age)
    age = np.where(relation == relations["menantu"], np.maximum(head_age - rng.uniform(18, 35, n), 17), age)
    age = np.where(head, head_age, age)
    born = people.birth_dates(age, rng)

    female = np.where(head, head_female, rng.random(n) < 0.5)
    female = np.where(relation == relations["pasangan"], ~head_female, female)

    elsewhere = rng.random(n) < np.where(relation == relations["orang_tua"], 0.5, people.BORN_ELSEWHERE_SHARE)
    kec_digits = units["kode_kecamatan"].str[-2:].astype(int).to_numpy()[unit]
    region, birthplace = people.birth_regions(elsewhere, 217_100 + kec_digits, rng)
    nik = people.civil_numbers(region, born, rng, female)

    status = households["status"].to_numpy()[hh].astype(object)
    active = status == "aktif"
    died = active & ~head & (age > 65) & (rng.random(n) < 0.03)
    moved = active & ~head & (relation == relations["anak"]) & (age > 18) & (age < 35) & (rng.random(n) < 0.04)
    status = np.where(died, "meninggal", np.where(moved, "pindah", status))

    padan_p = units["padan_rate"].to_numpy()[unit] * np.where(elsewhere, 0.9, 1.0)
    # Heads of beneficiary households were matched first: payment needs a matched NIK.
    beneficiary = (households["flag_pkh"] | households["flag_bpnt"]).to_numpy()[hh]
    padan_p = np.where(head & beneficiary, 0.97, padan_p)
    padan_p = np.where(age < 1, 0.3, padan_p)
    padan = np.where(rng.random(n) < padan_p, 0, np.where(rng.random(n) < 0.35, 1, 2))

    given, family = people.names(rng, female)
    members = pd.DataFrame(
        {
            "hh": hh.astype(np.int32),
            "position": position.astype(np.int16),
            "nik": nik,
            "given": given.astype(np.int32),
            "family": family.astype(np.int32),
            "birthplace": birthplace.astype(np.int16),
            "tanggal_lahir": born,
            "female": female,
            "relation": relation.astype(np.int8),
            "padan": padan.astype(np.int8),
            "status": status,
        }
    )
    _plant_duplicate_niks(members, volume, rng)
    _plant_headless(members, households, volume, rng)
    return members


def _plant_duplicate_niks(members: pd.DataFrame, volume: float, rng: np.random.Generator) -> None:
    """The same person registered in two households: an adult child of one household also
    listed as other family in another, with the same NIK, name and birth date."""
    wanted = scaled_count(volume, DUPLICATE_NIK_PER_SCALE, least=2)
    age_days = (REFERENCE_DATE - members["tanggal_lahir"].to_numpy()) / DAY
    active = members["status"].to_numpy() == "aktif"
    relation = members["relation"].to_numpy()
    sources = np.flatnonzero(active & (relation == codes.RELATIONS.index("anak")) & (age_days > 18 * 365.25))
    targets = np.flatnonzero(
        active & np.isin(relation, [codes.RELATIONS.index("famili_lain"), codes.RELATIONS.index("lainnya")])
    )
    count = min(wanted, len(sources), len(targets))
    source = rng.choice(sources, count, replace=False)
    target = rng.choice(targets, count, replace=False)
    differ = members["hh"].to_numpy()[source] != members["hh"].to_numpy()[target]
    source, target = source[differ], target[differ]
    for column in ("nik", "given", "family", "birthplace", "tanggal_lahir", "female", "padan"):
        members.loc[target, column] = members[column].to_numpy()[source]


def _plant_headless(members: pd.DataFrame, households: pd.DataFrame, volume: float, rng: np.random.Generator) -> None:
    """Active households whose head was recorded as other family: the "no head" finding."""
    wanted = scaled_count(volume, HEADLESS_PER_SCALE, least=2)
    candidates = np.flatnonzero((households["status"].to_numpy() == "aktif") & (households["size"].to_numpy() >= 2))
    chosen = rng.choice(candidates, min(wanted, len(candidates)), replace=False)
    rows = np.flatnonzero(np.isin(members["hh"].to_numpy(), chosen) & (members["position"].to_numpy() == 0))
    members.loc[rows, "relation"] = np.int8(codes.RELATIONS.index("famili_lain"))


def recipient_nik(households: pd.DataFrame, members: pd.DataFrame) -> np.ndarray:
    """The NIK bansos is paid to: the head's, or the first member's where no head is recorded."""
    first = members.drop_duplicates("hh")
    nik = pd.Series(first["nik"].to_numpy(), index=first["hh"].to_numpy())
    return nik.reindex(np.arange(len(households))).astype("str").to_numpy()


def insert_members(con: duckdb.DuckDBPyConnection, households: pd.DataFrame, members: pd.DataFrame) -> None:
    """Members with their ids, names and places spelled out by DuckDB from the index columns."""
    given, family = people.name_pool()
    frame = members.drop(columns="status").assign(
        status=pd.Categorical(members["status"], categories=codes.HOUSEHOLD_STATUS),
        relation=pd.Categorical.from_codes(members["relation"], categories=codes.RELATIONS),
        padan=pd.Categorical.from_codes(members["padan"], categories=codes.PADAN_STATUS),
    )
    insert(
        con,
        "dtks_anggota_insert",
        demo_members=frame,
        demo_households=pd.DataFrame(
            {"hh": np.arange(len(households), dtype=np.int32), "id_dtks": households["id_dtks"]}
        ),
        demo_given=pd.DataFrame({"i": np.arange(len(given), dtype=np.int32), "nama": given}),
        demo_family=pd.DataFrame({"i": np.arange(len(family), dtype=np.int32), "nama": family}),
        demo_places=pd.DataFrame(
            {
                "i": np.arange(len(people.BIRTHPLACES), dtype=np.int16),
                "nama": list(people.BIRTHPLACES),
            }
        ),
    )
