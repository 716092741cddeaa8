"""Strings of the coverage family's views limited to a user's kelurahan (issue 13, scope), in
Bahasa Indonesia and English."""

STRINGS: dict[str, dict[str, str]] = {
    "id": {
        "quality.page_note": "Ditampilkan {n} temuan pertama dari {total}; unduhan memuat semuanya.",
        "scope.caption": "Hanya kelurahan/desa wewenang Anda ({n}); total wilayah adalah total unit tersebut.",
    },
    "en": {
        "quality.page_note": "The first {n} of {total} findings are shown; the download holds them all.",
        "scope.caption": "Only the kelurahan/desa you are responsible for ({n}); region totals are totals of those units.",
    },
}
