"""analytics.hotspots on hand-made squares: rates, weights, Gi* with a planted hot block, Local
Moran, and the kernel density surface."""

import math
import warnings

import geopandas as gpd
import numpy as np
import pandas as pd
import pyproj
import pytest
import shapely

from analytics import hotspots

# esda and libpysal are imported in the tests that use them: every pytest-xdist worker imports
# every test module at collection, and esda (with the scikit-learn it loads) costs seconds.

N = 12
BLOCK = [(5, 5), (6, 5), (5, 6), (6, 6)]


def grid_units(values=None) -> gpd.GeoDataFrame:
    """12 x 12 squares of 0.01 degree near Batam plus one island square far from them.

    Background value of square (i, j): (3 i + j) mod 4, a pattern with no clustering; the 2 x 2
    block in the middle holds 10 each; the island holds 1.
    """
    codes, geoms, ys = [], [], []
    for j in range(N):
        for i in range(N):
            codes.append(f"g{i:02d}{j:02d}")
            geoms.append(shapely.box(104 + 0.01 * i, 1 + 0.01 * j, 104 + 0.01 * (i + 1), 1 + 0.01 * (j + 1)))
            ys.append(10.0 if (i, j) in BLOCK else float((3 * i + j) % 4))
    codes.append("island")
    geoms.append(shapely.box(104.2, 1.2, 104.21, 1.21))
    ys.append(1.0)
    return gpd.GeoDataFrame(
        {"kode": codes, "value": values if values is not None else ys}, geometry=geoms, crs="EPSG:4326"
    )


BLOCK_CODES = [f"g{i:02d}{j:02d}" for i, j in BLOCK]


# --- counts and rates -------------------------------------------------------------------


def test_density_and_rates_by_hand_on_three_squares():
    # Squares of 1 km, 2 km and 500 m a side in UTM 48N: 1, 4 and 0.25 km2.
    squares = gpd.GeoSeries(
        [shapely.box(0, 0, 1000, 1000), shapely.box(5000, 0, 7000, 2000), shapely.box(9000, 0, 9500, 500)],
        crs="EPSG:32648",
    )
    counts = pd.DataFrame(
        {
            "kode": ["a", "b", "c"],
            "cases_count": [3, 8, 1],
            "luas_km2": squares.area.to_numpy() / 1e6,
            "penduduk": [1500, 40_000, 250],
        }
    )
    assert counts["luas_km2"].tolist() == [1.0, 4.0, 0.25]
    out = hotspots.case_rates(counts)
    # 3 / 1, 8 / 4 and 1 / 0.25 cases per km2.
    assert out["cases_per_km2"].tolist() == pytest.approx([3.0, 2.0, 4.0])
    # 3 among 1,500 people = 20 per 10,000; 8 among 40,000 = 2; 1 among 250 = 40.
    assert out["cases_per_10k"].tolist() == pytest.approx([20.0, 2.0, 40.0])
    # cases_per_10k_eb is the smoothed rate of issue 16.5 (its figures: the EB tests below).
    assert out.columns.tolist() == [
        "kode",
        "cases_count",
        "luas_km2",
        "penduduk",
        "cases_per_km2",
        "cases_per_10k",
        "cases_per_10k_eb",
    ]


def test_no_population_is_no_data_not_zero():
    counts = pd.DataFrame({"cases_count": [3, 0, 2], "luas_km2": [1.0, 1.0, 1.0], "penduduk": [0, 500, None]})
    out = hotspots.case_rates(counts)
    assert out["cases_per_10k"].iloc[1] == 0.0
    assert out["cases_per_10k"].iloc[[0, 2]].isna().all()


def test_zero_or_missing_area_gives_no_density():
    out = hotspots.case_rates(pd.DataFrame({"cases_count": [2, 2], "luas_km2": [0.0, None], "penduduk": [10, 10]}))
    assert out["cases_per_km2"].isna().all()
    assert out["cases_per_10k"].tolist() == [2000.0, 2000.0]


