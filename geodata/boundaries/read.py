"""Reading a boundary file: one polygon layer of a GeoJSON, Shapefile (bare or zipped),
GeoPackage or GeoParquet, as written."""

from __future__ import annotations

import hashlib
import zipfile
from pathlib import Path

import geopandas as gpd
import numpy as np
import pyogrio

from geodata.boundaries.model import BoundaryError


def read_boundary_file(path: str | Path, layer: str | None = None, source_name: str | None = None) -> gpd.GeoDataFrame:
    """Read one polygon layer of a boundary file with pyogrio (GeoParquet with pyarrow).

    Parameters
    ----------
    path : str or Path
        ``.geojson``/``.json``, ``.shp``, ``.zip`` (a Shapefile, GeoPackage or GeoJSON inside,
        in any folder of the archive), ``.gpkg``, ``.parquet``/``.geoparquet``, or anything
        else GDAL reads.
    layer : str, optional
        The layer, or for a zip the member's file name without extension.
    source_name : str, optional
        Name of the file in messages.

    Returns
    -------
    geopandas.GeoDataFrame
        As read: CRS as declared (None when the file has none), columns untouched. The chosen
        layer is in ``attrs["layer"]`` when there was a choice.

    Raises
    ------
    BoundaryError
        Missing or unreadable file, no polygon layer, several polygon layers of the same size,
        an unknown ``layer``, or no rows.
    """
    path = Path(path)
    name = source_name or path.name
    if not path.is_file():
        raise BoundaryError(f"{name}: file not found ({path})")
    try:
        if path.suffix.lower() in (".parquet", ".geoparquet"):
            frame = gpd.read_parquet(path)
        else:
            dataset, chosen = _choose_layer(path, layer, name)
            frame = pyogrio.read_dataframe(dataset, layer=chosen)
            frame.attrs["layer"] = chosen
    except BoundaryError:
        raise
    except Exception as exc:  # pyogrio, pyarrow and zipfile each raise their own errors
        raise BoundaryError(f"{name}: cannot read the file: {exc}") from exc
    if len(frame) == 0:
        raise BoundaryError(f"{name}: the file has no rows")
    return frame


def _choose_layer(path: Path, layer: str | None, name: str) -> tuple[str, str | None]:
    """(dataset path for GDAL, layer name) of the polygon layer to read."""
    datasets = [str(path)]
    if path.suffix.lower() == ".zip":
        with zipfile.ZipFile(path) as archive:
            members = [
                m
                for m in archive.namelist()
                if Path(m).suffix.lower() in (".shp", ".gpkg", ".geojson", ".json", ".fgb")
                and not Path(m).name.startswith(".")
            ]
        if not members:
            raise BoundaryError(f"{name}: the zip holds no .shp, .gpkg or .geojson file")
        datasets = [f"/vsizip/{path}/{m}" for m in members]
    layers = []
    for dataset in datasets:
        for layer_name, geometry_type in pyogrio.list_layers(dataset):
            layers.append((dataset, str(layer_name), str(geometry_type)))
    if layer is not None:
        for dataset, layer_name, _ in layers:
            if layer_name == layer:
                return dataset, layer_name
        raise BoundaryError(f"{name}: no layer {layer!r}; layers: {', '.join(n for _, n, _ in layers)}")
    polygonal = [(d, n) for d, n, t in layers if "polygon" in t.lower() or t in ("Unknown", "None")]
    if not polygonal:
        raise BoundaryError(f"{name}: no polygon layer; layers: " + ", ".join(f"{n} ({t})" for _, n, t in layers))
    if len(polygonal) == 1:
        return polygonal[0][0], (polygonal[0][1] if len(layers) > 1 else None)
    sizes = [pyogrio.read_info(d, layer=n)["features"] for d, n in polygonal]
    order = np.argsort(sizes)[::-1]
    if sizes[order[0]] == sizes[order[1]]:
        raise BoundaryError(
            f"{name}: several polygon layers of {sizes[order[0]]} features; choose one with "
            f"--layer: " + ", ".join(n for _, n in polygonal)
        )
    return polygonal[order[0]]


def file_sha256(path: str | Path) -> str:
    """Hex SHA-256 of a file's bytes."""
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()
