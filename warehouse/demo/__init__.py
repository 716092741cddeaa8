"""The synthetic Kota Batam demo warehouse: realistic, deterministic, built in seconds.

Every table of the schema is filled from the real codes and names of the 64 kelurahan
(``data/batam_kelurahan.csv``), their official polygons (``data/boundaries_batam.geojson``,
see ``data/NOTICE``) and numbers drawn with a seeded generator: the same ``seed`` and ``scale`` give the same content, byte for byte, on any
machine. The data date is fixed (``common.REFERENCE_DATE``), never today's date, so the demo
looks the same whenever it is built.

Nothing here describes a real person: names are made of syllables, NIK and KK numbers have a
valid structure but random serials. The numbers are shaped so that every page has something
to show: uneven verivali progress (fast city kelurahan, slow islands, two stalled ones),
data-quality findings planted on purpose (duplicated NIK, households without a head,
dwellings in the wrong kelurahan, households never visited), 6T failures with a pattern an
auditor would look for, and PMKS cases clustered where the TRC really is busiest.

Python computes numbers with numpy; DuckDB turns them into text (ids, names) while inserting,
because it does that much faster than Python objects. The statements are the files of
``queries/demo/``, with bound ``$name`` parameters.

One module per part, in build order: ``geography`` (units, facts), ``people`` (names, NIK,
births), ``register`` (DTKS households and members), ``verivali`` (cycles, stages,
enumerators), ``pmks`` (cases and stage history), ``bansos`` (programmes, tahap,
distributions), ``usulan`` (musyawarah proposals), ``graduasi`` (PKH graduation: stopped
distributions and the agency's list); ``builder`` runs them, ``common`` holds what they share. ``national`` builds a
synthetic country around this Batam (``python -m warehouse demo --national``).
"""

from warehouse.demo.builder import build
from warehouse.demo.geography import BATAM_FACTS
from warehouse.demo.national import build_national
from warehouse.demo.register import (
    DUPLICATE_NIK_PER_SCALE,
    HEADLESS_PER_SCALE,
    HOUSEHOLDS_PER_SCALE,
    MISPLACED_DWELLING_SHARE,
)
from warehouse.demo.verivali import FACILITATORS

# build, build_national and BATAM_FACTS are the API; the planted figures are what the tests check against.
__all__ = [
    "BATAM_FACTS",
    "DUPLICATE_NIK_PER_SCALE",
    "FACILITATORS",
    "HEADLESS_PER_SCALE",
    "HOUSEHOLDS_PER_SCALE",
    "MISPLACED_DWELLING_SHARE",
    "build",
    "build_national",
]
