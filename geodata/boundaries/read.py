"""Reading a boundary file: one polygon layer of a GeoJSON, Shapefile (bare or zipped),
GeoPackage or GeoParquet, as written.

What is read, and what is refused
---------------------------------
A file is read as what its name says it is, and nothing else. Its extension names its type, its
first bytes must confirm it, and only the one reader of that type opens it (the GDAL driver is
checked before any feature is read):

========================  =====================================================  ==============
extension                 first bytes                                            reader
========================  =====================================================  ==============
``.geojson``, ``.json``   ``{`` after white space and a UTF-8 byte order mark    GDAL GeoJSON
``.gpkg``                 ``SQLite format 3``                                    GDAL GPKG
``.shp``                  the Shapefile file code 9994                           GDAL Shapefile
``.zip``                  ``PK\\x03\\x04``, holding Shapefiles (``.shp`` with    GDAL Shapefile
                          their ``.shx`` and ``.dbf``)
``.parquet``,             ``PAR1``, and ``PAR1`` at the end                      pyarrow
``.geoparquet``
========================  =====================================================  ==============

Refused, with a message naming the file:

- any other extension, or content that is not what the extension says (a ``.gpkg`` that is a
  zip, a ``.geojson`` that is XML);
- GDAL virtual datasets (VRT XML, which can name any file or URL), whatever the extension;
- names GDAL would treat as something other than a local file: ``/vsi*`` paths (``/vsicurl/``,
  ``/vsizip/``, ...), URLs (``http://``, ...) and connection strings (``CSV:``, ``SQLite:``,
  ``GPKG:``, ``PG:``, ...);
- in a zip: nested archives, ``.vrt`` members, members outside the archive's folder (``..``,
  absolute paths), a ``.shp`` without its ``.shx`` or ``.dbf``, more than
  :data:`MAX_UNZIPPED_BYTES` unpacked or a member packed more than :data:`MAX_ZIP_RATIO` times
  (zip bombs);
- OGR SQL: no query, filter or dialect is ever passed to GDAL; a ``layer`` that reads like an
  SQL statement is refused, and a layer is chosen by its exact name among those the file lists.

GDAL itself is configured when this module is imported (:data:`GDAL_CONFIG`) so that it opens no
network connection (``/vsicurl/`` accepts no file name, HTTP goes to a closed local port), lists
no directory looking for side files, and bounds the size of a GeoJSON object; PROJ downloads no
grid. Names inside the file are data: they are stored as the text they are.
"""

from __future__ import annotations

import hashlib
import re
import zipfile
from pathlib import Path, PurePosixPath

import geopandas as gpd
import numpy as np
import pyogrio
import pyproj

from geodata.boundaries.model import BoundaryError
from geodata.messages import Items, Message, Num

GDAL_CONFIG = {
    # /vsicurl/ only opens names with these extensions: none has this one.
    "CPL_VSIL_CURL_ALLOWED_EXTENSIONS": ".peta-kesos-no-network",
    # Whatever HTTP request a driver might still make goes to a closed local port.
    "GDAL_HTTP_PROXY": "127.0.0.1:9",
    "GDAL_HTTPS_PROXY": "127.0.0.1:9",
    "GDAL_HTTP_MAX_RETRY": "0",
    "GDAL_HTTP_TIMEOUT": "1",
    # No directory listing to look for side files (.aux.xml, .ovr, ...) next to the upload.
    "GDAL_DISABLE_READDIR_ON_OPEN": "EMPTY_DIR",
    # A GeoJSON object larger than this (MB) is an error, not a memory exhaustion.
    "OGR_GEOJSON_MAX_OBJ_SIZE": "200",
    # VRT is refused before GDAL sees it; should one get through, it runs no code.
    "GDAL_VRT_ENABLE_PYTHON": "NO",
}
pyogrio.set_gdal_config_options(GDAL_CONFIG)
pyproj.network.set_network_enabled(False)

KINDS = {
    ".geojson": "geojson",
    ".json": "geojson",
    ".gpkg": "gpkg",
    ".shp": "shapefile",
    ".zip": "zip",
    ".parquet": "parquet",
    ".geoparquet": "parquet",
}
"""File extension -> the type it names."""
DRIVERS = {"geojson": "GeoJSON", "gpkg": "GPKG", "shapefile": "ESRI Shapefile", "zip": "ESRI Shapefile"}
"""The one GDAL driver allowed to open each type (Parquet is read by pyarrow)."""
MAX_UNZIPPED_BYTES = 2 << 30
"""Largest total unpacked size of a zip's members (2 GiB: a province's desa is a few hundred MB)."""
MAX_ZIP_RATIO = 100
"""Largest packing ratio of a zip member over 1 MB (Shapefiles pack 2-10 times)."""
_ARCHIVES = (".zip", ".gz", ".tgz", ".tar", ".7z", ".rar", ".bz2", ".xz", ".kmz", ".vsizip")
_SHAPEFILE_CODE = b"\x00\x00\x27\x0a"
_CONNECTION = re.compile(r"^[A-Za-z][A-Za-z0-9_ ]+:")
"""CSV:, SQLite:, GPKG:, PG:, WFS: ... (a one-letter prefix is a Windows drive)."""
_SQL = re.compile(r"^\s*(select|with|pragma|insert|update|delete|drop|create|attach|alter)\b", re.IGNORECASE)
"""A --layer that is an OGR SQL statement rather than a layer name."""
# Path() folds "http://host" to "http:/host", so a URL is also told by its scheme.
_URL_SCHEMES = ("http", "https", "ftp", "ftps", "file", "s3", "gs", "az", "abfs", "hdfs", "webhdfs")


