"""The demo build: one seeded random stream per step, the generators called in order, the
rows counted and the build recorded in impor_log and metadata."""

from __future__ import annotations

import duckdb
import numpy as np
import pandas as pd

import queries
from warehouse.demo import bansos, geography, graduasi, pendataan, pmks, register, usulan, verivali
from warehouse.demo.common import REFERENCE_DATE, REGION, insert
from warehouse.imports import refresh
from warehouse.progress import Progress, silent

# Appending a step leaves the earlier steps' streams (and so their data) as they were.
_STEPS = (
    "wilayah",
    "keluarga",
    "verivali",
    "anggota",
    "petugas",
    "pmks",
    "bansos",
    "desil",
    "dwellings",
    "case_points",
    "usulan",
    "graduasi",
    "pendataan",
)


def build(
    con: duckdb.DuckDBPyConnection,
    scale: int = 1,
    seed: int = 2171,
    progress: Progress = silent,
    *,
    fraction: float = 1.0,
) -> dict[str, int]:
    """Fill every table of the schema with the synthetic Kota Batam demo.

    Parameters
    ----------
    con : duckdb.DuckDBPyConnection
        A connection inside an open transaction on a warehouse whose schema exists and whose
        tables are empty (``db.atomic_build`` gives one). Nothing is committed here.
    scale : int
        Multiplies households (80,000), members (about 260,000), PMKS cases (6,000) and bansos
        distributions (about 550,000) at scale 1. Kelurahan (64) and enumerators (87) stay.
    seed : int
        Seed of every random draw: the same seed and scale give identical tables.
    progress : callable
        Called as ``progress(label, fraction_done)`` between steps.
    fraction : float
        Share of the scale-1 volume, for tests and benchmarks that need a quick complete
        build; 1.0 for the real demo. Counts never fall below a handful.

    Returns
    -------
    dict
        Rows per table, for every table of the schema.
    """
    if scale < 1:
        raise ValueError("scale must be 1 or more")
    if not 0 < fraction <= 1:
        raise ValueError("fraction must be in (0, 1]")
    volume = scale * fraction
    # One independent stream per step: a change in one step leaves the others' draws alone.
    streams = np.random.SeedSequence(seed).spawn(len(_STEPS))
    rng = {step: np.random.default_rng(s) for step, s in zip(_STEPS, streams)}
    done = iter(np.linspace(0.0, 1.0, 11))

    progress("wilayah", next(done))
    units = geography.draw_units(rng["wilayah"])
    geography.insert_wilayah(con, units)

    progress("dtks_keluarga", next(done))
    households = register.draw_households(units, volume, rng["keluarga"])
    register.place_dwellings(units, households, rng["dwellings"])
    plan = verivali.draw_plan(units, households, rng["verivali"])
    households["status"] = plan.status
    register.set_flags(households, rng["keluarga"])

    progress("dtks_anggota", next(done))
    members = register.draw_members(units, households, volume, rng["anggota"])
    households["nik_penerima"] = register.recipient_nik(households, members)
    register.insert_households(con, units, households)
    register.insert_members(con, households, members)
    del members

    progress("petugas", next(done))
    staff = verivali.draw_staff(units, households, rng["petugas"])
    verivali.insert_staff(con, units, staff)

    progress("verivali", next(done))
    verivali.insert_cycles(con)
    verivali.insert_verivali(con, units, households, plan, staff, rng["verivali"], rng["desil"])
    usulan.insert_proposals(con, usulan.draw_proposals(units, households, plan, rng["usulan"]))
    del plan

    progress("pmks_kasus", next(done))
    pmks.insert_cases(con, units, volume, rng["pmks"], rng["case_points"])

    progress("bansos", next(done))
    bansos.insert_bansos(con, units, households, rng["bansos"], lambda f: progress("bansos_penyaluran", 0.6 + 0.3 * f))
    graduasi.insert_graduation(con, units, households, rng["graduasi"])

    progress("pendataan_catatan", 0.9)
    pendataan.insert_campaign(con, units, staff, rng["pendataan"])

    progress("metadata", 0.95)
    refresh.refresh_derived(con)
    counts = table_counts(con)
    _insert_log(con, counts, seed, scale, fraction)
    counts = table_counts(con)
    progress("selesai", 1.0)
    return counts


def table_counts(con: duckdb.DuckDBPyConnection) -> dict[str, int]:
    """Rows of every table of the schema, in the order the schema created them."""
    tables = con.execute(queries.load("demo/tables")).fetchall()
    rows = queries.load("demo/table_rows")
    return {t: con.execute(rows, {"table": t}).fetchall()[0][0] for (t,) in tables}


def _insert_log(con: duckdb.DuckDBPyConnection, counts: dict[str, int], seed: int, scale: int, fraction: float) -> None:
    """The build as one impor_log row (rows: the sum of ``counts``) and the metadata keys."""
    rows = sum(counts.values())
    note = f"Kota Batam demo: seed {seed}, scale {scale}" + (f", fraction {fraction:g}" if fraction != 1 else "")
    log = pd.DataFrame(
        [
            {
                "id_impor": 1,
                "jenis": "demo",
                "nama_file": None,
                "hash_file": None,
                # The data date, not the clock: the same seed must give the same warehouse.
                "waktu": pd.Timestamp(str(REFERENCE_DATE)),
                "baris_dibaca": rows,
                "baris_dimuat": rows,
                "baris_karantina": 0,
                "catatan": note,
            }
        ]
    )
    insert(con, "impor_log_insert", demo_frame=log)
    metadata = pd.DataFrame(
        {
            "kunci": ["tanggal_data", "kode_region", "demo", "seed", "scale", "siklus_aktif"],
            "nilai": [str(REFERENCE_DATE), REGION, "true", str(seed), str(scale), verivali.CURRENT_CYCLE[0]],
        }
    )
    if fraction != 1:
        metadata.loc[len(metadata)] = ["fraction", f"{fraction:g}"]
    insert(con, "metadata_insert", demo_frame=metadata)