def test_category_source_table_and_unit_breakdown():
    rows = pd.DataFrame(
        {
            "kode": ["a", "a", "b", "b"],
            "kategori": ["odgj", "pengemis", "odgj", "odgj"],
            "sumber": ["call_center", "patroli", "patroli", "call_center"],
            "cases_count": [2, 1, 3, 4],
        }
    )
    table = hotspots.category_source_table(rows, ["pengemis", "odgj", "odha"], ["patroli", "call_center", "kantor"])
    assert table["kategori"].tolist() == ["odgj", "pengemis"]
    assert table.iloc[0][["patroli_count", "call_center_count", "kantor_count", "total_count"]].tolist() == [3, 6, 0, 9]
    assert table["share_rate"].tolist() == pytest.approx([0.9, 0.1])
    wide = hotspots.unit_breakdown(rows, pd.Series(["b", "a", "c"]), "sumber", ["patroli", "call_center"])
    assert wide.to_dict("list") == {"kode": ["b", "a", "c"], "patroli_count": [3, 1, 0], "call_center_count": [4, 2, 0]}


# --- weights ------------------------------------------------------------------------------


def test_island_without_contiguous_neighbour_still_gets_neighbours():
    from libpysal.weights import Queen

    units = grid_units()
    queen = Queen.from_dataframe(units, ids=units["kode"].tolist(), use_index=False, silence_warnings=True)
    assert queen.cardinalities["island"] == 0
    w = hotspots.spatial_weights(units)
    assert w.id_order == units["kode"].tolist()
    assert w.cardinalities["island"] == hotspots.DEFAULT_K
    assert set(w.neighbors["island"]) <= set(units["kode"]) - {"island"}
    # Contiguity is kept: an inner square has its 8 queen neighbours, a corner its 3 plus the
    # nearest squares up to k.
    assert set(queen.neighbors["g0505"]) <= set(w.neighbors["g0505"])
    assert w.cardinalities["g0505"] == 8
    assert set(queen.neighbors["g0000"]) < set(w.neighbors["g0000"])
    assert min(w.cardinalities.values()) >= hotspots.DEFAULT_K


def test_k_nearest_only_and_small_sets():
    units = grid_units().iloc[:3]
    w = hotspots.spatial_weights(units, k=6, contiguity=False)
    assert all(c == 2 for c in w.cardinalities.values())
    with pytest.raises(ValueError):
        hotspots.spatial_weights(units.iloc[:1])


# --- Empirical Bayes rate (issue 16.5: hot spots of risk, not of people) --------------------


def test_eb_rate_pulls_a_tiny_population_toward_the_region_rate():
    # 60 cases among 30,000 residents: the region's rate m is 20 per 10,000. Raw rates 10, 30,
    # 19.19 and 100 per 10,000. Between-unit variance s2 = sum(b (r - m)^2) / sum(b) - m / mean(b)
    # = 0.0264646 / 30,000 - 0.002 / 7,500 = 6.155e-7 per person^2. The tiny unit (100 people)
    # keeps w = s2 / (s2 + m / 100) = 0.0299 of its own rate: 0.0299 * 100 + 0.9701 * 20 = 22.39;
    # a unit of 10,000 keeps w = 0.7547: 0.7547 * 10 + 0.2453 * 20 = 12.45.
    events = pd.Series([10, 30, 19, 1])
    population = pd.Series([10_000, 10_000, 9_900, 100])
    eb = hotspots.eb_rate_per_10k(events, population)
    assert eb.tolist() == pytest.approx([12.4525, 27.5475, 19.3916, 22.3884], abs=1e-3)
    raw = hotspots.case_rates(pd.DataFrame({"cases_count": events, "luas_km2": 1.0, "penduduk": population}))[
        "cases_per_10k"
    ]
    assert raw.iloc[3] == pytest.approx(100.0)
    assert abs(eb.iloc[3] - 20.0) < 0.05 * abs(raw.iloc[3] - 20.0), "shrunk by more than 95 %"