def read_boundary_file(path: str | Path, layer: str | None = None, source_name: str | None = None) -> gpd.GeoDataFrame:
    """Read one polygon layer of a boundary file with pyogrio (GeoParquet with pyarrow).

    Parameters
    ----------
    path : str or Path
        A local ``.geojson``/``.json``, ``.gpkg``, ``.shp``, ``.zip`` (Shapefiles inside, in
        any folder of the archive) or ``.parquet``/``.geoparquet`` file; see the module
        docstring for what is refused.
    layer : str, optional
        The layer, or for a zip the Shapefile's name without extension.
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
        Missing, refused or unreadable file, no polygon layer, several polygon layers of the
        same size, an unknown ``layer``, or no rows.
    """
    name = source_name or Path(str(path)).name
    _refuse_names_that_are_not_files(str(path), name)
    if layer is not None and _SQL.match(layer):
        raise BoundaryError("boundaries.error.layer_sql", source=name, layer=layer)
    path = Path(path)
    if not path.is_file():
        raise BoundaryError("boundaries.error.not_found", source=name, path=str(path))
    kind = KINDS.get(path.suffix.lower())
    if kind is None:
        suffix = path.suffix or Message("boundaries.error.no_extension")
        raise BoundaryError("boundaries.error.file_type", source=name, suffix=suffix)
    _check_content(path, kind, name)
    try:
        if kind == "parquet":
            frame = gpd.read_parquet(path)
        else:
            datasets = _zipped_shapefiles(path, name) if kind == "zip" else [str(path)]
            dataset, chosen = _choose_layer(datasets, DRIVERS[kind], layer, name)
            frame = pyogrio.read_dataframe(dataset, layer=chosen)
            frame.attrs["layer"] = chosen
    except BoundaryError:
        raise
    except Exception as exc:  # pyogrio, pyarrow and zipfile each raise their own errors
        raise BoundaryError("boundaries.error.unreadable", source=name, detail=str(exc)) from exc
    if len(frame) == 0:
        raise BoundaryError("boundaries.error.no_rows", source=name)
    return frame


def _refuse_names_that_are_not_files(text: str, name: str) -> None:
    """Refuse /vsi* paths, URLs and connection strings: GDAL would open them as what they say."""
    lowered = text.strip().casefold()
    if lowered.startswith(("/vsi", "\\vsi")):
        what = Message("boundaries.refused.vsi")
    elif "://" in text or lowered.split(":", 1)[0] in _URL_SCHEMES:
        what = Message("boundaries.refused.url")
    elif _CONNECTION.match(text):
        what = Message("boundaries.refused.connection", prefix=text.split(":", 1)[0])
    else:
        return
    raise BoundaryError("boundaries.error.not_a_file", source=name, what=what)


def _head_and_tail(path: Path) -> tuple[bytes, bytes]:
    with open(path, "rb") as handle:
        head = handle.read(1024)
        handle.seek(max(path.stat().st_size - 4, 0))
        return head, handle.read(4)


def _looks_like(head: bytes) -> Message:
    """What the first bytes of a file are, for a message."""
    text = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    if head.startswith(b"PK\x03\x04") or head.startswith(b"PK\x05\x06"):
        looks = "zip"
    elif head.startswith(b"SQLite format 3\x00"):
        looks = "sqlite"
    elif head.startswith(b"PAR1"):
        looks = "parquet"
    elif head.startswith(_SHAPEFILE_CODE):
        looks = "shapefile"
    elif b"<OGRVRTDataSource" in head or b"<VRTDataset" in head:
        looks = "vrt"
    elif text.startswith(b"<"):
        looks = "xml"
    elif text.startswith(b"{") or text.startswith(b"["):
        looks = "json"
    else:
        looks = "other"
    return Message(f"boundaries.looks.{looks}")


