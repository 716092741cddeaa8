"""Verivali of the demo: the two cycles, the enumerators and PKH facilitators, and each
household's path through the stages (proposal, entry, Dinsos check, ground check, Dukcapil
match, desil): the previous cycle mostly complete, the current one uneven by kelurahan."""

from __future__ import annotations

import duckdb
import geopandas as gpd
import numpy as np
import pandas as pd

from domain import codes
from warehouse.demo import people
from warehouse.demo.common import DAY, REFERENCE_DATE, choice, dates_from, insert, no_sundays

# (siklus, nama, tanggal_mulai, tanggal_target)
PREVIOUS_CYCLE = ("2026-S1", "Verivali DTKS Semester I 2026", np.datetime64("2026-01-01"), np.datetime64("2026-06-30"))
CURRENT_CYCLE = ("2026-S2", "Verivali DTKS Semester II 2026", np.datetime64("2026-07-01"), np.datetime64("2026-12-31"))

ENUMERATORS = 87
FACILITATORS = 12

DESIL_STAGE = codes.VERIVALI_STAGES.index("desil")


def draw_staff(units: gpd.GeoDataFrame, households: pd.DataFrame, rng: np.random.Generator) -> pd.DataFrame:
    """87 enumerators posted roughly by workload (every kecamatan at least one) and a few PKH
    facilitators. Columns: id_petugas, nama, peran, unit (home kelurahan index), aktif_mulai."""
    load = np.bincount(households["unit"].to_numpy(), minlength=len(units)).astype(float)
    seats = _largest_remainder(load, ENUMERATORS)
    kec = units["kode_kecamatan"].to_numpy()
    for code in sorted(set(kec)):
        inside = kec == code
        if seats[inside].sum() == 0:
            # Take a seat from the best-served kelurahan for this kecamatan's busiest one.
            donor = np.argmax(np.where(seats > 1, seats - load / load.sum() * ENUMERATORS, -np.inf))
            seats[donor] -= 1
            seats[np.flatnonzero(inside)[np.argmax(load[inside])]] += 1
    home = np.repeat(np.arange(len(units)), seats)
    facilitators = rng.choice(np.flatnonzero(~units["island"].to_numpy()), FACILITATORS, replace=False)
    unit = np.concatenate([home, np.sort(facilitators)])
    female = rng.random(len(unit)) < 0.45
    given, family = people.names(rng, female)
    pool_given, pool_family = people.name_pool()
    names = [f"{pool_given[g]} {pool_family[f]}" for g, f in zip(given, family)]
    ids = [f"ENUM-{i + 1:03d}" for i in range(len(home))] + [f"PKH-{i + 1:03d}" for i in range(FACILITATORS)]
    started = dates_from(rng.uniform(0, 1065, len(unit)), np.datetime64("2023-01-02"))  # up to 2025-12-01
    return pd.DataFrame(
        {
            "id_petugas": ids,
            "nama": names,
            "peran": ["enumerator"] * len(home) + ["pendamping_pkh"] * FACILITATORS,
            "unit": unit,
            "aktif_mulai": started,
        }
    )


def _largest_remainder(weight: np.ndarray, seats: int) -> np.ndarray:
    """``seats`` whole seats shared in proportion to ``weight`` (largest remainder method)."""
    quota = weight / weight.sum() * seats
    whole = np.floor(quota).astype(int)
    left = seats - whole.sum()
    # Ties broken by position, so the result never depends on sort stability.
    order = np.lexsort((np.arange(len(quota)), -(quota - whole)))
    whole[order[:left]] += 1
    return whole


def insert_staff(con: duckdb.DuckDBPyConnection, units: gpd.GeoDataFrame, staff: pd.DataFrame) -> None:
    """The staff as petugas rows, with the kelurahan code of their home unit."""
    frame = staff.drop(columns="unit").assign(
        kode_kelurahan_asal=units["kode"].to_numpy()[staff["unit"].to_numpy()], aktif_sampai=None
    )
    insert(con, "petugas_insert", demo_frame=frame)


class Plan:
    """The verivali history of every household: per cycle a (households, 6 stages) array of
    dates (NaT where the stage was not reached) and the ground-check result code (-1: none),
    and the household status it leaves behind."""

    def __init__(self, n: int):
        self.dates = {c: np.full((n, 6), np.datetime64("NaT"), dtype="datetime64[D]") for c in (0, 1)}
        self.result = {c: np.full(n, -1, dtype=np.int8) for c in (0, 1)}
        self.status = np.full(n, "aktif", dtype=object)


