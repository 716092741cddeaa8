"""Bansos of the demo: the PKH and BPNT programmes, their tahap, and one distribution per
KPM and tahap, with the 6T failures an auditor should find."""

from __future__ import annotations

import duckdb
import geopandas as gpd
import numpy as np
import pandas as pd

from domain import codes
from warehouse.demo.common import DAY, REFERENCE_DATE, choice, insert
from warehouse.progress import Progress

# 6T patterns an auditor should find.
DEDUCTION_KELURAHAN = ("21.71.11.1003", "21.71.12.1004", "21.71.06.1005", "21.71.03.1003")
DEDUCTIONS_RUPIAH = np.array([10_000, 20_000, 25_000, 50_000])
OVERPRICED_EWARONG_COUNT = 3

BANKS = ("BANK-BNI", "BANK-BRI", "BANK-MANDIRI")
BANK_WEIGHTS = (0.5, 0.35, 0.15)
BATCH_ROWS = 500_000
DOCUMENTS_ALL = 0b111  # bit i: codes.DOCUMENTS[i] present (bast, foto, ktp)


def _tahap() -> pd.DataFrame:
    """PKH: eight quarterly tahap of 2025-2026, paid in the first two months of the quarter.
    BPNT: 24 monthly tahap from 2024-12 to 2026-11."""
    rows = []
    for year in (2025, 2026):
        for quarter in range(4):
            first = np.datetime64(f"{year}-{3 * quarter + 1:02d}-01")
            last = (first.astype("datetime64[M]") + 2).astype("datetime64[D]") - DAY
            rows.append(("PKH", f"{year}-T{quarter + 1}", first, last, 750_000, None))
    for month in np.arange(np.datetime64("2024-12"), np.datetime64("2026-12")):
        first = month.astype("datetime64[D]")
        last = (month + 1).astype("datetime64[D]") - DAY
        rows.append(("BPNT", str(month), first, last, 200_000, 200_000))
    frame = pd.DataFrame(
        rows, columns=["kode_program", "tahap", "tanggal_mulai", "tanggal_selesai", "nilai_per_kpm", "harga_acuan"]
    )
    frame["harga_acuan"] = frame["harga_acuan"].astype("Int64")
    return frame