def _check_content(path: Path, kind: str, name: str) -> None:
    """Refuse a file whose first (and for Parquet last) bytes are not those of its type."""
    head, tail = _head_and_tail(path)
    text = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    ok = {
        "geojson": text.startswith(b"{"),
        "gpkg": head.startswith(b"SQLite format 3\x00"),
        "shapefile": head.startswith(_SHAPEFILE_CODE),
        "zip": head.startswith(b"PK\x03\x04"),
        "parquet": head.startswith(b"PAR1") and tail == b"PAR1",
    }[kind]
    if not ok:
        raise BoundaryError(
            "boundaries.error.content",
            source=name,
            suffix=path.suffix,
            expected=Message(f"boundaries.kind.{kind}"),
            looks=_looks_like(head),
        )


def _zipped_shapefiles(path: Path, name: str) -> list[str]:
    """GDAL paths of the Shapefiles in a zip, after checking every member."""
    try:
        archive = zipfile.ZipFile(path)
    except zipfile.BadZipFile as exc:
        raise BoundaryError("boundaries.error.bad_zip", source=name, detail=str(exc)) from None
    with archive:
        members = [m for m in archive.infolist() if not m.is_dir()]
        total = 0
        for member in members:
            parts = PurePosixPath(member.filename.replace("\\", "/"))
            if parts.is_absolute() or ".." in parts.parts or ":" in member.filename or "/vsi" in member.filename:
                raise BoundaryError("boundaries.error.zip_outside", source=name, member=member.filename)
            suffix = parts.suffix.lower()
            if suffix in _ARCHIVES:
                raise BoundaryError("boundaries.error.zip_nested", source=name, member=member.filename)
            if suffix == ".vrt":
                raise BoundaryError("boundaries.error.zip_vrt", source=name, member=member.filename)
            total += member.file_size
            if member.file_size > 1 << 20 and member.file_size > MAX_ZIP_RATIO * max(member.compress_size, 1):
                raise BoundaryError(
                    "boundaries.error.zip_ratio",
                    source=name,
                    member=member.filename,
                    ratio=Num(member.file_size / member.compress_size, 0),
                )
        if total > MAX_UNZIPPED_BYTES:
            raise BoundaryError(
                "boundaries.error.zip_size",
                source=name,
                gib=Num(total / 2**30, 1),
                max_gib=Num(MAX_UNZIPPED_BYTES / 2**30, 0),
            )
        names = {m.filename.casefold(): m for m in members}
        shapefiles = [
            m
            for m in members
            if PurePosixPath(m.filename).suffix.lower() == ".shp" and not PurePosixPath(m.filename).name.startswith(".")
        ]
        if not shapefiles:
            raise BoundaryError("boundaries.error.zip_no_shp", source=name)
        for shp in shapefiles:
            stem = shp.filename[: -len(".shp")]
            missing = [ext for ext in (".shx", ".dbf") if (stem + ext).casefold() not in names]
            if missing:
                raise BoundaryError(
                    "boundaries.error.zip_incomplete", source=name, member=shp.filename, missing=Items(tuple(missing))
                )
            with archive.open(shp) as handle:
                if handle.read(4) != _SHAPEFILE_CODE:
                    raise BoundaryError("boundaries.error.zip_not_shp", source=name, member=shp.filename)
    return [f"/vsizip/{path.resolve()}/{m.filename}" for m in shapefiles]


def _choose_layer(datasets: list[str], driver: str, layer: str | None, name: str) -> tuple[str, str | None]:
    """(dataset path for GDAL, layer name) of the polygon layer to read, each dataset opened by
    ``driver`` only."""
    layers = []
    for dataset in datasets:
        found = pyogrio.read_info(dataset, layer=0)["driver"]
        if found != driver:
            raise BoundaryError("boundaries.error.driver", source=name, found=found, driver=driver)
        for layer_name, geometry_type in pyogrio.list_layers(dataset):
            layers.append((dataset, str(layer_name), str(geometry_type)))
    if layer is not None:
        for dataset, layer_name, _ in layers:
            if layer_name == layer:
                return dataset, layer_name
        raise BoundaryError(
            "boundaries.error.no_layer", source=name, layer=layer, layers=Items(tuple(n for _, n, _ in layers))
        )
    polygonal = [(d, n) for d, n, t in layers if "polygon" in t.lower() or t in ("Unknown", "None")]
    if not polygonal:
        raise BoundaryError(
            "boundaries.error.no_polygon_layer", source=name, layers=Items(tuple(f"{n} ({t})" for _, n, t in layers))
        )
    if len(polygonal) == 1:
        return polygonal[0][0], (polygonal[0][1] if len(layers) > 1 else None)
    sizes = [pyogrio.read_info(d, layer=n)["features"] for d, n in polygonal]
    order = np.argsort(sizes)[::-1]
    if sizes[order[0]] == sizes[order[1]]:
        raise BoundaryError(
            "boundaries.error.several_layers",
            source=name,
            n=int(sizes[order[0]]),
            layers=Items(tuple(n for _, n in polygonal)),
        )
    return polygonal[order[0]]


def file_sha256(path: str | Path) -> str:
    """Hex SHA-256 of a file's bytes."""
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()
