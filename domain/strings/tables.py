"""Column headers with their units for the tables of the pages (issue 18.5: every header says
its unit; keys ``tables.*``), in Bahasa Indonesia and English."""

STRINGS: dict[str, dict[str, str]] = {
    "id": {
        "tables.register.median_days": "Median lama keputusan (hari)",
    },
    "en": {
        "tables.register.median_days": "Median time to decision (days)",
    },
}
