import hashlib
import re

import folium
import geopandas as gpd
import pandas as pd
import shapely

from analytics.classify import classify
from tests.folium_maps import assert_served_locally, elements, map_html
from ui import assets, maps

HOSTILE = "<img src=x onerror=alert(1)>"


def shapes():
    # A and B in kecamatan 21.71.01, C in 21.71.02; D has no polygon.
    return gpd.GeoDataFrame(
        {
            "kode": ["21.71.01.1001", "21.71.01.1002", "21.71.02.1001", "21.71.02.1002"],
            "nama": ["A", "B", "C", "D"],
            "kecamatan": ["Satu", "Satu", "Dua", "Dua"],
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


def build(gdf=None):
    gdf = shapes() if gdf is None else gdf
    classes = classify(gdf["value"], "equal_interval", k=2)
    return classes, maps.choropleth(
        gdf,
        classes,
        "Cakupan (%)",
        maps.class_labels(classes, lambda v: f"{v:.0f}"),
        "Tidak ada data",
        {"nama": "Nama"},
    )


def units_layer(m) -> folium.GeoJson:
    return next(el for el in elements(m) if isinstance(el, folium.GeoJson) and "_fill" in str(el.data))


def layer_named(m, name: str) -> folium.GeoJson:
    return next(el for el in elements(m) if isinstance(el, folium.GeoJson) and el.layer_name == name)


def controls(m) -> maps.Controls:
    return next(el for el in elements(m) if isinstance(el, maps.Controls))


def all_kinds():
    gdf = shapes()
    _, choropleth = build(gdf)
    category = maps.hotspot_map(
        gdf.assign(cls=["hot_99", "ns", None, "cold_90"]), "cls", {c: c for c in maps.HOTSPOT_COLORS}, "Gi*", "-", {}
    )
    cells = gpd.GeoDataFrame({"class_index": [0, 1]}, geometry=[shapely.box(0, 0, 1, 1), shapely.box(1, 0, 2, 1)])
    heat = maps.heat_map(gdf, cells.set_crs("EPSG:4326"), ["0 – 1", "1 – 2"], ["1 km2", "1 km2"], "Kepadatan", {})
    return [choropleth, category, heat]


def test_every_library_is_served_locally():
    for m in all_kinds():
        assert_served_locally(m)


def test_controls_files_are_in_the_project():
    for url in (assets.CONTROLS_JS, assets.CONTROLS_CSS):
        name = url.removeprefix(assets.URL_PREFIX + "/peta-kesos/").split("?v=")[0]
        assert url.endswith("?v=" + hashlib.sha256((assets.CONTROLS_DIR / name).read_bytes()).hexdigest()[:12])
    js = (assets.CONTROLS_DIR / "maps.js").read_text()
    for function in ("foldable", "outlines", "fitBeside", "labels", "search", "opacity"):
        assert f"    {function}: {function},\n" in js
    assert (assets.CONTROLS_DIR / "LICENSE.md").is_file()


def test_kecamatan_outlines_dissolve_the_kelurahan_by_code():
    gdf = shapes().iloc[:3]
    out = maps.kecamatan_outlines(gdf)
    assert out["kode_kecamatan"].tolist() == ["21.71.01", "21.71.02"]
    # A and B (two unit squares side by side) become one 2 x 1 rectangle; C stays itself.
    assert out.geometry.iloc[0].equals(shapely.box(0, 0, 2, 1))
    assert out.geometry.iloc[1].equals(shapely.box(0, 1, 1, 2))


def test_every_map_has_the_kecamatan_layer_as_outlines_in_a_layer_control():
    for m in all_kinds():
        layer = next(el for el in elements(m) if isinstance(el, maps.KecamatanLayer))
        shapes_drawn = [shapely.geometry.shape(g) for g in layer.geometry["geometries"]]
        assert shapes_drawn[0].equals(shapely.box(0, 0, 2, 1)) and shapes_drawn[1].equals(shapely.box(0, 1, 1, 2))
        control = next(el for el in elements(m) if isinstance(el, folium.LayerControl))
        html = map_html(m)
        assert f"PetaKesos.outlines({m.get_name()}, {layer.geometry_json}, {control.get_name()},\n" in html
        assert '"Batas kecamatan");' in html
        # Drawn after the layer control it joins.
        assert html.index(f"let {control.get_name()} = L.control.layers(") < html.index("PetaKesos.outlines(")
        assert f'{control.get_name()},\n            "Nama kelurahan"' in html
    # Lines three times as thick as the kelurahan borders (0.6), no fill, no clicks.
    js = (assets.CONTROLS_DIR / "maps.js").read_text()
    assert 'style: { fill: false, color: "#222222", weight: 1.8, opacity: 0.8 },\n      interactive: false,' in js


def test_vendor_copy_holds_the_controls(tmp_path):
    target = assets.ensure_vendor_assets(tmp_path)
    for name in ("maps.js", "maps.css", "LICENSE.md"):
        assert (target / "peta-kesos" / name).read_bytes() == (assets.CONTROLS_DIR / name).read_bytes()


def test_labels_at_the_centre_of_each_polygon_escaped():
    gdf = shapes()
    gdf.loc[0, "nama"] = HOSTILE
    _, m = build(gdf)
    rows = controls(m).labels
    assert rows == [
        [0.5, 0.5, "&lt;img src=x onerror=alert(1)&gt;", [0.0, 0.0, 1.0, 1.0], 6.5 * len(HOSTILE) + 8],
        [0.5, 1.5, "B", [0.0, 1.0, 1.0, 2.0], 14.5],
        [1.5, 0.5, "C", [1.0, 0.0, 2.0, 1.0], 14.5],
    ]
    html = map_html(m)
    assert "<img" not in html and "onerror=alert(1)>" not in html
    assert "PetaKesos.labels(" in html and "\\u0026lt;img src=x onerror=alert(1)\\u0026gt;" in html


def test_labels_of_an_island_kelurahan_sit_on_its_largest_island():
    gdf = shapes().iloc[:1]
    gdf.loc[0, "geometry"] = shapely.MultiPolygon([shapely.box(0, 0, 0.1, 0.1), shapely.box(1, 1, 3, 2)])
    row = maps.label_rows(gdf)[0]
    # Any point of the big box's middle line is as far (0.5) from its edge as can be.
    big = shapely.box(1, 1, 3, 2)
    assert abs(big.exterior.distance(shapely.Point(row[1], row[0])) - 0.5) < 1e-3 and big.contains(
        shapely.Point(row[1], row[0])
    )
    assert row[3] == [1.0, 1.0, 2.0, 3.0]


def test_search_lists_every_drawn_kelurahan_with_its_kecamatan_and_bounds():
    gdf = shapes()
    gdf.loc[2, "nama"] = HOSTILE
    _, m = build(gdf)
    assert controls(m).search == [
        ["A (Satu)", [0.0, 0.0, 1.0, 1.0], 0],
        ["B (Satu)", [0.0, 1.0, 1.0, 2.0], 1],
        [f"{HOSTILE} (Dua)", [1.0, 0.0, 2.0, 1.0], 2],
    ]
    # The numbers are the features' _pk, which the search box outlines.
    assert [f["properties"]["_pk"] for f in units_layer(m).data["features"]] == [0, 1, 2]
    html = map_html(m)
    assert "PetaKesos.search(" in html and "Cari kelurahan" in html
    assert HOSTILE not in html, "names reach the script as JSON with < and > escaped"


def test_opacity_slider_drives_the_fill_of_the_units():
    m = all_kinds()[0]
    style = units_layer(m).style_function(units_layer(m).data["features"][0])
    assert style["className"] == "pk-unit" and style["fillOpacity"] == maps.FILL_OPACITY
    assert f'PetaKesos.opacity({m.get_name()}, {maps.FILL_OPACITY}, "Opasitas isian")' in map_html(m)
    heat = all_kinds()[2]
    cells = layer_named(heat, "Kepadatan")
    assert cells.style_function(cells.data["features"][0])["className"] == "pk-unit"
    assert f"PetaKesos.opacity({heat.get_name()}, {maps.HEAT_OPACITY}," in map_html(heat)


def test_legend_folds_and_the_region_is_fitted_beside_it():
    for m in all_kinds():
        legend = next(el for el in elements(m) if isinstance(el, maps.Legend))
        assert '<b class="pk-legend-title">' in legend.html and '<div class="pk-legend-body">' in legend.html
        html = map_html(m)
        assert f"{legend.get_name()}.addTo({m.get_name()});" in html
        assert 'return PetaKesos.foldable(div, "Legenda");' in html
        # The bounds of the drawn polygons (D has none), with the legend's width as padding.
        assert (
            f"PetaKesos.fitBeside({m.get_name()}, [[0.0, 0.0], [2.0, 2.0]],\n            {legend.get_name()});" in html
        )


def test_features_colours_and_legend():
    classes, m = build()
    geojson = units_layer(m)
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
    values = pd.DataFrame({"kode": ["21.71.01.1001", "21.71.02.1001"], "nama": ["ignored", "ignored"], "x": [1, 2]})
    out = maps.join_values(gdf, values)
    assert out["kode"].tolist() == shapes()["kode"].tolist()
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


# --- a user limited to some kelurahan sees the others as plain outlines (issue 13.4) ------------

SCOPE = ("21.71.01.1001", "21.71.02.1002")


def scoped_shapes():
    # B (outside the scope) has figures no one else has: none may reach the browser.
    return shapes().assign(
        value=[10.0, 77.7, None, 50.0],
        figure=["10,0", "98.765", "–", "50,0"],
        nama=["A", "Bravo-luar", "Charlie-luar", "D"],
    )


def scoped_maps():
    gdf = scoped_shapes()
    classes = classify(gdf["value"], "equal_interval", k=2)
    labels = maps.class_labels(classes, lambda v: f"{v:.1f}")
    tooltip = {"nama": "Nama", "figure": "Angka"}
    choropleth = maps.choropleth(gdf, classes, "Cakupan (%)", labels, "Tidak ada data", tooltip, scope_kelurahan=SCOPE)
    category = maps.hotspot_map(
        gdf.assign(cls=["hot_99", "cold_99", "hot_95", "ns"]),
        "cls",
        {c: c for c in maps.HOTSPOT_COLORS},
        "Gi*",
        "-",
        tooltip,
        scope_kelurahan=SCOPE,
    )
    cells = gpd.GeoDataFrame({"class_index": [0]}, geometry=[shapely.box(0, 0, 1, 1)], crs="EPSG:4326")
    heat = maps.heat_map(gdf, cells, ["0 – 1"], ["1 km2"], "Kepadatan", tooltip, scope_kelurahan=SCOPE)
    return classes, [choropleth, category, heat]


def test_units_outside_the_scope_are_outlines_without_figures():
    _, built = scoped_maps()
    for m in built:
        html = map_html(m)
        assert "98.765" not in html and "98,765" not in html, "a figure of a unit outside the scope"
        assert "Bravo-luar" not in html and "Charlie-luar" not in html, "not even the names"
        outline = layer_named(m, "outside")
        assert outline.control is False
        assert [f["properties"] for f in outline.data["features"]] == [{}, {}]
        assert [shapely.geometry.shape(f["geometry"]).bounds for f in outline.data["features"]] == [
            (1.0, 0.0, 2.0, 1.0),
            (0.0, 1.0, 1.0, 2.0),
        ]
        assert outline.style_function({}) == {"color": maps.OUTSIDE_COLOR, "weight": 0.8, "fill": False}
        assert "10,0" in html, "the unit in scope keeps its tooltip"
        # Labels and search name only the units in scope; the map opens on them.
        assert [row[2] for row in controls(m).labels] == ["A"]
        assert [row[0] for row in controls(m).search] == ["A (Satu)"]
        assert controls(m).bounds_json == "[[0.0, 0.0], [1.0, 1.0]]"


def test_the_legend_counts_only_the_units_in_scope():
    classes, (choropleth, category, _) = scoped_maps()
    # Equal intervals of 10-77.7 (break 43.85): A (10) in class 0, D (50) and B (77.7) in
    # class 1, C no data.
    assert list(classes.counts) == [1, 2] and classes.missing_count == 1
    legend = next(el for el in elements(choropleth) if isinstance(el, maps.Legend)).html
    counts = [int(n) for n in re.findall(r'padding-left:8px">(\d+)<', legend)]
    # In scope: A in class 0 and D (no polygon, still counted) in class 1; no "no data" row.
    assert counts == [1, 1]
    legend = next(el for el in elements(category) if isinstance(el, maps.Legend)).html
    assert [int(n) for n in re.findall(r'padding-left:8px">(\d+)<', legend)] == [1, 0, 0, 1, 0, 0, 0]


def test_no_scope_is_todays_map():
    gdf = scoped_shapes()
    classes = classify(gdf["value"], "equal_interval", k=2)
    args = (gdf, classes, "Cakupan (%)", maps.class_labels(classes, str), "-", {"figure": "Angka"})
    assert not [el for el in elements(maps.choropleth(*args)) if getattr(el, "layer_name", None) == "outside"]
    assert "98.765" in map_html(maps.choropleth(*args))


# --- built once per process, the same bytes for every session (issue 14.4) ---------------------


def test_the_same_map_is_built_once_and_written_the_same():
    from streamlit_folium import _get_map_string

    gdf = scoped_shapes()
    classes = classify(gdf["value"], "equal_interval", k=2)
    args = (gdf, classes, "Cakupan (%)", maps.class_labels(classes, str), "-", {"figure": "Angka"})
    first = maps.choropleth(*args)
    # Another session: equal frames built anew, the same map object.
    again = maps.choropleth(scoped_shapes(), classify(scoped_shapes()["value"], "equal_interval", k=2), *args[2:])
    assert again is first
    assert _get_map_string(first) == _get_map_string(again)
    changed = scoped_shapes().assign(figure=["1", "2", "3", "4"])
    assert maps.choropleth(changed, *args[1:]) is not first, "other data, another map"
    assert maps.choropleth(*args, scope_kelurahan=SCOPE) is not first, "other options, another map"


def test_a_shown_map_hands_the_component_what_st_folium_makes_once_per_map_and_key():
    from streamlit_folium import _get_map_string, generate_js_hash

    gdf = scoped_shapes()
    classes = classify(gdf["value"], "equal_interval", k=2)
    m = maps.choropleth(gdf, classes, "Cakupan (%)", maps.class_labels(classes, str), "-", {"figure": "Angka"})
    args = maps._component_args(m, "peta")
    script = _get_map_string(m)
    assert args["script"] == script and "98.765" in script
    assert args["key"] == generate_js_hash(script, "peta", False)
    assert args["returned_objects"] == ["last_active_drawing"] and args["width"] is None
    # Every later run (any session: the map is shared) gets the same arguments, not a new render.
    assert maps._component_args(m, "peta") is args
    other = maps._component_args(m, "peta_lain")
    assert other is not args and other["script"] == script and other["key"] != args["key"]


def test_a_map_knows_its_bounds_without_walking_its_coordinates():
    # streamlit-folium asks each map for its bounds: they are the frames' (vectorised), the same
    # as folium's walk over every coordinate of the GeoJSON, for every kind of map.
    from folium.utilities import get_bounds

    for m in [*all_kinds(), *scoped_maps()[1]]:
        layers = [el for el in elements(m) if isinstance(el, folium.GeoJson)]
        assert layers and all(isinstance(el, maps._GeoJson) for el in layers)
        for el in layers:
            assert el._get_self_bounds() == get_bounds(el.data, lonlat=True)
        assert m.get_bounds() == [[0.0, 0.0], [2.0, 2.0]]