def _stagedates_from(
    anchor: np.ndarray, reached: np.ndarray, earliest: np.ndarray, rng: np.random.Generator
) -> np.ndarray:
    """Dates of the first four stages (usulan, entri, cek, ground check) of households that
    reached stage ``reached`` (0-3) on ``anchor``: earlier stages go back by a few days each,
    squeezed so that none falls before ``earliest``. Later stages are NaT."""
    n = len(anchor)
    gaps = np.column_stack([rng.integers(3, 22, n), rng.integers(2, 15, n), rng.integers(1, 13, n)]).astype(float)
    gaps *= np.arange(1, 4)[None, :] <= reached[:, None]
    room = (anchor - earliest) / DAY
    gaps *= np.minimum(1.0, room / np.maximum(gaps.sum(axis=1), 1.0))[:, None]
    gaps = np.floor(gaps).astype("int64")
    back = np.column_stack(
        [gaps[:, 0:].sum(axis=1), gaps[:, 1:].sum(axis=1), gaps[:, 2:].sum(axis=1), np.zeros(n, dtype="int64")]
    )
    dates = anchor[:, None] - back * DAY
    return np.where(np.arange(4)[None, :] <= reached[:, None], dates, np.datetime64("NaT"))


def _results(count: int, rng: np.random.Generator, found_share: float) -> np.ndarray:
    """Ground-check results of active households: updated, or not found at home."""
    return np.where(rng.random(count) < found_share, 0, codes.VERIVALI_RESULTS.index("tidak_ditemukan")).astype(np.int8)


def _inactivate(plan: Plan, cycle: int, rows: np.ndarray, rng: np.random.Generator, shares) -> None:
    """Households found moved, dead or duplicated: the result and the status agree."""
    kinds = np.array(["pindah", "meninggal", "duplikat"], dtype=object)[choice(rng, shares, len(rows))]
    plan.status[rows] = kinds
    plan.result[cycle][rows] = [codes.VERIVALI_RESULTS.index(k) for k in kinds]


def _after(dates: np.ndarray, low: int, high: int, rng: np.random.Generator) -> np.ndarray:
    """Dates ``low``-``high`` days later; NaT stays NaT and dates beyond the data date
    become NaT (the step has not happened yet)."""
    later = dates + rng.integers(low, high, len(dates)) * DAY
    return np.where(later <= REFERENCE_DATE, later, np.datetime64("NaT"))


def draw_plan(units: gpd.GeoDataFrame, households: pd.DataFrame, rng: np.random.Generator) -> Plan:
    """The previous cycle mostly complete; the current one uneven by kelurahan, with a funnel
    that narrows from proposal to desil."""
    n = len(households)
    plan = Plan(n)
    unit = households["unit"].to_numpy()
    registered = households["tanggal_terdaftar"].to_numpy()
    found = codes.VERIVALI_RESULTS.index("diperbarui")

    # Previous cycle: households registered before it, most of them checked.
    start, end = PREVIOUS_CYCLE[2], PREVIOUS_CYCLE[3]
    checked = np.flatnonzero((registered < start) & (rng.random(n) < units["previous_coverage"].to_numpy()[unit]))
    visit = dates_from(rng.uniform(11, 181, len(checked)), start)
    visit = no_sundays(visit, np.full(len(visit), start + 11 * DAY), np.full(len(visit), end))
    plan.dates[0][checked, :4] = _stagedates_from(visit, np.full(len(checked), 3), np.full(len(checked), start), rng)
    plan.result[0][checked] = _results(len(checked), rng, 0.96)
    _inactivate(plan, 0, checked[rng.random(len(checked)) < 0.03], rng, (0.5, 0.3, 0.2))

    # Current cycle: everyone still active. A single draw u orders each kelurahan's queue:
    # below the coverage the household was ground-checked, a little above it the file is
    # still on the way (proposed, entered, checked by the Dinsos).
    start = CURRENT_CYCLE[2]
    frame = plan.status == "aktif"
    u = rng.random(n)
    coverage = units["coverage"].to_numpy()[unit]
    reached = np.select([u < coverage, u < coverage + 0.05, u < coverage + 0.11, u < coverage + 0.20], [3, 2, 1, 0], -1)
    reached = np.where(frame, reached, -1)
    work_start = units["work_start"].to_numpy()[unit]
    work_end = units["work_end"].to_numpy()[unit]
    span = (work_end - work_start) / DAY
    progress = np.where(u < coverage, u / coverage, rng.uniform(0.25, 1.0, n)) ** units["work_shape"].to_numpy()[unit]
    anchor = no_sundays(work_start + np.floor(span * progress).astype("int64") * DAY, work_start, work_end)
    rows = np.flatnonzero(reached >= 0)
    plan.dates[1][rows, :4] = _stagedates_from(anchor[rows], reached[rows], np.full(len(rows), start), rng)
    checked = np.flatnonzero(reached == 3)
    plan.result[1][checked] = _results(len(checked), rng, 0.94)
    _inactivate(plan, 1, checked[rng.random(len(checked)) < 0.025], rng, (0.45, 0.35, 0.2))

    # After an update the NIK goes to Dukcapil for matching and BPS ranks the desil.
    for cycle in (0, 1):
        updated = plan.result[cycle] == found
        padan = np.where(
            updated & (rng.random(n) < 0.98), _after(plan.dates[cycle][:, 3], 3, 29, rng), np.datetime64("NaT")
        )
        plan.dates[cycle][:, 4] = padan
        plan.dates[cycle][:, 5] = np.where(rng.random(n) < 0.97, _after(padan, 10, 46, rng), np.datetime64("NaT"))
    return plan


