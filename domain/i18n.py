"""Every visible string, in Bahasa Indonesia (default) and English, and the number and date
conventions of each language.

``translate(lang, key, **values)`` looks a key up; ``ui.i18n.t`` calls it with the session's
language, the reports with the language they were asked for, so a page and its download say the
same thing. A missing key raises in tests (``tests/test_i18n.py`` checks both languages have the
same keys).
"""

from __future__ import annotations

import importlib
import os
import pkgutil

from domain import strings

LANGUAGES = {"id": "Bahasa Indonesia", "en": "English"}
_ENV_LANGUAGE = os.environ.get("PETA_KESOS_LANG", "id")
DEFAULT_LANGUAGE = _ENV_LANGUAGE if _ENV_LANGUAGE in LANGUAGES else "id"

STRINGS: dict[str, dict[str, str]] = {
    "id": {
        "app.title": "Peta Kesos",
        "app.tagline": "Peta kesejahteraan sosial untuk Dinas Sosial",
        "sidebar.region": "Wilayah",
        "sidebar.period": "Siklus verivali",
        "sidebar.language": "Bahasa",
        "sidebar.data_date": "Data per {date}",
        "sidebar.demo": "Data demo sintetis: bukan data orang sungguhan.",
        "nav.overview": "Ringkasan",
        "nav.planner": "Perencanaan petugas",
        "nav.six_t": "Audit 6T bansos",
        "nav.pmks": "PMKS",
        "nav.admin": "Impor data",
        "nav.section.analysis": "Analisis",
        "nav.section.data": "Data",
        "error.no_db": "Gudang data belum ada di {path}.",
        "error.no_db_hint": "Buat data demo dengan perintah `python -m warehouse demo`, atau muat daftar kode dan batas wilayah Anda di halaman Impor data, lalu muat ulang halaman ini.",
        "error.no_region": "Gudang data belum berisi wilayah (kota/kabupaten).",
        "error.no_cycle": "Belum ada siklus verivali di gudang data.",
        "error.no_cycle_hint": "Halaman ini membutuhkan hasil verivali: impor melalui halaman Impor data atau `python -m warehouse import verivali FILE`.",
        "metric.households": "Keluarga aktif",
        "metric.coverage": "Cakupan pemutakhiran",
        "metric.backlog": "Sisa (keluarga)",
        "metric.padan": "NIK padan Dukcapil",
        "metric.pace": "Laju (keluarga/hari, 28 hari)",
        "metric.finish": "Perkiraan selesai",
        "metric.finish_none": "tidak terhitung (laju nol)",
        "metric.week_delta": "{delta} poin % (7 hari)",
        "map.title": "Cakupan pemutakhiran per kelurahan (%)",
        "map.no_data": "Tidak ada data",
        "map.demo_boundaries": "Batas kelurahan pada peta ini adalah perkiraan untuk demo, bukan batas resmi. Impor batas resmi di halaman Impor data.",
        "map.scheme": "Klasifikasi",
        "scheme.quantiles": "Kuantil",
        "scheme.equal_interval": "Interval sama",
        "scheme.natural_breaks": "Natural breaks (Jenks)",
        "col.kode": "Kode",
        "col.kelurahan": "Kelurahan/desa",
        "col.kecamatan": "Kecamatan",
        "col.households": "Keluarga aktif",
        "col.updated": "Sudah diverivali (keluarga)",
        "col.updated_members": "Sudah diverivali (anggota)",
        "col.backlog": "Sisa (keluarga)",
        "col.stage_pct": "{stage} (%)",
        "col.coverage_pct": "Cakupan (%)",
        "col.padan_pct": "NIK padan (%)",
        "col.pace": "Laju (keluarga/hari)",
        "col.finish": "Perkiraan selesai",
        "download.csv": "Unduh tabel (CSV)",
        "map.no_polygon": "Tanpa batas di peta ({n}): {names}",
        "nav.kelurahan": "Profil kelurahan",
        "unit.households": "keluarga",
        "unit.members": "anggota keluarga",
        "metric.members": "Anggota keluarga",
        "metric.backlog_members": "Sisa (anggota)",
        "metric.pace_members": "Laju (anggota/hari, 28 hari)",
        "map.layer": "Lapisan peta",
        "map.legend_coverage": "Cakupan (%)",
        "map.legend_quality": "Temuan kualitas (jumlah)",
        "map.click_hint": "Klik sebuah kelurahan di peta untuk membuka profilnya.",
        "col.members": "Anggota keluarga",
        "col.findings": "Temuan kualitas",
        "col.target_pct": "Target hari ini (%)",
        "col.pace_members": "Laju (anggota/hari)",
        "col.behind_target": "Di bawah target",
        "col.behind_region": "Di bawah cakupan kota",
        "col.lagging": "Tertinggal",
        "col.petugas": "Petugas",
        "col.visits": "Kunjungan",
        "col.households_visited": "Keluarga dikunjungi",
        "col.results": "Hasil verivali",
        "col.results_28d": "Hasil 28 hari terakhir",
        "col.days_worked": "Hari kerja",
        "col.first_visit": "Kunjungan pertama",
        "col.last_visit": "Kunjungan terakhir",
        "col.check": "Pemeriksaan",
        "col.id_dtks": "ID DTKS",
        "col.no_kk": "No. KK",
        "col.nik": "NIK",
        "col.nama": "Nama",
        "col.detail": "Keterangan",
        "download.xlsx": "Unduh tabel (Excel)",
        "download.quality": "Unduh daftar temuan (CSV, NIK disamarkan)",
        "download.brief": "Unduh ringkasan mingguan (PDF)",
        "tahap.usulan_musyawarah": "Usulan musyawarah",
        "tahap.entri_siksng": "Entri SIKS-NG",
        "tahap.cek_dinsos": "Cek Dinsos",
        "tahap.ground_check": "Ground check",
        "tahap.padan": "Padan Dukcapil",
        "tahap.desil": "Desil ditetapkan",
        "hasil.diperbarui": "Diperbarui",
        "hasil.tidak_ditemukan": "Tidak ditemukan",
        "hasil.pindah": "Pindah",
        "hasil.meninggal": "Meninggal",
        "hasil.duplikat": "Duplikat",
        "map.no_boundaries": "Belum ada batas kelurahan untuk wilayah ini: impor batas di halaman Impor data. Angka di bawah tetap berlaku.",
        "map.title_quality": "Temuan kualitas data per kelurahan (jumlah catatan)",
        "col.island": "Pulau",
        "col.productivity": "Produktivitas (keluarga/petugas/hari kerja)",
        "col.enumerators_now": "Petugas sekarang",
        "col.enumerators_proposed": "Petugas usulan",
        "col.finish_now": "Selesai (sekarang)",
        "col.finish_proposed": "Selesai (usulan)",
        "col.petugas_id": "ID petugas",
        "col.petugas_name": "Nama petugas",
        "col.kelurahan_now": "Kelurahan sekarang",
        "col.kelurahan_proposed": "Kelurahan tujuan",
        "col.kecamatan_proposed": "Kecamatan tujuan",
        "col.start": "Mulai",
        "col.moved": "Pindah",
    },
    "en": {
        "app.title": "Peta Kesos",
        "app.tagline": "Social welfare maps for the Dinas Sosial",
        "sidebar.region": "Region",
        "sidebar.period": "Verivali cycle",
        "sidebar.language": "Language",
        "sidebar.data_date": "Data as of {date}",
        "sidebar.demo": "Synthetic demo data: no real persons.",
        "nav.overview": "Overview",
        "nav.planner": "Enumerator planner",
        "nav.six_t": "Bansos 6T audit",
        "nav.pmks": "PMKS",
        "nav.admin": "Data import",
        "nav.section.analysis": "Analysis",
        "nav.section.data": "Data",
        "error.no_db": "There is no warehouse at {path} yet.",
        "error.no_db_hint": "Build the demo data with `python -m warehouse demo`, or load your region's code list and boundaries on the Data import page, then reload this page.",
        "error.no_region": "The warehouse holds no region (kota/kabupaten) yet.",
        "error.no_cycle": "The warehouse holds no verivali cycle yet.",
        "error.no_cycle_hint": "This page needs verivali results: import them on the Data import page or with `python -m warehouse import verivali FILE`.",
        "metric.households": "Active households",
        "metric.coverage": "Update coverage",
        "metric.backlog": "Backlog (households)",
        "metric.padan": "NIK matched with Dukcapil",
        "metric.pace": "Pace (households/day, 28 days)",
        "metric.finish": "Projected finish",
        "metric.finish_none": "not computable (zero pace)",
        "metric.week_delta": "{delta} % points (7 days)",
        "map.title": "Update coverage per kelurahan (%)",
        "map.no_data": "No data",
        "map.demo_boundaries": "The kelurahan boundaries on this map are approximate demo shapes, not official boundaries. Import official ones on the Data import page.",
        "map.scheme": "Classification",
        "scheme.quantiles": "Quantiles",
        "scheme.equal_interval": "Equal intervals",
        "scheme.natural_breaks": "Natural breaks (Jenks)",
        "col.kode": "Code",
        "col.kelurahan": "Kelurahan/desa",
        "col.kecamatan": "Kecamatan",
        "col.households": "Active households",
        "col.updated": "Verified (households)",
        "col.updated_members": "Verified (members)",
        "col.backlog": "Backlog (households)",
        "col.stage_pct": "{stage} (%)",
        "col.coverage_pct": "Coverage (%)",
        "col.padan_pct": "NIK matched (%)",
        "col.pace": "Pace (households/day)",
        "col.finish": "Projected finish",
        "download.csv": "Download table (CSV)",
        "map.no_polygon": "Without a boundary on the map ({n}): {names}",
        "nav.kelurahan": "Kelurahan profile",
        "unit.households": "households",
        "unit.members": "household members",
        "metric.members": "Household members",
        "metric.backlog_members": "Backlog (members)",
        "metric.pace_members": "Pace (members/day, 28 days)",
        "map.layer": "Map layer",
        "map.legend_coverage": "Coverage (%)",
        "map.legend_quality": "Quality findings (count)",
        "map.click_hint": "Click a kelurahan on the map to open its profile.",
        "col.members": "Household members",
        "col.findings": "Quality findings",
        "col.target_pct": "Target for today (%)",
        "col.pace_members": "Pace (members/day)",
        "col.behind_target": "Below target",
        "col.behind_region": "Below city coverage",
        "col.lagging": "Lagging",
        "col.petugas": "Enumerator",
        "col.visits": "Visits",
        "col.households_visited": "Households visited",
        "col.results": "Verivali results",
        "col.results_28d": "Results, last 28 days",
        "col.days_worked": "Days worked",
        "col.first_visit": "First visit",
        "col.last_visit": "Last visit",
        "col.check": "Check",
        "col.id_dtks": "DTKS id",
        "col.no_kk": "KK number",
        "col.nik": "NIK",
        "col.nama": "Name",
        "col.detail": "Detail",
        "download.xlsx": "Download table (Excel)",
        "download.quality": "Download the findings (CSV, NIK masked)",
        "download.brief": "Download the weekly brief (PDF)",
        "tahap.usulan_musyawarah": "Proposed in musyawarah",
        "tahap.entri_siksng": "Entered in SIKS-NG",
        "tahap.cek_dinsos": "Checked by Dinsos",
        "tahap.ground_check": "Ground-checked",
        "tahap.padan": "Dukcapil padan",
        "tahap.desil": "Desil assigned",
        "hasil.diperbarui": "Updated",
        "hasil.tidak_ditemukan": "Not found",
        "hasil.pindah": "Moved",
        "hasil.meninggal": "Died",
        "hasil.duplikat": "Duplicate",
        "map.no_boundaries": "This region has no kelurahan boundaries yet: import them on the Data import page. The figures below still hold.",
        "map.title_quality": "Data-quality findings per kelurahan (records)",
        "col.island": "Island",
        "col.productivity": "Productivity (households/enumerator/working day)",
        "col.enumerators_now": "Enumerators now",
        "col.enumerators_proposed": "Enumerators proposed",
        "col.finish_now": "Finish (now)",
        "col.finish_proposed": "Finish (proposed)",
        "col.petugas_id": "Enumerator ID",
        "col.petugas_name": "Enumerator name",
        "col.kelurahan_now": "Kelurahan now",
        "col.kelurahan_proposed": "Kelurahan to go to",
        "col.kecamatan_proposed": "Kecamatan to go to",
        "col.start": "Start",
        "col.moved": "Moves",
    },
}
# Each page area keeps its strings in a module of domain/strings, so that work on one page does
# not touch the others' text; every module there is merged in, and no key may be defined twice.
for _module in sorted(pkgutil.iter_modules(strings.__path__), key=lambda m: m.name):
    for _lang, _strings in importlib.import_module(f"domain.strings.{_module.name}").STRINGS.items():
        _twice = STRINGS[_lang].keys() & _strings.keys()
        if _twice:
            raise KeyError(f"domain/strings/{_module.name}.py redefines {sorted(_twice)}")
        STRINGS[_lang].update(_strings)