def test_eb_rate_without_population_or_variation():
    # Zero and missing populations are no data and stay out of the region's rate.
    eb = hotspots.eb_rate_per_10k(pd.Series([3, 0, 2, 5]), pd.Series([0, 500, None, 1000]))
    assert eb.iloc[[0, 2]].isna().all() and eb.iloc[[1, 3]].notna().all()
    assert eb.iloc[[1, 3]].tolist() == pytest.approx(
        hotspots.eb_rate_per_10k(pd.Series([0, 5]), pd.Series([500, 1000])).tolist()
    )
    # No case at all, or equal rates: s2 <= 0, every unit gets the region's rate.
    assert hotspots.eb_rate_per_10k(pd.Series([0, 0]), pd.Series([10, 500])).tolist() == [0.0, 0.0]
    assert hotspots.eb_rate_per_10k(pd.Series([2, 20]), pd.Series([1000, 10_000])).tolist() == [20.0, 20.0]
    assert hotspots.eb_rate_per_10k(pd.Series([1]), pd.Series([0])).isna().all()


def people_grid(block_rate: float) -> gpd.GeoDataFrame:
    """The squares of :func:`grid_units` with residents and cases: background squares hold
    1,000 to 4,000 residents ((3 i + j) mod 4, no clustering), the 2 x 2 block 20,000 (a
    crowded centre), the island 1,000; every square has 20 cases per 10,000 residents except
    the block, which has ``block_rate`` per 10,000. All squares have the same area."""
    units = grid_units()
    block = units["kode"].isin(BLOCK_CODES)
    pattern = [((3 * int(k[1:3]) + int(k[3:5])) % 4 + 1) * 1000 if k != "island" else 1000 for k in units["kode"]]
    units["penduduk"] = np.where(block, 20_000, pattern)
    rate = np.where(block, block_rate, 20.0)
    units["cases_count"] = np.round(units["penduduk"] * rate / 10_000).astype("int64")
    units["luas_km2"] = 1.0
    return hotspots.case_rates(units)


def test_equal_rates_with_unequal_populations_give_no_hot_spot():
    units = people_grid(block_rate=20.0)
    assert units["cases_per_10k_eb"].tolist() == pytest.approx([20.0] * (N * N + 1))
    risk = hotspots.hot_spots(units, "cases_per_10k_eb", permutations=999)
    assert (risk["hotspot_class"] == "ns").all()
    # Counted per km2 the crowded block is "hot": people, not risk.
    people = hotspots.hot_spots(units, "cases_per_km2", permutations=999)
    assert sorted(people.loc[people["hotspot_class"].str.startswith("hot"), "kode"]) == sorted(BLOCK_CODES)


def test_a_planted_high_rate_block_is_hot():
    # 100 per 10,000 among 20,000 residents each (200 cases per square): enough people that
    # smoothing keeps the rate near 100 (98.69: w = 0.984).
    units = people_grid(block_rate=100.0)
    assert (units.loc[units["kode"].isin(BLOCK_CODES), "cases_per_10k_eb"] > 98.0).all()
    # The default 9,999 permutations: with 999 the smallest p (0.002) stays above 0.05 after
    # the FDR correction over 145 units with 4 sharing it (0.0725), so at most 90 %.
    out = hotspots.hot_spots(units, "cases_per_10k_eb")
    assert sorted(out.loc[out["hotspot_class"].str.startswith("hot"), "kode"]) == sorted(BLOCK_CODES)
    assert out.set_index("kode").loc[BLOCK_CODES, "confidence_pct"].ge(95).all()


# --- Gi* ------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def gi():
    return hotspots.hot_spots(grid_units(), "value")


