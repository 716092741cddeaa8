"""Musyawarah proposals of the demo: each kelurahan holds one or two musyawarah per verivali
cycle and proposes households out of the register (those the ground check then finds moved,
dead or duplicated, and some thought no longer poor) and new poor households in; the faults an
agency really has are planted: kelurahan that held no musyawarah this cycle, proposals without
a berita acara date, and households proposed twice."""

from __future__ import annotations

import duckdb
import geopandas as gpd
import numpy as np
import pandas as pd

from domain import codes
from warehouse.demo import people
from warehouse.demo.common import DAY, REFERENCE_DATE, dates_from, insert, no_sundays
from warehouse.demo.verivali import CURRENT_CYCLE, PREVIOUS_CYCLE, Plan

# Planted faults (current cycle).
NO_MUSYAWARAH_KELURAHAN = ("21.71.05.1004", "21.71.08.1002")  # two island kelurahan held none this cycle
WITHOUT_BA_COUNT = 6
DUPLICATE_COUNT = 5
# Shares of the households the ground check closed that the musyawarah had proposed out, of the
# ranked households above desil 4 proposed out as mampu, and of new poor households proposed in
# (per household of the kelurahan, per cycle).
PROPOSED_OUT_SHARE = 0.6
MAMPU_SHARE = 0.02
WRONGLY_OUT_SHARE = 0.006
NEW_IN_SHARE = 0.005

GROUND_CHECK = codes.VERIVALI_STAGES.index("ground_check")
DESIL = codes.VERIVALI_STAGES.index("desil")
CLOSING = {codes.VERIVALI_RESULTS.index(r): r for r in ("pindah", "meninggal", "duplikat")}
_REASON_OF = {"pindah": "pindah", "meninggal": "meninggal", "duplikat": "ganda"}


def _meetings(units: gpd.GeoDataFrame, start: np.datetime64, rng: np.random.Generator) -> list[np.ndarray]:
    """One or two musyawarah dates per kelurahan in the first two months of the cycle."""
    out = []
    for _ in range(len(units)):
        k = 1 + int(rng.random() < 0.45)
        days = np.sort(rng.choice(np.arange(4, 62), k, replace=False))
        dates = start + days * DAY
        out.append(no_sundays(dates, np.full(k, start), np.full(k, start + 70 * DAY)))
    return out


def _ba_date(meetings: list[np.ndarray], unit: np.ndarray, before: np.ndarray) -> np.ndarray:
    """The latest musyawarah of each kelurahan on or before ``before`` (NaT: none), else its first."""
    out = np.empty(len(unit), dtype="datetime64[D]")
    for i, (k, day) in enumerate(zip(unit, before)):
        held = meetings[k]
        earlier = held[held <= day] if not np.isnat(day) else held[:0]
        out[i] = earlier[-1] if len(earlier) else held[0]
    return out


