"""The demo's pendataan campaign: anak yatim piatu, targets per kecamatan (config/pendataan.toml
holds the same campaign), collected by one TKSK per kecamatan and the PKH facilitators, with the
faults a real file has (a record dated before the campaign, a kelurahan that does not exist, a
record id sent twice) quarantined as the import would quarantine them."""

from __future__ import annotations

import json

import duckdb
import geopandas as gpd
import numpy as np
import pandas as pd

from warehouse.demo import people
from warehouse.demo.common import DAY, REFERENCE_DATE, choice, insert, no_sundays

CAMPAIGN = "YATIM-2026"
START = np.datetime64("2026-09-01")
END = np.datetime64("2026-12-15")
CATEGORIES = ("yatim", "piatu", "yatim_piatu")
CATEGORY_WEIGHTS = (0.55, 0.25, 0.20)
# Records expected per kecamatan by END, as in config/pendataan.toml.
TARGETS = {
    "21.71.01": 40,
    "21.71.02": 90,
    "21.71.03": 200,
    "21.71.04": 140,
    "21.71.05": 20,
    "21.71.06": 130,
    "21.71.07": 230,
    "21.71.08": 30,
    "21.71.09": 160,
    "21.71.10": 300,
    "21.71.11": 350,
    "21.71.12": 240,
}
# Share of what is due by the data date each kecamatan has collected: two island kecamatan and
# crowded Sagulung lag well behind, Batam Kota is ahead, the rest near the pace.
PACE_FIXED = {"21.71.05": 0.45, "21.71.08": 0.4, "21.71.11": 0.6, "21.71.10": 1.15}
TKSK_SHARE = 0.6
ID_IMPOR = 2
FILE_NAME = "pendataan_yatim_piatu_2026.xlsx"
FAULTS = ("outside_campaign", "kelurahan_unknown", "duplicate_in_file")


def _elapsed_share() -> float:
    return float(((REFERENCE_DATE - START) / DAY + 1) / ((END - START) / DAY + 1))


def draw_records(units: gpd.GeoDataFrame, staff: pd.DataFrame, rng: np.random.Generator) -> pd.DataFrame:
    """The campaign's records: per kecamatan its target x the elapsed share x its pace, each in a
    kelurahan of it (by population), by its TKSK or a PKH facilitator posted there, on a day from
    the campaign's start to the data date (no Sundays). Columns of pendataan_catatan."""
    kec = units["kode_kecamatan"].to_numpy()
    codes = sorted(TARGETS)
    female = rng.random(len(codes)) < 0.5
    given, family = people.names(rng, female)
    pool_given, pool_family = people.name_pool()
    tksk = pd.DataFrame(
        {
            "id_petugas": [f"TKSK-{c[-2:]}" for c in codes],
            "nama_petugas": [f"{pool_given[g]} {pool_family[f]}" for g, f in zip(given, family)],
            "peran": "tksk",
            "kode_kecamatan": codes,
        }
    )
    pkh = staff[staff["peran"] == "pendamping_pkh"]
    facilitators = pkh.assign(nama_petugas=pkh["nama"], kode_kecamatan=kec[pkh["unit"].to_numpy()])
    share = _elapsed_share()
    days = int((REFERENCE_DATE - START) / DAY) + 1
    frames = []
    for i, code in enumerate(codes):
        pace = PACE_FIXED.get(code, rng.uniform(0.85, 1.1))
        n = int(round(TARGETS[code] * share * pace))
        inside = np.flatnonzero(kec == code)
        unit = inside[choice(rng, units["penduduk"].to_numpy()[inside], n)]
        # The kecamatan's collectors: its TKSK first, then the facilitators posted in it.
        crew = pd.concat(
            [tksk.iloc[[i]], facilitators.loc[facilitators["kode_kecamatan"] == code, tksk.columns]], ignore_index=True
        )
        by_tksk = (rng.random(n) < TKSK_SHARE) | (len(crew) == 1)
        who = np.where(by_tksk, 0, 1 + rng.integers(0, max(len(crew) - 1, 1), n))
        dates = no_sundays(START + rng.integers(0, days, n) * DAY, START, REFERENCE_DATE)
        frames.append(
            crew.iloc[who][["id_petugas", "nama_petugas", "peran"]]
            .reset_index(drop=True)
            .assign(
                kode_kelurahan=units["kode"].to_numpy()[unit],
                tanggal=dates,
                kategori=np.take(CATEGORIES, choice(rng, CATEGORY_WEIGHTS, n)),
            )
        )
    records = pd.concat(frames, ignore_index=True).sort_values(["id_petugas", "tanggal"], kind="stable")
    seq = records.groupby("id_petugas").cumcount() + 1
    records["id_catatan"] = records["id_petugas"] + "/" + seq.map("{:04d}".format)
    records["kode_kampanye"] = CAMPAIGN
    return records.reset_index(drop=True)