def test_planted_block_is_hot_at_95_percent_and_nothing_else_is(gi):
    block = gi.set_index("kode").loc[BLOCK_CODES]
    assert block["hotspot_class"].isin(["hot_95", "hot_99"]).all(), block
    assert (block["confidence_pct"] >= 95).all()
    assert (block["gi_p_fdr"] <= 0.05).all()
    assert (block["gi_z"] > 3).all()
    others = gi[~gi["kode"].isin(BLOCK_CODES)]
    assert (others["hotspot_class"] == "ns").all(), others[others["hotspot_class"] != "ns"]
    assert gi["tested"].all()
    island = gi.set_index("kode").loc["island"]
    assert island["neighbours_count"] == hotspots.DEFAULT_K and island["hotspot_class"] == "ns"


def test_results_are_stable_under_the_fixed_seed(gi):
    again = hotspots.hot_spots(grid_units(), "value")
    pd.testing.assert_frame_equal(gi, again)
    # Another seed moves the p-values a little but not the classification of this pattern.
    other = hotspots.hot_spots(grid_units(), "value", seed=7)
    assert not np.array_equal(other["gi_p_sim"], gi["gi_p_sim"])
    hot = other.loc[other["confidence_pct"] >= 95, "kode"]
    assert sorted(hot) == sorted(BLOCK_CODES)


def test_fdr_agrees_with_esda_fdr(gi):
    import esda

    p = gi["gi_p_sim"].to_numpy()
    for alpha in (0.01, 0.05, 0.10):
        cut = esda.fdr(p, alpha)
        assert set(gi.loc[gi["gi_p_fdr"] <= alpha, "kode"]) == set(gi.loc[p <= cut, "kode"]) or not (p <= cut).any()


def test_tied_simulations_are_not_extreme():
    # The observed value equals every simulation (a unit whose neighbourhood is all zeros):
    # p must be 1, where esda 2.9's folding gives 1 / (permutations + 1).
    observed = np.array([0.0, 5.0, 2.5])
    simulated = np.array([[0.0] * 99, [1.0] * 99, [2.0] * 49 + [3.0] * 50])
    p, above = hotspots.permutation_p_values(observed, simulated)
    assert p[0] == 1.0
    assert p[1] == pytest.approx(2 / 100)
    assert p[2] == pytest.approx(1.0)
    assert above.tolist() == [False, True, False]


def test_zero_counts_around_a_unit_are_not_a_cold_spot():
    values = np.zeros(N * N + 1)
    values[[0, 1, 2, 14, 30, 77]] = 1.0
    out = hotspots.hot_spots(grid_units(values), "value", permutations=999)
    assert not out["hotspot_class"].str.startswith("cold").any()


def test_units_without_polygon_or_value_are_not_tested():
    units = grid_units()
    units.loc[0, "geometry"] = None
    units.loc[1, "value"] = np.nan
    out = hotspots.hot_spots(units, "value", permutations=99)
    assert out.loc[:1, "hotspot_class"].tolist() == [hotspots.NO_DATA] * 2
    assert not out.loc[:1, "tested"].any() and out.loc[2:, "tested"].all()
    assert out.loc[:1, "gi_z"].isna().all()


def test_too_few_units_or_equal_values():
    few = hotspots.hot_spots(grid_units().iloc[: hotspots.MIN_UNITS - 1], "value")
    assert not few["tested"].any() and (few["hotspot_class"] == hotspots.NO_DATA).all()
    flat = hotspots.hot_spots(grid_units(np.full(N * N + 1, 2.0)), "value")
    assert flat["tested"].all() and (flat["hotspot_class"] == "ns").all()
    assert (flat["gi_p_sim"] == 1.0).all()


def test_no_runtime_warning_when_every_permutation_ties():
    # One non-zero unit far out at sea: every permutation of every unit ties with its observed
    # value, where esda divides by a zero spread for its simulated z.
    values = np.zeros(N * N + 1)
    values[-1] = 1.0
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        out = hotspots.hot_spots(grid_units(values), "value", permutations=99)
    assert (out["hotspot_class"] == "ns").all()


