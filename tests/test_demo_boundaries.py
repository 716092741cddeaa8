"""The approximate kelurahan polygons of the demo (geodata.demo_boundaries)."""

import numpy as np
import pandas as pd
import pytest
import shapely

from geodata.demo_boundaries import BATAM_ISLAND_KECAMATAN, UTM_48N, demo_kelurahan_polygons
from warehouse import demo


@pytest.fixture(scope="module")
def facts() -> pd.DataFrame:
    return pd.read_csv(demo.BATAM_FACTS, dtype={"kode": str, "kode_kecamatan": str})


@pytest.fixture(scope="module")
def polygons(facts):
    return demo_kelurahan_polygons(facts)


def test_one_valid_polygon_per_kelurahan(facts, polygons):
    assert len(facts) == 64
    assert polygons.crs.to_epsg() == 4326
    assert list(polygons.columns) == ["kode", "geometry"]
    assert polygons["kode"].tolist() == facts["kode"].tolist()
    geoms = polygons.geometry.to_numpy()
    assert shapely.is_valid(geoms).all()
    assert np.isin(shapely.get_type_id(geoms), [3, 6]).all()  # Polygon or MultiPolygon


def test_no_overlaps(polygons):
    geoms = polygons.geometry.to_crs(UTM_48N).to_numpy()
    left, right = shapely.STRtree(geoms).query(geoms, predicate="intersects")
    pair = left < right
    overlap_m2 = shapely.area(shapely.intersection(geoms[left[pair]], geoms[right[pair]]))
    assert pair.sum() > 20, "the city kelurahan share edges"
    assert overlap_m2.max(initial=0.0) < 1.0


def test_areas_within_a_factor_of_two(facts, polygons):
    area_km2 = polygons.geometry.to_crs(UTM_48N).area.to_numpy() / 1e6
    ratio = area_km2 / facts["luas_km2"].to_numpy()
    assert ratio.min() > 0.5 and ratio.max() < 2.0, ratio


def test_every_point_inside_its_own_polygon(facts, polygons):
    inside = shapely.contains_xy(polygons.geometry.to_numpy(), facts["lon"].to_numpy(), facts["lat"].to_numpy())
    assert inside.all(), facts.loc[~inside, "kode"].tolist()


def test_islands_stay_apart_and_some_have_several_parts(facts, polygons):
    geoms = polygons.geometry.to_crs(UTM_48N).to_numpy()
    island = facts["kode_kecamatan"].isin(BATAM_ISLAND_KECAMATAN).to_numpy()
    gaps = shapely.distance(geoms[island][:, None], geoms[None, :])
    gaps[np.arange(island.sum()), np.flatnonzero(island)] = np.inf
    assert gaps.min() > 100.0, "island kelurahan are separated by sea"
    assert (shapely.get_num_geometries(geoms[island]) > 1).sum() >= 5


def test_deterministic_and_independent_of_row_order(facts, polygons):
    shuffled = facts.sample(frac=1.0, random_state=7)
    again = demo_kelurahan_polygons(shuffled).set_index("kode").loc[facts["kode"]]
    assert shapely.equals_exact(again.geometry.to_numpy(), polygons.geometry.to_numpy(), tolerance=1e-9).all()


def test_empty_input_gives_an_empty_frame(facts):
    out = demo_kelurahan_polygons(facts.iloc[0:0])
    assert out.empty and out.crs.to_epsg() == 4326 and "kode" in out.columns
