"""Code lists shared by the schema, the importers, the demo and the translations.

Codes are the stored values; their labels live in ``domain/i18n.py``.
"""

# Permensos 08/2012 (carried into 5/2019): the 26 PMKS types, plus ODGJ which the TRC handles
# as a case type of its own.
PMKS_CATEGORIES = (
    "anak_balita_terlantar",
    "anak_terlantar",
    "anak_berhadapan_hukum",
    "anak_jalanan",
    "anak_disabilitas",
    "anak_korban_kekerasan",
    "anak_perlindungan_khusus",
    "lansia_terlantar",
    "penyandang_disabilitas",
    "tuna_susila",
    "gelandangan",
    "pengemis",
    "pemulung",
    "kelompok_minoritas",
    "bekas_warga_binaan",
    "odha",
    "korban_napza",
    "korban_trafficking",
    "korban_tindak_kekerasan",
    "pekerja_migran_bermasalah",
    "korban_bencana_alam",
    "korban_bencana_sosial",
    "perempuan_rawan_sosial_ekonomi",
    "fakir_miskin",
    "keluarga_bermasalah_psikologis",
    "komunitas_adat_terpencil",
    "odgj",
)

PMKS_SOURCES = ("patroli", "call_center", "rujukan_perorangan", "media_sosial", "kantor", "perusahaan")

PMKS_STAGES = (
    "dilaporkan",
    "diamankan",
    "diasesmen",
    "rencana_intervensi",
    "intervensi",
    "evaluasi",
    "monitoring",
    "ditutup",
)

PMKS_OUTCOMES = ("kembali_keluarga", "panti", "dirawat", "dirujuk", "mandiri", "meninggal")

VERIVALI_STAGES = ("usulan_musyawarah", "entri_siksng", "cek_dinsos", "ground_check", "padan", "desil")

VERIVALI_RESULTS = ("diperbarui", "tidak_ditemukan", "pindah", "meninggal", "duplikat")

HOUSEHOLD_STATUS = ("aktif", "pindah", "meninggal", "duplikat")

RELATIONS = (
    "kepala_keluarga",
    "pasangan",
    "anak",
    "menantu",
    "cucu",
    "orang_tua",
    "famili_lain",
    "lainnya",
)

PADAN_STATUS = ("padan", "tidak_padan", "belum")

CHANNELS = ("bank", "pos", "e_warong")

DOCUMENTS = ("bast", "foto", "ktp")

# Export columns that hold codes, and the translation-key prefix of their labels: a file for
# people (reports/files.py) writes ``translate(lang, prefix + code)`` where that key exists
# (``e_warong`` -> "e-Warong", ``not_met`` -> "Tidak terpenuhi"), a ``--codes`` file the code.
EXPORT_VALUE_LABELS = {
    "kanal": "six_t.kanal.",  # CHANNELS
    "status": "export.value.status.",  # analytics.six_t.status: met, not_met, not_applicable
    "reason": "six_t.reason.",  # analytics.six_t.REASONS
    "hotspot_class": "pmks.hotspot.class.",  # analytics.hotspots classes
    "check": "quality.check.",  # analytics.quality.CHECKS
    "peristiwa": "export.value.peristiwa.",  # warehouse.users.EVENTS
    "kategori": "pmks.kategori.",  # PMKS_CATEGORIES
    "sumber": "pmks.sumber.",  # PMKS_SOURCES
}
