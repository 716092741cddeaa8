"""geodata.hierarchy: parents dissolved from their units and simplified per level, on a few
shapely.box squares (unit squares in plain coordinates, tolerance 1e-9 on areas)."""

from __future__ import annotations

import pandas as pd
import shapely

from geodata.hierarchy import dissolve_by_parent, parent_code, simplify_outlines


def test_four_boxes_of_a_coverage_dissolve_to_one_box_of_their_summed_area():
    boxes = [shapely.box(x, y, x + 1, y + 1) for x in (0, 1) for y in (0, 1)]
    out = dissolve_by_parent(boxes, ["a"] * 4)
    assert list(out.index) == ["a"]
    assert out["a"].geom_type == "Polygon"
    assert abs(out["a"].area - 4.0) < 1e-9
    assert shapely.equals(shapely.normalize(out["a"]), shapely.normalize(shapely.box(0, 0, 2, 2)))


def test_each_parent_gets_the_union_of_its_own_units_and_an_empty_one_is_left_out():
    boxes = [shapely.box(0, 0, 1, 1), shapely.box(1, 0, 2, 1), shapely.box(5, 0, 6, 1), shapely.Polygon()]
    out = dissolve_by_parent(boxes, ["b", "b", "c", "d"])
    assert list(out.index) == ["b", "c"]
    assert shapely.equals(out["b"], shapely.box(0, 0, 2, 1))
    assert shapely.equals(out["c"], shapely.box(5, 0, 6, 1))


def test_overlapping_units_are_no_coverage_and_take_the_unary_union():
    # Two squares overlapping by half: a coverage union would count the overlap twice or fail.
    boxes = [shapely.box(0, 0, 2, 2), shapely.box(1, 0, 3, 2)]
    out = dissolve_by_parent(boxes, ["p", "p"])
    assert out["p"].is_valid
    assert abs(out["p"].area - 6.0) < 1e-9
    assert shapely.equals(out["p"], shapely.box(0, 0, 3, 2))


def test_edges_that_share_no_vertices_are_no_coverage_but_still_dissolve():
    # The right square's left edge is split at y=0.5: same line, different vertices.
    left = shapely.box(0, 0, 1, 1)
    right = shapely.Polygon([(1, 0), (2, 0), (2, 1), (1, 1), (1, 0.5)])
    out = dissolve_by_parent([left, right], ["p", "p"])
    assert abs(out["p"].area - 2.0) < 1e-9
    assert out["p"].geom_type == "Polygon"


def test_parent_codes_are_the_prefixes_of_the_dotted_code():
    kode = pd.Series(["21.71.06.1002", "12.05.03.2001"])
    assert parent_code(kode, "kecamatan").tolist() == ["21.71.06", "12.05.03"]
    assert parent_code(kode, "kabkota").tolist() == ["21.71", "12.05"]
    assert parent_code(kode, "provinsi").tolist() == ["21", "12"]


def test_simplified_outlines_drop_small_wiggles_and_keep_shared_edges():
    # Two unit squares sharing the edge x=1; the left one's bottom edge has a notch of depth
    # 0.0001 (a triangle of area 5e-5, below the tolerance 0.02 * 1, squared).
    left = shapely.Polygon([(0, 0), (0.5, 0.0001), (1, 0), (1, 1), (0, 1)])
    right = shapely.box(1, 0, 2, 1)
    simple = simplify_outlines([left, right])
    assert len(shapely.get_coordinates(simple[0])) == 5
    assert abs(simple[0].area - 1.0) < 1e-3
    assert abs(shapely.intersection(simple[0], simple[1]).area) < 1e-12
    assert abs(shapely.union_all(simple).area - 2.0) < 1e-3


def test_a_share_of_zero_keeps_the_outlines():
    boxes = [shapely.box(0, 0, 1, 1)]
    assert simplify_outlines(boxes, share=0)[0] is boxes[0]