def test_hotspot_summary_and_moran_count(gi):
    result = gi.assign(cases_count=grid_units()["value"].astype(int).to_numpy())
    summary = hotspots.hotspot_summary(result)
    # (3 i + j) mod 4 takes each value 0-3 on 36 of the 144 squares; the block replaces two 0s,
    # a 1 and a 3 by 10s: 34 zeros, 35 x 1 + 36 x 2 + 35 x 3 = 212 background cases, 40 in the
    # block, 1 on the island.
    assert summary == {
        "cases_count": 253,
        "units_count": 145,
        "units_with_cases_count": 111,
        "tested_count": N * N + 1,
        "hot_count": 4,
        "cold_count": 0,
        "significant_count": 4,
    }
    clusters = pd.DataFrame({"moran_class": ["hh", "ns", "ll", "no_data", "hl", "lh"]})
    assert hotspots.moran_cluster_count(clusters) == 4


def test_confidence_levels():
    assert hotspots.confidence_of(np.array([0.001, 0.01, 0.02, 0.05, 0.07, 0.1, 0.2])).tolist() == [
        99,
        99,
        95,
        95,
        90,
        90,
        0,
    ]


def test_local_moran_finds_the_block_as_high_high():
    out = hotspots.local_moran(grid_units(), "value")
    block = out.set_index("kode").loc[BLOCK_CODES, "moran_class"]
    assert (block == "hh").sum() >= 3
    assert set(out["moran_class"]) <= {"hh", "hl", "lh", "ll", "ns"}
    assert not out.loc[~out["kode"].isin(BLOCK_CODES), "moran_class"].isin(["hh", "ll"]).any()


# --- kernel density -------------------------------------------------------------------------


def test_kernel_density_of_one_point_by_hand():
    # One point; quartic kernel of radius h: density 3 / (pi h^2) at the point,
    # 3 / (pi h^2) * (1 - d^2/h^2)^2 at distance d, 0 beyond h. h = 1 km: 0.955 per km2 at
    # the point and 0.537 per km2 at 500 m.
    grid = hotspots.kernel_density([104.0], [1.0], bandwidth_m=1000, cell_m=20, bounds=(103.98, 0.98, 104.02, 1.02))
    peak = grid.values.max()
    assert peak == pytest.approx(3 / math.pi, rel=0.01)
    r, c = np.unravel_index(grid.values.argmax(), grid.values.shape)
    assert grid.values[r, c + 25] == pytest.approx(3 / math.pi * 0.75**2, rel=0.02)
    assert grid.values[r, c + 51 : c + 80] == pytest.approx(0.0, abs=1e-9)
    assert grid.values.sum() * grid.cell_km2 == pytest.approx(1.0)
    assert grid.bandwidth_m == 1000 and grid.cell_m == 20 and grid.points_count == 1


def test_kernel_density_keeps_every_point_and_skips_missing():
    rng = np.random.default_rng(1)
    lon = 104.0 + rng.random(500) * 0.1
    lat = 1.0 + rng.random(500) * 0.1
    lon[:5] = np.nan
    grid = hotspots.kernel_density(lon, lat, bandwidth_m=500, bounds=(104.0, 1.0, 104.1, 1.1))
    assert grid.points_count == 495
    assert grid.values.sum() * grid.cell_km2 == pytest.approx(495)
    assert grid.cell_m == 100


def test_kernel_density_weights_count_as_repeated_points():
    # A cell's count at its centre (the heat layer's cells) gives the density of as many points there.
    lon, lat = [104.0, 104.01, 104.02], [1.0, 1.0, 1.01]
    bounds = (103.99, 0.99, 104.03, 1.02)
    weighted = hotspots.kernel_density(lon, lat, bandwidth_m=500, bounds=bounds, weights=[3, 1, 2])
    repeated = hotspots.kernel_density(
        [104.0] * 3 + [104.01] + [104.02] * 2, [1.0] * 4 + [1.01] * 2, bandwidth_m=500, bounds=bounds
    )
    assert weighted.points_count == 6
    np.testing.assert_allclose(weighted.values, repeated.values, rtol=1e-9, atol=1e-12)
    assert weighted.values.sum() * weighted.cell_km2 == pytest.approx(6)


