"""Strings of the region hierarchy (issue 14.3): the sidebar's provinsi -> kab/kota ->
kecamatan picker, the overview map's levels and its breadcrumb, in Bahasa Indonesia and English."""

STRINGS: dict[str, dict[str, str]] = {
    "id": {
        "sidebar.provinsi": "Provinsi",
        "sidebar.kabkota": "Kabupaten/kota",
        "sidebar.kecamatan": "Kecamatan",
        "sidebar.all_kabkota": "Seluruh provinsi",
        "sidebar.all_kecamatan": "Seluruh kabupaten/kota",
        "col.kabkota": "Kabupaten/kota",
        "col.units": "Kelurahan/desa",
        "map.title_kabkota": "Cakupan pemutakhiran per kabupaten/kota",
        "map.title_kecamatan": "Cakupan pemutakhiran per kecamatan",
        "map.title_quality_kabkota": "Temuan kualitas data per kabupaten/kota (jumlah catatan)",
        "map.title_quality_kecamatan": "Temuan kualitas data per kecamatan (jumlah catatan)",
        "map.click_drill": "Klik wilayah pada peta untuk membuka wilayah itu.",
        "map.breadcrumb": "Wilayah di atas:",
    },
    "en": {
        "sidebar.provinsi": "Province",
        "sidebar.kabkota": "Regency/city",
        "sidebar.kecamatan": "Kecamatan",
        "sidebar.all_kabkota": "Whole province",
        "sidebar.all_kecamatan": "Whole regency/city",
        "col.kabkota": "Regency/city",
        "col.units": "Kelurahan/desa",
        "map.title_kabkota": "Update coverage per regency/city",
        "map.title_kecamatan": "Update coverage per kecamatan",
        "map.title_quality_kabkota": "Data-quality findings per regency/city (records)",
        "map.title_quality_kecamatan": "Data-quality findings per kecamatan (records)",
        "map.click_drill": "Click a region on the map to open it.",
        "map.breadcrumb": "Regions above:",
    },
}
