"""Official desa/kelurahan boundary files: read, detect columns, identify units, repair,
check neighbours, simplify for display.

Pure: no streamlit, no database. :func:`prepare_boundaries` runs every step on one file and
returns the units ready to store plus a report; ``warehouse/imports/boundaries.py`` writes them.
The pipeline, one module per step:

- :mod:`~geodata.boundaries.read`: one polygon layer of the file, read as what it claims to be;
- :mod:`~geodata.boundaries.columns`: which columns carry the code, the name and the parents;
- :mod:`~geodata.boundaries.identify`: the Kemendagri code of each row, checks against the code list;
- :mod:`~geodata.boundaries.repair`: EPSG:4326, valid polygons, no slivers, one unit per code;
- :mod:`~geodata.boundaries.topology`: overlaps and gaps between neighbours;
- :mod:`~geodata.boundaries.display`: the simplified display geometry within a payload budget;
- :mod:`~geodata.boundaries.pipeline`: :func:`prepare_boundaries`, the steps in order;
- :mod:`~geodata.boundaries.model`: the options, report and result they share.

Coordinates: units come out in EPSG:4326 (lon/lat degrees). Everything measured in metres
(areas, overlaps, gaps, sliver parts, simplification tolerance) is computed in the UTM zone of
the file (:mod:`geodata.crs`), never in degrees. The report's sentences are
:class:`geodata.messages.Message` objects, rendered in the reader's language.
"""

from geodata.boundaries.columns import CODE_COLUMNS, NAME_COLUMNS, detect_columns
from geodata.boundaries.display import (
    DISPLAY_TOLERANCES_M,
    display_geometries,
    display_payload,
    payload_budget_bytes,
    simplify_within_budget,
)
from geodata.boundaries.model import (
    NEIGHBOUR_COLUMNS,
    BoundaryError,
    BoundaryOptions,
    BoundaryReport,
    Columns,
    PreparedBoundaries,
    Progress,
)
from geodata.boundaries.pipeline import prepare_boundaries
from geodata.boundaries.read import file_sha256, read_boundary_file
from geodata.boundaries.topology import gaps_between, overlaps_between

__all__ = [
    "CODE_COLUMNS",
    "DISPLAY_TOLERANCES_M",
    "NAME_COLUMNS",
    "NEIGHBOUR_COLUMNS",
    "BoundaryError",
    "BoundaryOptions",
    "BoundaryReport",
    "Columns",
    "PreparedBoundaries",
    "Progress",
    "detect_columns",
    "display_geometries",
    "display_payload",
    "file_sha256",
    "gaps_between",
    "overlaps_between",
    "payload_budget_bytes",
    "prepare_boundaries",
    "read_boundary_file",
    "simplify_within_budget",
]
