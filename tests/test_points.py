"""geodata.points: points to desa/kelurahan with tolerances for gaps, overlaps and the shore.

The squares sit on the equator, where 0.00001 degree of longitude is 1.1132 m
(6,378,137 m * pi / 180 / 100,000); distances below are checked to 1 %.
"""

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest
import shapely

from geodata.points import assign_points_to_units

M_PER_1E5_DEG = 1.113195
A, B, C = "99.71.01.1001", "99.71.01.1002", "99.71.01.1003"


@pytest.fixture
def units():
    """A: 100.00-100.01 E; B: 100.0102-100.0202 E, a 0.0002-degree (22.3 m) gap away; both
    0-0.01 N. C overlaps A on 100.009-100.01 E, 0.005-0.01 N. Plus a unit without polygon."""
    return gpd.GeoDataFrame(
        {"kode": [A, B, C, "99.71.01.2004"]},
        geometry=[
            shapely.box(100.0, 0.0, 100.01, 0.01),
            shapely.box(100.0102, 0.0, 100.0202, 0.01),
            shapely.box(100.009, 0.005, 100.0095, 0.01),
            None,
        ],
        crs=4326,
    )


def points(*lonlat, **columns):
    frame = pd.DataFrame(lonlat, columns=["lon", "lat"])
    for name, values in columns.items():
        frame[name] = values
    return frame


def test_point_inside_one_unit(units):
    row = assign_points_to_units(points((100.005, 0.002)), units).iloc[0]
    assert (row["kode_spatial"], row["spatial_match"], row["distance_m"]) == (A, "inside", 0.0)
    assert np.isnan(row["declared_distance_m"]) and pd.isna(row["declared_disagrees"])


def test_point_in_the_gap_goes_to_the_nearer_square(units):
    # 0.00005 deg (5.57 m) east of A, 0.00015 deg (16.7 m) west of B.
    out = assign_points_to_units(points((100.01005, 0.002)), units)
    assert (out.iloc[0]["kode_spatial"], out.iloc[0]["spatial_match"]) == (A, "nearest")
    assert out.iloc[0]["distance_m"] == pytest.approx(5 * M_PER_1E5_DEG, rel=0.01)


def test_point_just_offshore_is_kept_and_far_offshore_is_not(units):
    out = assign_points_to_units(points((99.999, 0.002), (99.99, 0.002)), units, max_distance_m=250)
    assert out["kode_spatial"].tolist()[0] == A and pd.isna(out["kode_spatial"].iloc[1])
    assert out["spatial_match"].tolist() == ["nearest", "too_far"]
    assert out["distance_m"].iloc[0] == pytest.approx(100 * M_PER_1E5_DEG, rel=0.01)
    assert np.isnan(out["distance_m"].iloc[1])
    wider = assign_points_to_units(points((99.99, 0.002)), units, max_distance_m=1200)
    assert wider["kode_spatial"].tolist() == [A]


def test_point_in_an_overlap_takes_the_declared_unit_else_the_deepest(units):
    # (100.0093, 0.009): 0.0002 deg inside C's east edge, 0.0007 deg inside A's: A holds it deeper.
    out = assign_points_to_units(
        points((100.0093, 0.009), (100.0093, 0.009), kel=[None, C]), units, declared_column="kel"
    )
    assert out["kode_spatial"].tolist() == [A, C]
    assert out["spatial_match"].tolist() == ["overlap", "overlap"]
    assert out["declared_disagrees"].tolist() == [pd.NA, False]


def test_declared_kelurahan_that_disagrees_is_flagged_with_its_distance(units):
    out = assign_points_to_units(
        points((100.005, 0.002), (100.015, 0.002), (100.015, 0.002), kel=["9971011002", B, "not a code"]),
        units,
        declared_column="kel",
    )
    assert out["kode_spatial"].tolist() == [A, B, B]
    assert out["declared_disagrees"].tolist() == [True, False, pd.NA]
    # From 100.005 E to B's west edge at 100.0102 E: 0.0052 deg.
    assert out["declared_distance_m"].iloc[0] == pytest.approx(520 * M_PER_1E5_DEG, rel=0.01)
    assert out["declared_distance_m"].iloc[1] == 0.0


def test_missing_and_impossible_coordinates(units):
    out = assign_points_to_units(points((None, 0.002), (100.005, 95.0), ("x", 0.0)), units)
    assert out["spatial_match"].tolist() == ["no_coordinates"] * 3
    assert out["kode_spatial"].isna().all()


def test_empty_inputs(units):
    out = assign_points_to_units(points(), units)
    assert out.empty and list(out.columns) == [
        "kode_spatial",
        "spatial_match",
        "distance_m",
        "declared_distance_m",
        "declared_disagrees",
    ]
    none = assign_points_to_units(points((100.005, 0.002)), units.iloc[3:])
    assert none["spatial_match"].tolist() == ["too_far"]


def test_index_is_kept(units):
    frame = points((100.005, 0.002), (100.015, 0.002))
    frame.index = ["r1", "r2"]
    assert assign_points_to_units(frame, units)["kode_spatial"].to_dict() == {"r1": A, "r2": B}
