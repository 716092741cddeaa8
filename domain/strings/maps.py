"""Strings of the map controls (keys ``map.control.*``, ``map.layer.*``), in Bahasa Indonesia and English."""

STRINGS: dict[str, dict[str, str]] = {
    "id": {
        "map.layer.kecamatan": "Batas kecamatan",
        "map.layer.labels": "Nama kelurahan",
        "map.control.search": "Cari kelurahan…",
        "map.control.search_none": "Tidak ditemukan",
        "map.control.opacity": "Opasitas isian",
        "map.control.legend": "Legenda",
    },
    "en": {
        "map.layer.kecamatan": "Kecamatan boundaries",
        "map.layer.labels": "Kelurahan names",
        "map.control.search": "Find a kelurahan…",
        "map.control.search_none": "Not found",
        "map.control.opacity": "Fill opacity",
        "map.control.legend": "Legend",
    },
}