def test_cell_degrees_by_hand():
    # WGS84: a degree of latitude is 110,574 m at the equator and 111,694 m at the poles, a
    # degree of longitude 111,320 m at the equator and cos(60) of about 111,415 m at 60 degrees.
    assert hotspots.cell_degrees(110_574.3, 0.0)[1] == pytest.approx(1.0, abs=1e-5)
    assert hotspots.cell_degrees(111_319.5, 0.0)[0] == pytest.approx(1.0, abs=1e-5)
    assert hotspots.cell_degrees(111_694.0, 90.0)[1] == pytest.approx(1.0, abs=1e-5)
    assert hotspots.cell_degrees(55_800.0, 60.0)[0] == pytest.approx(1.0, abs=1e-3)
    assert hotspots.grid_cell_m(750) == 150


def test_kernel_density_without_points():
    grid = hotspots.kernel_density([], [], bounds=(104.0, 1.0, 104.01, 1.01))
    assert grid.points_count == 0 and not grid.values.any()
    classes = hotspots.density_classes(grid)
    assert classes.bins == ()
    assert hotspots.density_polygons(grid, classes).empty


def test_density_polygons_cover_the_classed_cells():
    lon = np.r_[np.full(50, 104.0), np.full(5, 104.03)]
    lat = np.r_[np.full(50, 1.0), np.full(5, 1.0)]
    grid = hotspots.kernel_density(lon, lat, bandwidth_m=500, cell_m=50)
    classes = hotspots.density_classes(grid, k=3)
    polys = hotspots.density_polygons(grid, classes)
    assert polys.crs.to_epsg() == 4326
    assert polys["class_index"].tolist() == list(range(len(classes.bins)))
    counts = np.bincount(classes.index[classes.index >= 0], minlength=len(classes.bins))
    assert polys["area_km2"].tolist() == pytest.approx((counts * grid.cell_km2).tolist())
    metric = polys.to_crs(grid.crs)
    assert metric.area.sum() / 1e6 == pytest.approx(polys["area_km2"].sum(), rel=1e-6)
    # The highest class sits on the cluster of 50 points, not the 5.
    top = polys.iloc[-1].geometry
    assert top.contains(shapely.Point(104.0, 1.0)) and not top.contains(shapely.Point(104.03, 1.0))


def test_density_grid_measures_true_metres_and_km2():
    # The grid lives in the points' UTM zone (geodata.crs.metric_crs): near Batam its lengths
    # and areas are within 0.1 % of the geodesic truth, so a bandwidth in metres and a density
    # per km2 mean what they say.
    grid = hotspots.kernel_density([104.0, 104.05], [1.0, 1.05], bandwidth_m=500, cell_m=50)
    assert grid.crs.to_epsg() == 32648
    classes = hotspots.density_classes(grid, k=2)
    polys = hotspots.density_polygons(grid, classes)
    geod = pyproj.Geod(ellps="WGS84")
    true_km2 = sum(abs(geod.geometry_area_perimeter(g)[0]) for g in polys.geometry) / 1e6
    assert true_km2 == pytest.approx(polys["area_km2"].sum(), rel=1e-3)
    to_lonlat = pyproj.Transformer.from_crs(grid.crs, "EPSG:4326", always_xy=True)
    lon0, lat0 = to_lonlat.transform(grid.x0, grid.y0)
    lon1, lat1 = to_lonlat.transform(grid.x0 + 10_000, grid.y0)
    assert geod.inv(lon0, lat0, lon1, lat1)[2] == pytest.approx(10_000, rel=1e-3)
