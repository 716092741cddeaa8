"""Strings of the coverage family's views limited to a user's kelurahan (issue 13, scope), in
Bahasa Indonesia and English."""

STRINGS: dict[str, dict[str, str]] = {
    "id": {
        "brief.scoped.left_out": "Bagian ini tidak dimuat dalam ringkasan yang dibatasi pada kelurahan Anda.",
        "scope.caption": "Hanya kelurahan/desa wewenang Anda ({n}); total wilayah adalah total unit tersebut.",
    },
    "en": {
        "brief.scoped.left_out": "This section is left out of a brief limited to your kelurahan.",
        "scope.caption": "Only the kelurahan/desa you are responsible for ({n}); region totals are totals of those units.",
    },
}
