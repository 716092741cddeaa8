"""Column headers with their units for the tables of the pages (issue 18.5: every header says
its unit; keys ``tables.*``), in Bahasa Indonesia and English."""

STRINGS: dict[str, dict[str, str]] = {
    "id": {
        "tables.register.median_days": "Median lama keputusan (hari)",
        "tables.graduasi.sejahtera_mandiri": "Sejahtera mandiri (KPM)",
        "tables.graduasi.alamiah_tidak_layak": "Alamiah: tidak layak lagi (KPM)",
        "tables.graduasi.alamiah_pindah": "Alamiah: pindah (KPM)",
        "tables.graduasi.alamiah_meninggal": "Alamiah: meninggal (KPM)",
        "tables.graduasi.tanpa_keterangan": "Tanpa keterangan (KPM)",
    },
    "en": {
        "tables.register.median_days": "Median time to decision (days)",
        "tables.graduasi.sejahtera_mandiri": "Sejahtera mandiri (KPM)",
        "tables.graduasi.alamiah_tidak_layak": "Alamiah: no longer eligible (KPM)",
        "tables.graduasi.alamiah_pindah": "Alamiah: moved (KPM)",
        "tables.graduasi.alamiah_meninggal": "Alamiah: died (KPM)",
        "tables.graduasi.tanpa_keterangan": "No reason recorded (KPM)",
    },
}