def insert_bansos(
    con: duckdb.DuckDBPyConnection,
    units: gpd.GeoDataFrame,
    households: pd.DataFrame,
    rng: np.random.Generator,
    step: Progress,
) -> None:
    """Programmes, tahap and one distribution per KPM and tahap, with the 6T failures an
    auditor should find: late payments on the islands, deductions in four kelurahan, photos
    missing at the post office, overpriced and substandard goods at a few e-warong, and
    recipients no longer eligible."""
    programs = pd.DataFrame(
        {
            "kode_program": ["PKH", "BPNT"],
            "nama": ["PKH", "BPNT/Sembako"],
            "jenis": ["tunai", "barang"],
            "periode": ["triwulan", "bulan"],
            "desil_maks": [4, 4],
            "dokumen_wajib": [list(codes.DOCUMENTS)] * 2,
            "toleransi_hari": [0, 0],
        }
    )
    insert(con, "bansos_program_insert", demo_frame=programs)
    tahap = _tahap()
    insert(con, "bansos_tahap_insert", demo_frame=tahap)

    n = len(households)
    unit = households["unit"].to_numpy()
    island = units["island"].to_numpy()[unit]
    kec = units["kode_kecamatan"].to_numpy()

    # Who pays whom: banks and post offices, and 1-4 e-warong per kelurahan by population.
    post_offices = sorted(set(kec))
    ewarong_count = np.clip(np.round(units["penduduk"].to_numpy() / 12_000), 1, 4).astype(int)
    ewarong_first = np.cumsum(ewarong_count) - ewarong_count
    penyalur = (
        list(BANKS)
        + [f"POS-{k.replace('.', '')}" for k in post_offices]
        + [f"EW-{i + 1:03d}" for i in range(ewarong_count.sum())]
    )
    post_index = len(BANKS) + np.searchsorted(post_offices, kec)[unit]
    ewarong_index = (
        len(BANKS) + len(post_offices) + ewarong_first[unit] + np.floor(rng.random(n) * ewarong_count[unit]).astype(int)
    )
    mainland_ewarong = np.concatenate(
        [np.arange(f, f + c) for f, c, isl in zip(ewarong_first, ewarong_count, units["island"]) if not isl]
    )
    chosen = len(BANKS) + len(post_offices) + rng.choice(mainland_ewarong, OVERPRICED_EWARONG_COUNT + 1, replace=False)
    overpriced, poor_quality = chosen[:-1], chosen[-1:]

    channel = {
        "PKH": np.where(rng.random(n) < np.where(island, 0.3, 0.85), 0, 1),
        "BPNT": np.where(rng.random(n) < np.where(island, 0.4, 0.88), 2, 1),
    }
    bank = choice(rng, BANK_WEIGHTS, n)
    deduction_unit = units["kode"].isin(DEDUCTION_KELURAHAN).to_numpy()[unit]
    keys = pd.DataFrame(
        {
            "hh": np.arange(n, dtype=np.int32),
            "id_dtks": households["id_dtks"],
            "nik_penerima": households["nik_penerima"],
            "kode_kelurahan": units["kode"].to_numpy()[unit],
        }
    )
    names = pd.DataFrame({"i": np.arange(len(penyalur), dtype=np.int16), "id_penyalur": penyalur})
    registered = households["tanggal_terdaftar"].to_numpy()

    batch: list[pd.DataFrame] = []
    starts = tahap["tanggal_mulai"].to_numpy(dtype="datetime64[D]")
    ends = tahap["tanggal_selesai"].to_numpy(dtype="datetime64[D]")
    for i, t in enumerate(tahap.itertuples(index=False)):
        step(i / len(tahap))
        flag = households["flag_pkh" if t.kode_program == "PKH" else "flag_bpnt"].to_numpy()
        # 2 % of KPM do not collect in a given tahap.
        hh = np.flatnonzero(flag & (registered < ends[i]) & (rng.random(n) >= 0.02))
        m = len(hh)
        kanal = channel[t.kode_program][hh]
        who = np.select([kanal == 0, kanal == 1], [bank[hh], post_index[hh]], ewarong_index[hh]).astype(np.int16)
        window = (ends[i] - starts[i]) / DAY
        on_time = starts[i] + np.floor(rng.beta(1.2, 3.0, m) * (window + 1)).astype("int64") * DAY
        late = rng.random(m) < np.where(island[hh], 0.3, 0.015)
        salur = np.where(late, ends[i] + rng.integers(1, 36, m) * DAY, on_time)
        keep = salur <= REFERENCE_DATE  # the rest is not paid yet
        hh, kanal, who, salur = hh[keep], kanal[keep], who[keep], salur[keep]
        m = len(hh)

        hak = np.full(m, t.nilai_per_kpm, dtype=np.int64)
        cut = rng.random(m) < np.where(deduction_unit[hh], 0.35, 0.004)
        diterima = hak - np.where(cut, DEDUCTIONS_RUPIAH[rng.integers(0, len(DEDUCTIONS_RUPIAH), m)], 0)
        docs = np.full(m, DOCUMENTS_ALL, dtype=np.int8)
        no_photo = (kanal == 1) & (rng.random(m) < 0.18)
        docs = np.where(no_photo, docs & ~np.int8(0b010), docs)
        other_gap = rng.random(m) < 0.01
        docs = np.where(other_gap, docs & ~(np.int8(1) << rng.integers(0, 3, m).astype(np.int8)), docs).astype(np.int8)
        if t.kode_program == "BPNT":
            dear = (np.isin(who, overpriced) & (rng.random(m) < 0.55)) | (rng.random(m) < 0.005)
            fair = t.harga_acuan - 2_500 * rng.integers(0, 4, m)
            harga = pd.array(np.where(dear, t.harga_acuan + 500 * rng.integers(10, 61, m), fair), dtype="Int64")
            bad = rng.random(m) < np.where(np.isin(who, poor_quality), 0.12, 0.015)
            kualitas = pd.array(~bad, dtype="boolean")
        else:
            harga = pd.array([None] * m, dtype="Int64")
            kualitas = pd.array([None] * m, dtype="boolean")
        batch.append(
            pd.DataFrame(
                {
                    "tahap_index": np.full(m, i, dtype=np.int8),
                    "seq": np.arange(1, m + 1, dtype=np.int32),
                    "hh": hh.astype(np.int32),
                    "nilai_hak": hak,
                    "nilai_diterima": diterima,
                    "tanggal_salur": salur,
                    "kanal": pd.Categorical.from_codes(kanal.astype(np.int8), categories=codes.CHANNELS),
                    "penyalur": who,
                    "harga_dibayar": harga,
                    "lolos_kualitas": kualitas,
                    "dokumen_mask": docs,
                }
            )
        )
        # Inserting a few large batches is faster than one per tahap, yet bounds the memory.
        if sum(len(f) for f in batch) >= BATCH_ROWS or i == len(tahap) - 1:
            _insert_distributions(con, pd.concat(batch, ignore_index=True), tahap, keys, names)
            batch = []
    step(1.0)


def _insert_distributions(
    con: duckdb.DuckDBPyConnection, frame: pd.DataFrame, tahap: pd.DataFrame, keys: pd.DataFrame, names: pd.DataFrame
) -> None:
    """A batch of distributions with their ids, keys and document lists spelled out."""
    insert(
        con,
        "bansos_penyaluran_insert",
        {"dokumen": list(codes.DOCUMENTS)},
        demo_distributions=frame,
        demo_tahap=tahap[["kode_program", "tahap"]].assign(i=np.arange(len(tahap), dtype=np.int8)),
        demo_keys=keys,
        demo_penyalur=names,
    )