def _assign_enumerators(
    units: gpd.GeoDataFrame, unit: np.ndarray, staff: pd.DataFrame, rng: np.random.Generator
) -> np.ndarray:
    """For each ground-check visit in kelurahan ``unit`` an enumerator index: one posted in
    that kelurahan, now and then (or when it has none) another of its kecamatan."""
    enumerators = staff.index[staff["peran"] == "enumerator"].to_numpy()
    home = staff["unit"].to_numpy()[enumerators]
    kec = units["kode_kecamatan"].to_numpy()
    out = np.empty(len(unit), dtype=np.int16)
    for k in range(len(units)):
        rows = np.flatnonzero(unit == k)
        local = enumerators[home == k]
        nearby = enumerators[kec[home] == kec[k]]
        if len(nearby) == 0:
            nearby = enumerators
        pick_local = (rng.random(len(rows)) < 0.85) & (len(local) > 0)
        out[rows] = np.where(
            pick_local, rng.choice(local if len(local) else nearby, len(rows)), rng.choice(nearby, len(rows))
        )
    return out


def insert_cycles(con: duckdb.DuckDBPyConnection) -> None:
    """The previous and the current cycle."""
    frame = pd.DataFrame([PREVIOUS_CYCLE, CURRENT_CYCLE], columns=["siklus", "nama", "tanggal_mulai", "tanggal_target"])
    insert(con, "verivali_siklus_insert", demo_frame=frame)


def _desil_history(households: pd.DataFrame, plan: Plan, rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    """The desil assigned in the previous and in the current cycle. Where BPS ranked a household
    again this cycle the earlier desil may differ: recipients now above the programmes' limit
    (desil 4) were within it before, so their distributions fail tepat sasaran only from the
    tahap after the new ranking; others moved by one desil now and then."""
    current = households["desil"].to_numpy()
    ranked_again = ~np.isnat(plan.dates[1][:, DESIL_STAGE])
    recipient = (households["flag_pkh"] | households["flag_bpnt"]).to_numpy()
    n = len(current)
    shifted = np.clip(current + rng.choice(np.array([-1, 1]), n), 1, 10)
    earlier = np.where(rng.random(n) < 0.15, shifted, current)
    earlier = np.where(recipient & (current > 4), rng.integers(3, 5, n), earlier)
    return np.where(ranked_again, earlier, current).astype(np.int8), current.astype(np.int8)


def insert_verivali(
    con: duckdb.DuckDBPyConnection,
    units: gpd.GeoDataFrame,
    households: pd.DataFrame,
    plan: Plan,
    staff: pd.DataFrame,
    rng: np.random.Generator,
    desil_rng: np.random.Generator,
) -> None:
    """One verivali row per household and stage reached, cycle by cycle, numbered in that
    order; ground checks get an enumerator (``rng``), desil rows their desil (``desil_rng``)."""
    unit = households["unit"].to_numpy()
    keys = pd.DataFrame({"hh": np.arange(len(households), dtype=np.int32), "id_dtks": households["id_dtks"]})
    desil = _desil_history(households, plan, desil_rng)
    next_id = 1
    for cycle, siklus in ((0, PREVIOUS_CYCLE[0]), (1, CURRENT_CYCLE[0])):
        dates = plan.dates[cycle]
        hh, stage = np.nonzero(~np.isnat(dates))  # row-major: by household, then stage
        visit = stage == 3
        petugas = np.full(len(hh), -1, dtype=np.int16)
        petugas[visit] = _assign_enumerators(units, unit[hh[visit]], staff, rng)
        result = np.where(visit, plan.result[cycle][hh], -1).astype(np.int8)
        frame = pd.DataFrame(
            {
                "id_verivali": np.arange(next_id, next_id + len(hh), dtype=np.int64),
                "hh": hh.astype(np.int32),
                "tahap": pd.Categorical.from_codes(stage.astype(np.int8), categories=codes.VERIVALI_STAGES),
                "tanggal": dates[hh, stage],
                "id_petugas": pd.Categorical.from_codes(petugas, categories=staff["id_petugas"]),
                "hasil": pd.Categorical.from_codes(result, categories=codes.VERIVALI_RESULTS),
                "desil": pd.array(np.where(stage == DESIL_STAGE, desil[cycle][hh], 0), dtype="Int8"),
            }
        )
        frame.loc[frame["desil"] == 0, "desil"] = pd.NA
        next_id += len(hh)
        insert(con, "verivali_insert", {"siklus": siklus}, demo_verivali=frame, demo_keys=keys)
