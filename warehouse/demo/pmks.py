"""PMKS cases of the demo: 24 months of reports ending on the data date, clustered where
the TRC of Kota Batam is busiest, with response and arrival times, categories with plausible
ages and sexes, lifecycle stages and their history, outcomes and shelter stays."""

from __future__ import annotations

import duckdb
import geopandas as gpd
import numpy as np
import pandas as pd

from domain import codes
from warehouse.demo.common import DAY, REFERENCE_DATE, choice, insert, scaled_count
from warehouse.demo.geography import points_inside

CASES_PER_SCALE = 6_000

CASE_CLUSTER_SHARE = 0.6
CASE_CLUSTER_SPREAD_M = 400.0

CATEGORY_WEIGHTS = {
    "odgj": 16,
    "pengemis": 13,
    "gelandangan": 12,
    "anak_jalanan": 9,
    "lansia_terlantar": 8,
    "anak_terlantar": 5,
    "fakir_miskin": 4,
    "pemulung": 4,
    "penyandang_disabilitas": 4,
    "anak_korban_kekerasan": 4,
    "pekerja_migran_bermasalah": 4,
    "korban_tindak_kekerasan": 3,
    "korban_trafficking": 2.5,
    "tuna_susila": 2,
    "anak_berhadapan_hukum": 2,
    "korban_napza": 2,
    "perempuan_rawan_sosial_ekonomi": 2,
    "anak_balita_terlantar": 1.5,
    "anak_disabilitas": 1.5,
    "anak_perlindungan_khusus": 1.5,
    "keluarga_bermasalah_psikologis": 1.5,
    "odha": 1,
    "bekas_warga_binaan": 1,
    "korban_bencana_alam": 1,
    "korban_bencana_sosial": 0.5,
    "kelompok_minoritas": 0.3,
    "komunitas_adat_terpencil": 0.2,
}
STREET_CATEGORIES = ("gelandangan", "pengemis", "anak_jalanan", "pemulung", "tuna_susila")
# (youngest, oldest, share of women, share taken into the shelter)
CATEGORY_PROFILE = {
    "anak_balita_terlantar": (0, 5, 0.5, 0.7),
    "anak_terlantar": (6, 17, 0.45, 0.5),
    "anak_berhadapan_hukum": (12, 17, 0.15, 0.3),
    "anak_jalanan": (7, 17, 0.3, 0.5),
    "anak_disabilitas": (2, 17, 0.4, 0.3),
    "anak_korban_kekerasan": (3, 17, 0.6, 0.6),
    "anak_perlindungan_khusus": (5, 17, 0.5, 0.5),
    "lansia_terlantar": (60, 92, 0.55, 0.6),
    "penyandang_disabilitas": (18, 70, 0.4, 0.2),
    "tuna_susila": (18, 45, 0.9, 0.4),
    "gelandangan": (18, 75, 0.25, 0.6),
    "pengemis": (18, 80, 0.45, 0.4),
    "pemulung": (15, 70, 0.35, 0.1),
    "kelompok_minoritas": (18, 70, 0.5, 0.1),
    "bekas_warga_binaan": (20, 60, 0.1, 0.2),
    "odha": (20, 55, 0.35, 0.2),
    "korban_napza": (16, 45, 0.1, 0.3),
    "korban_trafficking": (15, 35, 0.75, 0.7),
    "korban_tindak_kekerasan": (18, 60, 0.75, 0.4),
    "pekerja_migran_bermasalah": (19, 50, 0.45, 0.6),
    "korban_bencana_alam": (0, 85, 0.5, 0.3),
    "korban_bencana_sosial": (0, 80, 0.5, 0.3),
    "perempuan_rawan_sosial_ekonomi": (18, 64, 1.0, 0.1),
    "fakir_miskin": (18, 80, 0.5, 0.1),
    "keluarga_bermasalah_psikologis": (18, 65, 0.55, 0.1),
    "komunitas_adat_terpencil": (0, 80, 0.5, 0.05),
    "odgj": (18, 65, 0.3, 0.5),
}
# Outcome shares in the order of codes.PMKS_OUTCOMES
# (kembali_keluarga, panti, dirawat, dirujuk, mandiri, meninggal).
OUTCOME_DEFAULT = (0.40, 0.10, 0.05, 0.25, 0.19, 0.01)
OUTCOME_BY_CATEGORY = {
    "odgj": (0.30, 0.02, 0.58, 0.09, 0.0, 0.01),
    "lansia_terlantar": (0.38, 0.45, 0.05, 0.07, 0.0, 0.05),
    "gelandangan": (0.50, 0.15, 0.02, 0.13, 0.20, 0.0),
    "pengemis": (0.50, 0.15, 0.02, 0.13, 0.20, 0.0),
    "pekerja_migran_bermasalah": (0.80, 0.02, 0.03, 0.10, 0.05, 0.0),
    "korban_trafficking": (0.70, 0.10, 0.05, 0.15, 0.0, 0.0),
}
OUTCOME_CHILD = (0.60, 0.25, 0.0, 0.15, 0.0, 0.0)


