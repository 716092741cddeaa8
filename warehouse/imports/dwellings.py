"""The dwellings outside their kelurahan, judged at write time into the table ``quality_outside``.

The one data-quality check that needs polygons (:func:`analytics.quality.dwellings_outside_kelurahan`)
was judged on every overview visit over every located household of the region (744,698 rows at
scale 10). Every write now judges it once, after the SQL analytics refresh and in the same
transaction, and the pages count and page the findings in SQL (``queries/quality_counts.sql``,
``queries/quality_findings.sql``).

A household's verdict depends on its own row (status, declared kelurahan, coordinates) and on the
polygons only. So an import that changes households re-judges the households of the kelurahan it
touched (old and new values: a household that moved leaves its old kelurahan's findings and is
judged in its new one), and nothing else can change; a write that changes polygons (boundaries,
code lists) or a demo build judges everything.

The households are judged one kab/kota at a time, on the polygons of its kelurahan plus the
*tolerance's neighbours*: every unit of another kab/kota whose bounds come within
:data:`NEIGHBOUR_DEGREES` of the kab/kota's. A dwelling farther out than that is farther than the
tolerance (250 m) from every unit of its kab/kota, so it is outside its kelurahan whatever lies
there; nearer, it may lie in (or nearest to) the neighbour's unit, which is then its detail. In a
warehouse of one kab/kota this is exactly the region's judgement the overview made before.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

import duckdb
import geopandas as gpd
import shapely

import queries
from analytics import quality

KABKOTA_PREFIX = re.compile(r"[0-9]{2}\.[0-9]{2}(\.|$)")
"""The start of a kelurahan code that names its kab/kota (``PP.KK.``), or a kab/kota code."""

NEIGHBOUR_DEGREES = 0.005
"""How far beyond a kab/kota's bounds a unit of another kab/kota is taken along, degrees: 0.005
degrees are at least 550 m anywhere in Indonesia (latitude 11 S to 6 N), more than twice the
tolerance of :func:`geodata.points.assign_points_to_units`."""


def refresh_outside(con: duckdb.DuckDBPyConnection, kelurahan: Iterable[str | None] | None = None) -> int:
    """Judge the located active households of ``kelurahan`` (None: every one) again and replace
    their rows of ``quality_outside``; run on ``con`` itself (the write's open transaction).

    ``kelurahan`` is what :func:`warehouse.db.refresh_analytics` returned: the codes it
    refreshed ('' for rows without a kelurahan), or None after a full refresh. Returns the number
    of findings written."""
    codes = None if kelurahan is None else sorted({code or "" for code in kelurahan})
    con.execute(queries.load("refresh/outside_delete"), {"kelurahan": codes})
    found_in = (
        [k for (k,) in con.execute(queries.load("refresh/outside_kabkota")).fetchall()] if codes is None else codes
    )
    # A household whose code is no Kemendagri code lies in no kab/kota: no page ever showed it.
    batches = sorted({code[:5] for code in found_in if KABKOTA_PREFIX.match(code)})
    if not batches:
        return 0
    units = _Units(con)
    written = 0
    for kode_kabkota in batches:
        households = (
            con.sql(
                queries.load("refresh/outside_households"),
                params={"kode_kabkota": kode_kabkota, "kelurahan": codes},
            )
            .to_arrow_table()
            .to_pandas()
        )
        found = quality.dwellings_outside_kelurahan(households, units.of(kode_kabkota))
        if found.empty:
            continue
        con.register("outside_found", found[["kode_kelurahan", "id_dtks", "detail"]])
        try:
            con.execute(queries.load("refresh/outside_insert"))
        finally:
            con.unregister("outside_found")
        written += len(found)
    return written


class _Units:
    """Every kelurahan with a polygon: kode, geometry (EPSG:4326, to five decimals as the maps'
    :func:`reports.files.boundaries`: the polygons this check has always judged on), ordered by
    kode, with each one's kab/kota and bounds."""

    def __init__(self, con: duckdb.DuckDBPyConnection) -> None:
        df = con.execute(queries.load("refresh/outside_units")).df()
        geoms = shapely.set_precision(shapely.from_wkb([bytes(g) for g in df.pop("geom_display")]), 1e-5)
        self.frame = gpd.GeoDataFrame(df, geometry=geoms, crs="EPSG:4326")
        self.kabkota = df["kode"].str[:5].to_numpy(dtype=object)
        self.bounds = shapely.bounds(geoms)

    def of(self, kode_kabkota: str) -> gpd.GeoDataFrame:
        """The units of ``kode_kabkota`` and of its tolerance's neighbours (:data:`NEIGHBOUR_DEGREES`)."""
        own = self.kabkota == kode_kabkota
        if not own.any():
            return self.frame[own]
        b = self.bounds
        minx, miny = b[own, 0].min() - NEIGHBOUR_DEGREES, b[own, 1].min() - NEIGHBOUR_DEGREES
        maxx, maxy = b[own, 2].max() + NEIGHBOUR_DEGREES, b[own, 3].max() + NEIGHBOUR_DEGREES
        near = (b[:, 0] <= maxx) & (b[:, 2] >= minx) & (b[:, 1] <= maxy) & (b[:, 3] >= miny)
        return self.frame[own | near]
