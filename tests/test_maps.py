import folium
import geopandas as gpd
import pandas as pd
import shapely

from analytics.classify import classify
from tests.folium_maps import assert_served_locally, elements, map_html
from ui import assets, maps


def shapes():
    return gpd.GeoDataFrame(
        {
            "kode": ["a", "b", "c", "d"],
            "nama": ["A", "B", "C", "D"],
            "value": [10.0, 90.0, None, 50.0],
        },
        geometry=[
            shapely.box(0, 0, 1, 1),
            shapely.box(1, 0, 2, 1),
            shapely.box(0, 1, 1, 2),
            None,
        ],
        crs="EPSG:4326",
    )


def build():
    gdf = shapes()
    classes = classify(gdf["value"], "equal_interval", k=2)
    return classes, maps.choropleth(
        gdf,
        classes,
        "Cakupan (%)",
        maps.class_labels(classes, lambda v: f"{v:.0f}"),
        "Tidak ada data",
        {"nama": "Nama"},
    )


def test_every_library_is_served_locally():
    _, m = build()
    assert_served_locally(m)


def test_features_colours_and_legend():
    classes, m = build()
    geojson = next(el for el in elements(m) if isinstance(el, folium.GeoJson))
    features = geojson.data["features"]
    # D has no polygon: not drawn, but counted as no data in the legend.
    assert [f["properties"]["nama"] for f in features] == ["A", "B", "C"]
    palette = maps.PALETTES[2]
    assert [f["properties"]["_fill"] for f in features] == [palette[0], palette[1], maps.NO_DATA_COLOR]
    legend = next(el for el in elements(m) if isinstance(el, maps.Legend))
    html = legend.html
    assert "10 – 50" in html and "50 – 90" in html and "Tidak ada data" in html
    assert classes.counts == (2, 1) and classes.missing_count == 1
    assert "pk-legend" in map_html(m)


def test_join_values_keeps_every_shape():
    gdf = shapes()[["kode", "nama", "geometry"]]
    values = pd.DataFrame({"kode": ["a", "c"], "nama": ["ignored", "ignored"], "x": [1, 2]})
    out = maps.join_values(gdf, values)
    assert out["kode"].tolist() == ["a", "b", "c", "d"]
    assert out["nama"].tolist() == ["A", "B", "C", "D"]
    assert out["x"].tolist()[0] == 1 and pd.isna(out["x"].tolist()[1])
    assert maps.units_without_shape(out) == ["D"]


def test_vendor_assets_copied(tmp_path):
    target = assets.ensure_vendor_assets(tmp_path)
    assert (target / "leaflet" / "leaflet.js").stat().st_size > 100_000
    assert (target / "leaflet" / "leaflet.css").is_file()
    assert (target / "leaflet" / "images" / "layers.png").is_file()
    assert (target / "jquery" / "jquery.min.js").is_file()
    before = (target / "leaflet" / "leaflet.js").stat().st_mtime_ns
    assets.ensure_vendor_assets(tmp_path)
    assert (target / "leaflet" / "leaflet.js").stat().st_mtime_ns == before
