"""geodata.crs: the UTM zone chosen for measuring, the same as geopandas' own choice."""

from __future__ import annotations

import geopandas as gpd
import pytest
import shapely

from geodata.crs import WGS84, metric_crs, to_metric


def squares(*corners: tuple[float, float], crs=WGS84) -> gpd.GeoSeries:
    return gpd.GeoSeries([shapely.box(x, y, x + 0.1, y + 0.1) for x, y in corners], crs=crs)


@pytest.mark.parametrize(
    ("corners", "epsg"),
    [
        ([(104.0, 1.0), (103.9, 0.9)], 32648),  # Batam: zone 48, north of the equator
        ([(124.8, 1.0)], 32651),  # Minahasa Tenggara: zone 51
        ([(110.3, -7.9)], 32749),  # Yogyakarta: zone 49, south
        ([(107.9, -0.1), (107.95, 0.0)], 32648),  # centre 107.975 E, 0.0 N: zone 48 (102-108 E), north
        ([(108.1, 0.2)], 32649),
    ],
)
def test_the_zone_of_the_centre_as_geopandas_chooses_it(corners, epsg):
    frame = squares(*corners)
    assert metric_crs(frame).to_epsg() == epsg
    assert metric_crs(frame) == frame.estimate_utm_crs()
    # Asked again (answered from memory): the same zone.
    assert metric_crs(frame).to_epsg() == epsg


def test_a_projected_frame_gets_the_zone_of_its_geometries():
    frame = squares((104.0, 1.0)).to_crs(3857)
    assert metric_crs(frame) == frame.estimate_utm_crs()
    assert metric_crs(frame).to_epsg() == 32648


def test_to_metric_measures_a_square_in_metres():
    # 0.1 x 0.1 degrees at the equator: about 11.13 x 11.06 km (within 0.1 %).
    area_km2 = to_metric(squares((104.0, 0.0))).area.iloc[0] / 1e6
    assert area_km2 == pytest.approx(11.132 * 11.058, rel=1e-3)


def test_no_crs_or_no_geometry_is_refused():
    with pytest.raises(ValueError, match="no CRS"):
        metric_crs(gpd.GeoSeries([shapely.box(0, 0, 1, 1)]))
    with pytest.raises(ValueError, match="all empty"):
        metric_crs(gpd.GeoSeries([shapely.Polygon()], crs=WGS84))
