"""Strings of the app frame (keys ``error.*`` shown by any page), in Bahasa Indonesia and English."""

STRINGS: dict[str, dict[str, str]] = {
    "id": {
        "error.unexpected": "Terjadi kesalahan saat menyiapkan halaman ini. Sampaikan kode kesalahan {id} kepada admin; rinciannya tercatat di log server.",
    },
    "en": {
        "error.unexpected": "Something went wrong while preparing this page. Give the error id {id} to your admin; the details are in the server log.",
    },
}