def insert_cases(
    con: duckdb.DuckDBPyConnection,
    units: gpd.GeoDataFrame,
    volume: float,
    rng: np.random.Generator,
    points_rng: np.random.Generator,
) -> None:
    """PMKS cases over the 24 months ending on the data date, clustered in the busy centre
    and the industrial belt, with TRC times (slower on the islands and at night), lifecycle
    stage and its history, outcome and shelter stay. The case points are drawn from
    ``points_rng`` (see :func:`_case_points`)."""
    n = scaled_count(volume, CASES_PER_SCALE)
    weight = units["penduduk"].to_numpy() * units["case_rate"].to_numpy()
    unit = np.sort(choice(rng, weight, n))
    island = units["island"].to_numpy()[unit]
    hot = units["case_rate"].to_numpy()[unit] > 1

    lonlat = _case_points(units, unit, hot, points_rng)

    categories = list(CATEGORY_WEIGHTS)
    base = np.array([CATEGORY_WEIGHTS[c] for c in categories], dtype=float)
    street = np.isin(categories, STREET_CATEGORIES)
    remote = np.array([c in ("komunitas_adat_terpencil", "korban_bencana_alam") for c in categories])
    mainland_w = np.where(np.array(categories) == "komunitas_adat_terpencil", 0.0, base)
    hot_w = mainland_w * np.where(street, 2.0, 1.0)
    island_w = base * np.where(street, 0.3, 1.0) * np.where(remote, 15.0, 1.0)
    category = np.select([island, hot], [choice(rng, island_w, n), choice(rng, hot_w, n)], choice(rng, mainland_w, n))
    kategori = np.array(categories, dtype=object)[category]
    profile = np.array([CATEGORY_PROFILE[c] for c in categories])[category]

    is_street = street[category]
    source = np.where(is_street, choice(rng, [55, 25, 5, 10, 3, 2], n), choice(rng, [12, 42, 18, 12, 10, 6], n))
    sumber = np.asarray(codes.PMKS_SOURCES, dtype=object)[source]

    # Report times: slightly more cases lately; day hours busier than the night.
    trend = 0.4
    t = (np.sqrt(1 + ((1 + trend) ** 2 - 1) * rng.random(n)) - 1) / trend
    day = np.floor(t * 730).astype("int64")
    hour_w = [1, 0.6, 0.4, 0.4, 0.5, 0.8, 1.5, 2.5, 3.5, 4, 4, 4, 3.5, 3.5, 4, 4, 3.5, 3.5, 3, 3, 3, 2.5, 2, 1.5]
    hour = choice(rng, hour_w, n)
    reported = (REFERENCE_DATE - 729 * DAY + day * DAY).astype("datetime64[s]") + (
        hour * 3600 + rng.integers(0, 3600, n)
    ) * np.timedelta64(1, "s")
    order = np.argsort(reported, kind="stable")

    night = (hour >= 22) | (hour < 6)
    slow = np.where(night, 1.4, 1.0)
    respond_min = np.where(sumber == "patroli", rng.uniform(0, 5, n), rng.lognormal(np.log(10), 0.8, n) * slow)
    travel_min = rng.lognormal(np.log(30), 0.55, n) * slow * np.where(island, 2.2, 1.0)
    travel_min += np.where(rng.random(n) < 0.03, rng.uniform(60, 300, n), 0.0)
    travel_min = np.where(sumber == "patroli", 0.0, travel_min)
    responded = reported + np.round(respond_min * 60).astype("int64") * np.timedelta64(1, "s")
    arrived = responded + np.round(travel_min * 60).astype("int64") * np.timedelta64(1, "s")
    # Walk-ins at the office need no trip.
    arrived = np.where(sumber == "kantor", np.datetime64("NaT"), arrived)

    age_days = (REFERENCE_DATE - reported.astype("datetime64[D]")) / DAY
    duration = rng.lognormal(np.log(30), 0.8, n) * np.where(rng.random(n) < 0.04, 10.0, 1.0)
    stage = np.minimum(np.floor(age_days / duration * 7), 7).astype(int)
    tahap = np.asarray(codes.PMKS_STAGES, dtype=object)[stage]
    closed = stage == 7

    hasil = np.full(n, None, dtype=object)
    for c in np.unique(category):
        rows = np.flatnonzero((category == c) & closed)
        name = categories[c]
        shares = OUTCOME_BY_CATEGORY.get(name, OUTCOME_CHILD if name.startswith("anak_") else OUTCOME_DEFAULT)
        hasil[rows] = np.asarray(codes.PMKS_OUTCOMES, dtype=object)[choice(rng, shares, len(rows))]

    low, high, female_share, shelter_share = profile.T
    usia = np.floor(low + (high - low + 1) * rng.beta(1.5, 2.0, n)).astype(int)
    usia = np.minimum(usia, high.astype(int))
    jenis_kelamin = np.where(rng.random(n) < female_share, "P", "L")

    sheltered = (stage >= 1) & (rng.random(n) < shelter_share)
    first_day = np.where(np.isnat(arrived), responded, arrived).astype("datetime64[D]")
    admitted = first_day + rng.integers(0, 2, n) * DAY
    admitted = np.minimum(admitted, REFERENCE_DATE)
    stay = np.maximum(np.round(rng.lognormal(np.log(9), 0.9, n)), 1).astype("int64")
    left = admitted + stay * DAY
    # A closed case has left the shelter, by the data date at the latest.
    left = np.where(
        closed & (left > REFERENCE_DATE),
        admitted + np.floor((REFERENCE_DATE - admitted) / DAY * rng.random(n)).astype("int64") * DAY,
        left,
    )
    left = np.where(left <= REFERENCE_DATE, left, np.datetime64("NaT"))

    id_kasus = np.array([f"PMKS-{i + 1:06d}" for i in range(n)], dtype=object)
    frame = pd.DataFrame(
        {
            "id_kasus": id_kasus,
            "kategori": kategori[order],
            "sumber": sumber[order],
            "waktu_lapor": reported[order],
            "waktu_respons": responded[order],
            "waktu_tiba": arrived[order],
            "lon": lonlat[order, 0],
            "lat": lonlat[order, 1],
            "kode_kelurahan": units["kode"].to_numpy()[unit][order],
            "jenis_kelamin": jenis_kelamin[order],
            "usia": usia[order],
            "tahap": tahap[order],
            "hasil": hasil[order],
            "tanggal_masuk_shelter": np.where(sheltered, admitted, np.datetime64("NaT"))[order],
            "tanggal_keluar_shelter": np.where(sheltered, left, np.datetime64("NaT"))[order],
        }
    )
    insert(con, "pmks_kasus_insert", demo_frame=frame)

    # Stage history: reported at the report time, secured on arrival, then the later stages
    # spread evenly over the case's own duration (the one that set its current stage).
    secured = np.where(np.isnat(arrived), responded, arrived) + rng.integers(10, 91, n) * np.timedelta64(60, "s")
    last_second = (REFERENCE_DATE + DAY).astype("datetime64[s]") - np.timedelta64(1, "s")
    step = (duration * 86_400 / 7).astype("int64") * np.timedelta64(1, "s")
    starts = [reported, secured] + [
        np.maximum(reported + j * step, secured + (j - 1) * np.timedelta64(3600, "s"))
        for j in range(2, len(codes.PMKS_STAGES))
    ]
    case, stage_no = np.nonzero(np.arange(len(codes.PMKS_STAGES))[None, :] <= stage[order][:, None])
    history = pd.DataFrame(
        {
            "id_kasus": id_kasus[case],
            "tahap": np.asarray(codes.PMKS_STAGES, dtype=object)[stage_no],
            "waktu_mulai": np.minimum(np.column_stack(starts)[order][case, stage_no], last_second),
        }
    )
    insert(con, "pmks_kasus_tahap_insert", demo_frame=history)


def _case_points(units: gpd.GeoDataFrame, unit: np.ndarray, hot: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """(lon, lat) of each case inside its kelurahan: in hot spots a share clustered around the
    kelurahan's inside point, 2 % reported by phone without a location (NaN).

    The draws have a stream of their own (``rng``): how many a polygon takes depends on its
    shape, and a new boundary file should move the points, not the cases.
    """
    n = len(unit)
    lonlat = np.empty((n, 2))
    clustered = hot & (rng.random(n) < CASE_CLUSTER_SHARE)
    for k in np.unique(unit):
        geom = units["inside"].iloc[k]
        for together, centre in ((False, None), (True, (units["lon"].iloc[k], units["lat"].iloc[k]))):
            rows = np.flatnonzero((unit == k) & (clustered == together))
            lonlat[rows] = points_inside(geom, len(rows), rng, centre, CASE_CLUSTER_SPREAD_M / 111_320.0)
    lonlat[rng.random(n) < 0.02] = np.nan
    return lonlat