def _faults(records: pd.DataFrame, units: gpd.GeoDataFrame) -> pd.DataFrame:
    """The three rows the import quarantines, as its masked quarantine rows (the collector's name
    as initials), numbered after the loaded rows of the file."""
    first = records.iloc[0]
    names = dict(zip(units["kode"], units["kelurahan"]))
    kecamatan = dict(zip(units["kode"], units["kecamatan"]))
    kode = first["kode_kelurahan"]
    rows = [
        # Dated the week before the campaign opened.
        {**first, "id_catatan": f"{first['id_petugas']}/0000", "tanggal": "2026-08-25"},
        # A kelurahan name that is not in Batam's code list.
        {**first, "id_catatan": f"{first['id_petugas']}/9001", "kelurahan": "Tanjung Sari Baru"},
        # The first record sent a second time with another date.
        {**first, "tanggal": "2026-10-02"},
    ]
    out = []
    for i, (row, reason) in enumerate(zip(rows, FAULTS)):
        data = {
            "nomor_baris": len(records) + i + 1,
            "kode_kampanye": row["kode_kampanye"],
            "id_catatan": row["id_catatan"],
            "id_petugas": row["id_petugas"],
            "nama": " ".join(f"{w[0].upper()}." for w in str(row["nama_petugas"]).split()),
            "peran": row["peran"],
            "kecamatan": kecamatan[kode],
            "kelurahan": row.get("kelurahan") or names[kode],
            "tanggal": str(pd.Timestamp(row["tanggal"]).date()),
            "kategori": row["kategori"],
        }
        kolom = {"outside_campaign": "tanggal", "kelurahan_unknown": "kelurahan", "duplicate_in_file": "id_catatan"}[
            reason
        ]
        out.append(
            {
                "id_impor": ID_IMPOR,
                "nomor_baris": data["nomor_baris"],
                "kolom": kolom,
                "alasan": reason,
                "data": json.dumps(data),
                "nilai": data[kolom],
                "tersamar": True,
            }
        )
    return pd.DataFrame(out)


def insert_campaign(
    con: duckdb.DuckDBPyConnection, units: gpd.GeoDataFrame, staff: pd.DataFrame, rng: np.random.Generator
) -> None:
    """The campaign's records in pendataan_catatan, its import in impor_log and the three faulty
    rows in impor_karantina."""
    records = draw_records(units, staff, rng)
    insert(con, "pendataan_catatan_insert", demo_frame=records)
    faults = _faults(records, units)
    insert(con, "pendataan_karantina_insert", demo_frame=faults)
    log = pd.DataFrame(
        [
            {
                "id_impor": ID_IMPOR,
                "jenis": "pendataan",
                "nama_file": FILE_NAME,
                "hash_file": None,
                "waktu": pd.Timestamp(str(REFERENCE_DATE)) - pd.Timedelta(hours=6),
                "baris_dibaca": len(records) + len(faults),
                "baris_dimuat": len(records),
                "baris_karantina": len(faults),
                "catatan": f"xlsx; new: pendataan_catatan {len(records)}",
            }
        ]
    )
    insert(con, "pendataan_impor_log_insert", demo_frame=log)