def translate(lang: str, key: str, **values) -> str:
    """The text for ``key`` in language ``lang``, with ``{placeholders}`` filled in."""
    text = STRINGS[lang][key]
    return text.format(**values) if values else text


def format_int(n: float, lang: str) -> str:
    """A whole number with the language's thousands separator (1.234 in id, 1,234 in en)."""
    s = f"{int(round(n)):,}"
    return s.replace(",", ".") if lang == "id" else s


def format_float(x: float, lang: str, digits: int = 1) -> str:
    """A decimal number with the language's separators (12,5 in id, 12.5 in en)."""
    s = f"{x:,.{digits}f}"
    if lang == "id":
        s = s.replace(",", "_").replace(".", ",").replace("_", ".")
    return s


# Suffixes of compact numbers: ribu, juta, miliar, triliun; thousand, million, billion, trillion.
COMPACT_SUFFIXES = {"id": (" rb", " jt", " M", " T"), "en": ("k", "M", "B", "T")}


def format_compact(x: float, lang: str) -> str:
    """A number for a tile, at most one decimal and a suffix (60,4 rb and 1,2 jt in id; 60.4k
    and 1.2M in en); below a thousand the whole number; a trailing zero decimal dropped."""
    magnitude, value = 0, float(x)
    while abs(value) >= 999.95 and magnitude < len(COMPACT_SUFFIXES[lang]):
        value, magnitude = value / 1000, magnitude + 1
    if magnitude == 0:
        return format_int(value, lang)
    text = format_float(value, lang, 1)
    text = text.removesuffix(",0" if lang == "id" else ".0")
    return text + COMPACT_SUFFIXES[lang][magnitude - 1]


def format_date(d, lang: str) -> str:
    """A date as dd/mm/yyyy (id) or yyyy-mm-dd (en); an en dash for none."""
    if d is None or d != d:
        return "–"
    return d.strftime("%d/%m/%Y") if lang == "id" else d.strftime("%Y-%m-%d")
