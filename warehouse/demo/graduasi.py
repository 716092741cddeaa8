"""PKH graduation of the demo: about a hundred KPM a year graduate sejahtera mandiri (Batam
reported some 100 in one report), others leave by graduasi alamiah (no longer eligible, moved,
died); their PKH distributions stop after they leave and their PKH flag is cleared. The agency's
graduation list records most of them, with the faults a real list has: KPM that left with no
reason on record, alamiah exits never listed, and a few listed graduates still paid."""

from __future__ import annotations

import duckdb
import geopandas as gpd
import numpy as np
import pandas as pd

from warehouse.demo.common import DAY, REFERENCE_DATE, dates_from, insert

YEARS = (2025, 2026)
# Shares of the PKH KPM that graduate sejahtera mandiri each year (about 105 and 100 at scale 1).
SEJAHTERA_SHARE = {2025: 0.0062, 2026: 0.0058}
NOT_ELIGIBLE_SHARE = 0.3  # of the PKH KPM above desil 4
CLOSED_SHARE = 0.4  # of the PKH KPM the register closed (moved, died)
CLOSED_LISTED_SHARE = 0.5  # of those, listed by the agency
UNEXPLAINED_SHARE = 0.0015  # of the active poor KPM: stopped with no reason on record
STILL_PAID_COUNT = 4  # listed sejahtera mandiri graduates whose payments did not stop
# The list's latest graduation date: the list was last updated a month before the data date.
LIST_UNTIL = REFERENCE_DATE - 30 * DAY


def _kinds(households: pd.DataFrame, rng: np.random.Generator) -> pd.DataFrame:
    """Who leaves PKH, when (``tanggal``: the graduation date), by which kind, and whether the
    list records it (``listed``)."""
    n = len(households)
    pkh = households["flag_pkh"].to_numpy()
    status = households["status"].to_numpy()
    desil = households["desil"].to_numpy()
    early = households["tanggal_terdaftar"].to_numpy() < np.datetime64("2025-01-01")
    active = status == "aktif"
    taken = np.zeros(n, dtype=bool)
    parts = []

    def pick(candidates: np.ndarray, share: float) -> np.ndarray:
        rows = np.flatnonzero(candidates & ~taken & (rng.random(n) < share))
        taken[rows] = True
        return rows

    for year in YEARS:
        # A share of all PKH KPM, drawn among the better-off of them (desil 3-4).
        free = np.flatnonzero(pkh & active & early & (desil >= 3) & (desil <= 4) & ~taken)
        count = min(len(free), int(round(SEJAHTERA_SHARE[year] * pkh.sum())))
        rows = np.sort(rng.choice(free, count, replace=False))
        taken[rows] = True
        first = np.datetime64(f"{year}-01-06")
        last = min(np.datetime64(f"{year}-12-20"), LIST_UNTIL)
        days = rng.uniform(0, (last - first) / DAY, len(rows))
        parts.append(pd.DataFrame({"row": rows, "jenis": "sejahtera_mandiri", "tanggal": dates_from(days, first)}))
    rows = pick(pkh & active & early & (desil > 4), NOT_ELIGIBLE_SHARE)
    parts.append(pd.DataFrame({"row": rows, "jenis": "alamiah_tidak_layak"}))
    rows = pick(pkh & early & np.isin(status, ["pindah", "meninggal"]), CLOSED_SHARE)
    parts.append(pd.DataFrame({"row": rows, "jenis": "alamiah_" + status[rows].astype(str)}))
    rows = pick(pkh & active & early & (desil <= 4), UNEXPLAINED_SHARE)
    parts.append(pd.DataFrame({"row": rows, "jenis": "tanpa_keterangan"}))
    out = pd.concat(parts, ignore_index=True)
    undated = out["tanggal"].isna().to_numpy()
    span = (LIST_UNTIL - np.datetime64("2025-01-06")) / DAY
    drawn = dates_from(rng.uniform(0, span, len(out)), np.datetime64("2025-01-06"))
    out["tanggal"] = np.where(undated, drawn, out["tanggal"].to_numpy(dtype="datetime64[D]"))
    listed = out["jenis"].isin(["sejahtera_mandiri", "alamiah_tidak_layak"]).to_numpy()
    closed = out["jenis"].isin(["alamiah_pindah", "alamiah_meninggal"]).to_numpy()
    out["listed"] = listed | (closed & (rng.random(len(out)) < CLOSED_LISTED_SHARE))
    # A few listed graduates whose payments did not stop.
    sejahtera = np.flatnonzero(out["jenis"].to_numpy() == "sejahtera_mandiri")
    out["still_paid"] = False
    out.loc[rng.choice(sejahtera, min(STILL_PAID_COUNT, len(sejahtera)), replace=False), "still_paid"] = True
    return out


def insert_graduation(
    con: duckdb.DuckDBPyConnection, units: gpd.GeoDataFrame, households: pd.DataFrame, rng: np.random.Generator
) -> None:
    """Stop the PKH distributions of the KPM that left after their graduation date, clear their
    PKH flag, and write the agency's graduation list."""
    leaving = _kinds(households, rng)
    rows = leaving["row"].to_numpy()
    ids = households["id_dtks"].to_numpy()[rows]
    stops = pd.DataFrame(
        {
            "id_dtks": ids,
            "stop_after": leaving["tanggal"].to_numpy(dtype="datetime64[D]"),
            "still_paid": leaving["still_paid"].to_numpy(),
        }
    )
    insert(con, "graduasi_stop_delete", demo_stops=stops)
    insert(con, "graduasi_flag_update", demo_stops=stops)
    listed = leaving[leaving["listed"].to_numpy()]
    listed_rows = listed["row"].to_numpy()
    tanggal = listed["tanggal"].to_numpy(dtype="datetime64[D]")
    frame = pd.DataFrame(
        {
            "id_dtks": households["id_dtks"].to_numpy()[listed_rows],
            "tahun": tanggal.astype("datetime64[Y]").astype(int) + 1970,
            "tanggal_graduasi": tanggal,
            "jenis": listed["jenis"].to_numpy(),
            "kode_kelurahan": units["kode"].to_numpy()[households["unit"].to_numpy()[listed_rows]],
            "nik_penerima": households["nik_penerima"].to_numpy()[listed_rows],
        }
    )
    insert(con, "pkh_graduasi_insert", demo_frame=frame)