def _cycle(
    units: gpd.GeoDataFrame,
    households: pd.DataFrame,
    plan: Plan,
    cycle: int,
    rng: np.random.Generator,
) -> pd.DataFrame:
    siklus, _, start, end = (PREVIOUS_CYCLE, CURRENT_CYCLE)[cycle]
    n = len(households)
    unit = households["unit"].to_numpy()
    desil = households["desil"].to_numpy()
    dates = plan.dates[cycle]
    meetings = _meetings(units, start, rng)

    # Out: households the ground check closed (most were proposed by the musyawarah first), ranked
    # households above desil 4 (mampu), and a few still poor, proposed out wrongly (refused).
    closed = np.flatnonzero(np.isin(plan.result[cycle], list(CLOSING)) & (rng.random(n) < PROPOSED_OUT_SHARE))
    ranked = ~np.isnat(dates[:, DESIL])
    mampu = np.flatnonzero(ranked & (desil > 4) & (plan.status == "aktif") & (rng.random(n) < MAMPU_SHARE))
    wrongly = np.flatnonzero(ranked & (desil <= 4) & (plan.status == "aktif") & (rng.random(n) < WRONGLY_OUT_SHARE))
    out_rows = np.concatenate([closed, mampu, wrongly])
    reason = np.concatenate(
        [
            [_REASON_OF[CLOSING[r]] for r in plan.result[cycle][closed]],
            np.full(len(mampu), "mampu"),
            np.full(len(wrongly), "mampu"),
        ]
    ).astype(object)
    before = dates[out_rows, GROUND_CHECK]
    out = pd.DataFrame(
        {
            "kode_kelurahan": units["kode"].to_numpy()[unit[out_rows]],
            "sasaran": "keluarga",
            "arah": "keluar",
            "alasan": reason,
            "id_dtks": households["id_dtks"].to_numpy()[out_rows],
            "nik": households["nik_penerima"].to_numpy()[out_rows],
            "no_kk": households["no_kk"].to_numpy()[out_rows],
            "tanggal_musyawarah": _ba_date(meetings, unit[out_rows], before),
            "tahap": None,
            "tanggal_keputusan": pd.NaT,
        }
    )

    # In: new poor households, not in the register yet; SIKS-NG reports their stage.
    weight = units["penduduk"].to_numpy() * units["poverty"].to_numpy()
    new_count = rng.poisson(weight / weight.sum() * n * NEW_IN_SHARE)
    new_unit = np.repeat(np.arange(len(units)), new_count)
    m = len(new_unit)
    ba = np.array([meetings[k][rng.integers(0, len(meetings[k]))] for k in new_unit], dtype="datetime64[D]")
    elapsed = np.maximum((np.minimum(REFERENCE_DATE, end) - ba) / DAY, 0)
    decided_after = rng.integers(20, 110, m)
    stage = np.where(
        decided_after <= elapsed,
        np.where(rng.random(m) < 0.78, "ditetapkan", "ditolak"),
        np.where(rng.random(m) < 0.5, "diinput", np.where(rng.random(m) < 0.6, "diverifikasi", "diusulkan")),
    ).astype(object)
    decided = np.isin(stage, ["ditetapkan", "ditolak"])
    female = rng.random(m) < 0.35
    region = 217_100 + units["kode_kecamatan"].str[-2:].astype(int).to_numpy()[new_unit]
    birth = dates_from(rng.uniform(0, 15_000, m), np.datetime64("1960-01-01"))
    nik = people.civil_numbers(region, birth, rng, female).astype(str)
    new = pd.DataFrame(
        {
            "kode_kelurahan": units["kode"].to_numpy()[new_unit],
            "sasaran": np.where(rng.random(m) < 0.15, "individu", "keluarga").astype(object),
            "arah": "masuk",
            "alasan": np.asarray(("miskin_baru", "belum_terdata", "pecah_kk"), dtype=object)[
                rng.choice(3, m, p=(0.45, 0.4, 0.15))
            ],
            "id_dtks": None,
            "nik": nik,
            "no_kk": None,
            "tanggal_musyawarah": ba,
            "tahap": stage,
            "tanggal_keputusan": np.where(decided, ba + decided_after * DAY, np.datetime64("NaT")),
        }
    )
    frame = pd.concat([out, new], ignore_index=True)
    frame.insert(0, "siklus", siklus)
    return frame


def draw_proposals(
    units: gpd.GeoDataFrame, households: pd.DataFrame, plan: Plan, rng: np.random.Generator
) -> pd.DataFrame:
    """Every proposal of both cycles, in the columns of ``usulan``, numbered per cycle, with the
    planted faults of the current cycle."""
    frames = [_cycle(units, households, plan, c, rng) for c in (0, 1)]
    current = frames[1]
    # Two island kelurahan held no musyawarah this cycle: nothing was proposed there.
    current = current[~current["kode_kelurahan"].isin(NO_MUSYAWARAH_KELURAHAN)].reset_index(drop=True)
    # Households proposed out twice: at a second musyawarah of their kelurahan, or the same one.
    again = current.iloc[rng.choice(np.flatnonzero(current["arah"] == "keluar"), DUPLICATE_COUNT, replace=False)]
    again = again.assign(tanggal_musyawarah=again["tanggal_musyawarah"] + 7 * DAY)
    current = pd.concat([current, again], ignore_index=True)
    # Proposals whose berita acara date was never filled in.
    lost = rng.choice(len(current), WITHOUT_BA_COUNT, replace=False)
    current.loc[lost, "tanggal_musyawarah"] = pd.NaT
    current.loc[lost, "tanggal_keputusan"] = pd.NaT
    current.loc[lost, "tahap"] = current.loc[lost, "tahap"].where(current.loc[lost, "arah"] == "keluar", "diusulkan")
    frames[1] = current
    numbered = []
    for frame in frames:
        prefix = "USL-" + frame["siklus"].str.replace("-", "", regex=False) + "-"
        numbered.append(
            frame.assign(id_usulan=prefix + pd.Series(np.arange(1, len(frame) + 1)).astype(str).str.zfill(5))
        )
    return pd.concat(numbered, ignore_index=True)


def insert_proposals(con: duckdb.DuckDBPyConnection, proposals: pd.DataFrame) -> None:
    """The proposals as usulan rows."""
    frame = proposals.assign(
        tanggal_musyawarah=pd.to_datetime(proposals["tanggal_musyawarah"]).dt.date,
        tanggal_keputusan=pd.to_datetime(proposals["tanggal_keputusan"]).dt.date,
    )
    insert(con, "usulan_insert", demo_frame=frame)
