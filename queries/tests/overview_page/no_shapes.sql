-- Read by tests/test_overview_page.py::test_region_without_boundaries_still_shows_the_figures.
-- Parameters: none.
-- Output: none (removes every stored and displayed polygon).
update wilayah set geom = null, geom_display = null
