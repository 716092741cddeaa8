"""The eight kinds of agency file, the headers each accepts, and the values of its enumerations.

A file's headers are matched to a kind's columns by :func:`header_key` (case, spaces,
punctuation and a bracketed hint such as ``TANGGAL LAHIR (31/01/2000)`` ignored) against the
aliases below, which are the headers SIKS-NG exports and templates, the banks', PT Pos' and
the TRC's sheets really carry (``docs/import_headers.md`` lists them). A YAML mapping file
adds headers and enumeration values for anything else::

    columns:
      NO. INDUK KEPENDUDUKAN: nik
    values:
      kategori:
        Keluarga Berumah Tak Layak Huni: fakir_miskin

Columns marked "not stored" are recognised (so they are not reported as unknown) but the
warehouse has no place for them. A header nothing matches is ignored, reported with the closest
known header; one that resembles a known header (:data:`RESEMBLES`) stops the import unless the
user allows it (a typo in ``NOMOR NIK`` must not drop every NIK in silence).

Over 500 lines: most of it is the tables of accepted headers and values, kept in one place.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from pathlib import Path

import pyarrow as pa
import yaml

from domain.codes import (
    CHANNELS,
    DOCUMENTS,
    HOUSEHOLD_STATUS,
    PADAN_STATUS,
    PMKS_CATEGORIES,
    PMKS_OUTCOMES,
    PMKS_SOURCES,
    PMKS_STAGES,
    RELATIONS,
    VERIVALI_RESULTS,
    VERIVALI_STAGES,
)

_BRACKETED = re.compile(r"\([^)]*\)")
_NOT_ALNUM = re.compile(r"[^0-9a-z]+")


def header_key(header: str) -> str:
    """The comparison key of a header: ``'Tanggal Lahir (31/01/2000)'`` -> ``'tanggallahir'``."""
    text = _BRACKETED.sub(" ", str(header).casefold())
    return _NOT_ALNUM.sub("", text)


def enum_key(value: str) -> str:
    """The comparison key of an enumeration value; the SQL macro ``enum_key`` does the same."""
    return _NOT_ALNUM.sub("", str(value).casefold().strip())


_REGION = {
    "provinsi": ("PROVINSI", "PROV", "NAMA PROVINSI"),
    "kabkota": ("KABUPATEN/KOTA", "KAB/KOTA", "KABUPATEN", "KOTA", "KAB", "NAMA KABUPATEN"),
    "kecamatan": ("KECAMATAN", "KEC", "NAMA KECAMATAN"),
    "kelurahan": (
        "DESA/KELURAHAN",
        "DESA/KELUARAHAN",
        "KELURAHAN/DESA",
        "KELURAHAN",
        "DESA",
        "KEL/DESA",
        "NAMA KELURAHAN",
        "NAMA DESA",
    ),
    "kode_kelurahan": (
        "KODE KELURAHAN",
        "KODE DESA",
        "KODE DESA/KELURAHAN",
        "KODE WILAYAH",
        "KODE KEMENDAGRI",
        "KDDESA",
    ),
}
_NOT_STORED_REGION = ("provinsi", "kabkota")


@dataclass(frozen=True)
class Kind:
    """One kind of file: its columns with their accepted headers, and what it must have.

    ``required`` lists groups of columns; each group needs at least one of its columns in the
    file (``("kode_kelurahan", "kelurahan")``: a code or a name). ``not_stored`` columns are
    recognised but dropped. ``findings_query`` lists the quality findings of the loaded rows.
    ``lookups`` run once on the staged rows, before the check: temp tables of warehouse rows that
    the check and the touched query read, so that a lookup no region key narrows (a NIK may be
    active anywhere in the country) reads the warehouse once, not once per query.
    """

    name: str
    tables: tuple[str, ...]
    columns: dict[str, tuple[str, ...]]
    required: tuple[tuple[str, ...], ...]
    not_stored: tuple[str, ...] = ()
    domains: tuple[str, ...] = ()
    loads: tuple[str, ...] = field(default_factory=tuple)
    findings_query: str | None = None
    lookups: tuple[str, ...] = ()

    @property
    def value_domains(self) -> dict[str, str]:
        """Column -> the enumeration its values are mapped with (a mapping file's ``values`` keys)."""
        return {c: d for c, d in _VALUE_DOMAINS.items() if c in self.columns and d in self.domains} | {
            c: d for (k, c), d in _KIND_VALUE_DOMAINS.items() if k == self.name
        }

    @property
    def check_query(self) -> str:
        return f"import/{self.name}_check"

    @property
    def touched_query(self) -> str:
        """Lists the desa/kelurahan whose analytics rows the loadable rows may change (run before
        and after the load: old and new values), for :func:`warehouse.db.refresh_analytics`."""
        return f"import/{self.name}_touched"

    @property
    def scope_query(self) -> str:
        """Quarantines the checked rows outside an operator's desa/kelurahan (``outside_scope``)."""
        return f"import/{self.name}_scope"


_VALUE_DOMAINS = {
    "jenis_kelamin": "jenis_kelamin",
    "hubungan": "hubungan",
    "status_padan": "status_padan",
    "flag_pkh": "flag",
    "flag_bpnt": "flag",
    "flag_pbi_jkn": "flag",
    "lolos_kualitas": "flag",
    "status": "status",
    "kanal": "kanal",
    "dokumen": "dokumen",
    "peran": "peran",
}
_KIND_VALUE_DOMAINS = {
    ("verivali", "tahap"): "verivali_tahap",
    ("verivali", "hasil"): "verivali_hasil",
    ("pmks", "kategori"): "pmks_kategori",
    ("pmks", "sumber"): "pmks_sumber",
    ("pmks", "tahap"): "pmks_tahap",
    ("pmks", "hasil"): "pmks_hasil",
    ("usulan", "sasaran"): "usulan_sasaran",
    ("usulan", "arah"): "usulan_arah",
    ("usulan", "alasan"): "usulan_alasan",
    ("usulan", "tahap"): "usulan_tahap",
    ("graduasi", "jenis"): "graduasi_jenis",
}

KINDS: dict[str, Kind] = {
    "dtks": Kind(
        name="dtks",
        tables=("dtks_keluarga", "dtks_anggota"),
        columns={
            "id_dtks": ("ID DTKS", "IDDTKS", "ID BDT", "IDBDT"),
            **_REGION,
            "alamat": ("ALAMAT", "ALAMAT LENGKAP"),
            "dusun": ("DUSUN", "DUSUN/LINGKUNGAN", "LINGKUNGAN"),
            "rt": ("RT",),
            "rw": ("RW",),
            "no_kk": ("NOMOR KK", "NO KK", "NOKK", "NO. KK", "NOMOR KARTU KELUARGA", "KK"),
            "nik": ("NOMOR NIK", "NIK", "NO NIK", "NO. NIK", "NOMOR INDUK KEPENDUDUKAN"),
            "nama": ("NAMA", "NAMA LENGKAP", "NAMA ANGGOTA", "NAMA ART"),
            "tanggal_lahir": ("TANGGAL LAHIR", "TGL LAHIR", "TGL. LAHIR", "TANGGAL_LAHIR"),
            "tempat_lahir": ("TEMPAT LAHIR", "TMP LAHIR", "TEMPAT_LAHIR"),
            "jenis_kelamin": ("JENIS KELAMIN", "JK", "KELAMIN", "L/P", "SEX"),
            "pekerjaan": ("PEKERJAAN", "JENIS PEKERJAAN"),
            "nama_ibu": ("NAMA IBU KANDUNG", "IBU KANDUNG", "NAMA IBU"),
            "hubungan": (
                "HUBUNGAN KELUARGA",
                "HUBUNGAN",
                "HUB KELUARGA",
                "HUBUNGAN DENGAN KEPALA KELUARGA",
                "SHDK",
                "STATUS HUBUNGAN DALAM KELUARGA",
            ),
            "status_padan": ("KETERANGAN PADAN", "KET PADAN", "STATUS PADAN", "PADAN", "PADAN DUKCAPIL"),
            "flag_bpnt": ("BANSOS BPNT", "BPNT", "BANSOS SEMBAKO", "SEMBAKO"),
            "flag_pkh": ("BANSOS PKH", "PKH"),
            "flag_bpnt_ppkm": ("BANSOS BPNT-PPKM", "BANSOS BPNT PPKM", "BPNT-PPKM", "BPNT PPKM"),
            "flag_pbi_jkn": ("PBI JKN", "PBI-JKN", "PBI", "BANSOS PBI", "KIS PBI"),
            "program": ("PROGRAM BANSOS", "PROGRAM", "USULAN PROGRAM"),
            "desil": ("DESIL", "DESIL NASIONAL", "DESIL DTSEN"),
            "status": ("STATUS", "STATUS KELUARGA", "STATUS DTKS", "KETERANGAN STATUS"),
            "lon": ("LONGITUDE", "LON", "LNG", "BUJUR"),
            "lat": ("LATITUDE", "LAT", "LINTANG"),
        },
        required=(("nik",), ("no_kk",), ("nama",), ("kode_kelurahan", "kelurahan")),
        not_stored=(*_NOT_STORED_REGION, "dusun", "pekerjaan", "nama_ibu", "flag_bpnt_ppkm"),
        domains=("jenis_kelamin", "hubungan", "status_padan", "flag", "status"),
        loads=(
            "import/dtks_households",
            "import/dtks_members",
            "import/dtks_members_region",
            "import/dtks_verivali_region",
        ),
        findings_query="import/dtks_findings",
        lookups=("import/dtks_nik_holders",),
    ),
    "verivali": Kind(
        name="verivali",
        tables=("verivali",),
        columns={
            "id_dtks": ("ID DTKS", "IDDTKS", "ID BDT", "IDBDT"),
            "siklus": ("SIKLUS", "SIKLUS VERIVALI", "PERIODE VERIVALI", "KODE SIKLUS"),
            "tahap": ("TAHAP", "TAHAPAN", "TAHAP VERIVALI", "KEGIATAN"),
            "tanggal": ("TANGGAL", "TANGGAL KUNJUNGAN", "TGL KUNJUNGAN", "TANGGAL VERIVALI", "TGL", "TANGGAL PERIKSA"),
            "id_petugas": ("ID PETUGAS", "KODE PETUGAS", "PETUGAS", "ID ENUMERATOR", "ENUMERATOR"),
            "hasil": ("HASIL", "HASIL VERIVALI", "HASIL KUNJUNGAN", "STATUS VERIVALI", "KETERANGAN"),
            "desil": ("DESIL", "DESIL NASIONAL", "DESIL DTSEN", "HASIL DESIL"),
        },
        required=(("id_dtks",), ("tanggal",)),
        domains=("verivali_tahap", "verivali_hasil"),
        loads=("import/verivali_rows",),
    ),
    "usulan": Kind(
        name="usulan",
        tables=("usulan",),
        columns={
            "id_usulan": ("ID USULAN", "NO USULAN", "NOMOR USULAN", "NO. USULAN", "KODE USULAN"),
            "siklus": ("SIKLUS", "SIKLUS VERIVALI", "PERIODE VERIVALI", "PERIODE USULAN"),
            **_REGION,
            "sasaran": ("SASARAN", "JENIS SASARAN", "SASARAN USULAN", "TINGKAT USULAN"),
            "arah": ("JENIS USULAN", "USULAN", "ARAH USULAN", "KATEGORI USULAN"),
            "alasan": ("ALASAN", "ALASAN USULAN", "KETERANGAN USULAN"),
            "id_dtks": ("ID DTKS", "IDDTKS", "ID BDT", "IDBDT"),
            "nik": ("NIK", "NOMOR NIK", "NO NIK", "NIK KEPALA KELUARGA", "NIK ART"),
            "no_kk": ("NOMOR KK", "NO KK", "NOKK", "NO. KK"),
            "nama": ("NAMA", "NAMA LENGKAP", "NAMA KEPALA KELUARGA", "NAMA ART"),
            "tanggal_musyawarah": (
                "TANGGAL BERITA ACARA",
                "TANGGAL BA",
                "TGL BA",
                "TANGGAL MUSYAWARAH",
                "TGL MUSYAWARAH",
                "TANGGAL MUSDES",
                "TANGGAL MUSKEL",
            ),
            "tahap": ("STATUS USULAN", "TAHAP USULAN", "STATUS", "PROSES USULAN"),
            "tanggal_keputusan": ("TANGGAL PENETAPAN", "TANGGAL KEPUTUSAN", "TGL PENETAPAN", "TANGGAL DITETAPKAN"),
        },
        required=(("arah",), ("alasan",), ("kode_kelurahan", "kelurahan"), ("nik", "no_kk", "id_dtks")),
        not_stored=(*_NOT_STORED_REGION, "nama"),
        domains=("usulan_sasaran", "usulan_arah", "usulan_alasan", "usulan_tahap"),
        loads=("import/usulan_rows",),
        findings_query="import/usulan_findings",
    ),
    "pmks": Kind(
        name="pmks",
        tables=("pmks_kasus",),
        columns={
            "id_kasus": ("ID KASUS", "NO KASUS", "NOMOR KASUS", "NO LAPORAN", "NOMOR LAPORAN", "ID LAPORAN"),
            "kategori": ("KATEGORI", "KATEGORI PMKS", "JENIS PMKS", "JENIS PPKS", "KATEGORI PPKS", "JENIS KASUS"),
            "sumber": ("SUMBER", "SUMBER LAPORAN", "ASAL LAPORAN"),
            "waktu_lapor": ("WAKTU LAPOR", "TANGGAL LAPOR", "TGL LAPOR", "WAKTU LAPORAN", "TANGGAL LAPORAN"),
            "waktu_respons": ("WAKTU RESPONS", "WAKTU RESPON", "WAKTU TANGGAP", "JAM RESPONS"),
            "waktu_tiba": ("WAKTU TIBA", "WAKTU SAMPAI", "JAM TIBA", "TIBA DI LOKASI"),
            "lon": ("LONGITUDE", "LON", "LNG", "BUJUR"),
            "lat": ("LATITUDE", "LAT", "LINTANG"),
            **_REGION,
            "jenis_kelamin": ("JENIS KELAMIN", "JK", "KELAMIN", "L/P"),
            "usia": ("USIA", "UMUR", "USIA (TAHUN)"),
            "tahap": ("TAHAP", "TAHAP PENANGANAN", "STATUS KASUS", "STATUS PENANGANAN"),
            "hasil": ("HASIL", "HASIL PENANGANAN", "TINDAK LANJUT", "HASIL AKHIR"),
            "tanggal_masuk_shelter": (
                "TANGGAL MASUK SHELTER",
                "MASUK SHELTER",
                "TGL MASUK SHELTER",
                "TANGGAL MASUK UPT",
            ),
            "tanggal_keluar_shelter": (
                "TANGGAL KELUAR SHELTER",
                "KELUAR SHELTER",
                "TGL KELUAR SHELTER",
                "TANGGAL KELUAR UPT",
            ),
        },
        required=(("id_kasus",), ("kategori",), ("sumber",), ("waktu_lapor",)),
        not_stored=_NOT_STORED_REGION,
        domains=("jenis_kelamin", "pmks_kategori", "pmks_sumber", "pmks_tahap", "pmks_hasil"),
        loads=("import/pmks_cases",),
    ),
    "penyaluran": Kind(
        name="penyaluran",
        tables=("bansos_penyaluran",),
        columns={
            "id_penyaluran": (
                "ID PENYALURAN",
                "ID TRANSAKSI",
                "NO TRANSAKSI",
                "NOMOR TRANSAKSI",
                "NO REFERENSI",
                "REFERENSI",
            ),
            "kode_program": ("KODE PROGRAM", "PROGRAM", "PROGRAM BANSOS", "JENIS BANSOS"),
            "tahap": ("TAHAP", "TAHAP PENYALURAN", "PERIODE", "PERIODE PENYALURAN"),
            "id_dtks": ("ID DTKS", "IDDTKS", "ID BDT", "IDBDT"),
            "nik_penerima": ("NIK PENERIMA", "NIK KPM", "NIK", "NOMOR NIK", "NIK PENGURUS"),
            **_REGION,
            "nilai_hak": ("NILAI HAK", "NOMINAL HAK", "HAK", "NILAI BANTUAN"),
            "nilai_diterima": ("NILAI DITERIMA", "NOMINAL DITERIMA", "JUMLAH DITERIMA", "NOMINAL", "NILAI SALUR"),
            "tanggal_salur": ("TANGGAL SALUR", "TANGGAL PENYALURAN", "TGL SALUR", "TANGGAL TRANSAKSI", "TGL TRANSAKSI"),
            "kanal": ("KANAL", "KANAL PENYALURAN", "JALUR PENYALURAN", "LEMBAGA PENYALUR"),
            "id_penyalur": ("ID PENYALUR", "KODE PENYALUR", "ID AGEN", "ID E-WARONG", "KODE AGEN"),
            "harga_dibayar": ("HARGA DIBAYAR", "HARGA", "HARGA PAKET", "HARGA BARANG"),
            "lolos_kualitas": ("LOLOS KUALITAS", "KUALITAS", "UJI KUALITAS", "QC"),
            "dokumen": ("DOKUMEN", "KELENGKAPAN DOKUMEN", "DOKUMEN ADA"),
        },
        required=(
            ("id_penyaluran",),
            ("kode_program",),
            ("tahap",),
            ("nik_penerima",),
            ("nilai_diterima",),
            ("tanggal_salur",),
            ("kanal",),
        ),
        not_stored=_NOT_STORED_REGION,
        domains=("kanal", "flag", "dokumen"),
        loads=("import/penyaluran_rows",),
    ),
    "graduasi": Kind(
        name="graduasi",
        tables=("pkh_graduasi",),
        columns={
            "id_dtks": ("ID DTKS", "IDDTKS", "ID BDT", "IDBDT"),
            "nik_penerima": ("NIK PENGURUS", "NIK KPM", "NIK PENERIMA", "NIK"),
            "nama": ("NAMA PENGURUS", "NAMA KPM", "NAMA"),
            **_REGION,
            "tanggal_graduasi": ("TANGGAL GRADUASI", "TGL GRADUASI", "TANGGAL KELUAR", "TANGGAL"),
            "jenis": ("JENIS GRADUASI", "KATEGORI GRADUASI", "ALASAN GRADUASI", "JENIS"),
        },
        required=(("id_dtks",), ("tanggal_graduasi",), ("jenis",)),
        not_stored=(*_NOT_STORED_REGION, "nama"),
        domains=("graduasi_jenis",),
        loads=("import/graduasi_rows",),
    ),
    "petugas": Kind(
        name="petugas",
        tables=("petugas",),
        columns={
            "id_petugas": ("ID PETUGAS", "KODE PETUGAS", "NIP", "ID ENUMERATOR"),
            "nama": ("NAMA", "NAMA PETUGAS", "NAMA LENGKAP"),
            "peran": ("PERAN", "JABATAN", "TUGAS"),
            **_REGION,
            "aktif_mulai": ("AKTIF MULAI", "MULAI TUGAS", "TANGGAL MULAI", "TMT"),
            "aktif_sampai": ("AKTIF SAMPAI", "SELESAI TUGAS", "TANGGAL SELESAI"),
        },
        required=(("id_petugas",), ("nama",)),
        not_stored=_NOT_STORED_REGION,
        domains=("peran",),
        loads=("import/petugas_rows",),
    ),
    # Records of a pendataan campaign (config/pendataan.toml), a generic layout: which campaign,
    # the collector's record id, who collected (an id, a name: masked as one in the quarantine),
    # where, when, what category.
    "pendataan": Kind(
        name="pendataan",
        tables=("pendataan_catatan",),
        columns={
            "kode_kampanye": ("KODE KAMPANYE", "KAMPANYE", "KODE KEGIATAN", "KEGIATAN PENDATAAN"),
            "id_catatan": ("ID CATATAN", "NOMOR CATATAN", "NO CATATAN", "ID DATA", "NOMOR FORMULIR", "NO FORMULIR"),
            "id_petugas": ("ID PETUGAS", "KODE PETUGAS", "NIP", "ID PENDATA"),
            "nama": ("NAMA PETUGAS", "PETUGAS", "PENDATA", "NAMA PENDATA"),
            "peran": ("PERAN", "JABATAN", "UNSUR"),
            **_REGION,
            "tanggal": ("TANGGAL", "TANGGAL PENDATAAN", "TGL PENDATAAN", "TANGGAL KUNJUNGAN"),
            "kategori": ("KATEGORI", "JENIS", "KATEGORI DATA"),
        },
        required=(
            ("kode_kampanye",),
            ("id_catatan",),
            ("id_petugas", "nama"),
            ("kode_kelurahan", "kelurahan"),
            ("tanggal",),
            ("kategori",),
        ),
        not_stored=_NOT_STORED_REGION,
        domains=("peran",),
        loads=("import/pendataan_rows",),
    ),
}


# Enumeration values: stored code -> the spellings files use (compared by enum_key). Every code
# also matches itself.
ENUMS: dict[str, dict[str, tuple[str, ...]]] = {
    "jenis_kelamin": {
        "L": ("laki-laki", "laki laki", "laki", "lk", "pria", "male", "m", "1"),
        "P": ("perempuan", "wanita", "pr", "female", "f", "2"),
    },
    # SIKS-NG numbers the relation to the head 1-8.
    "hubungan": {
        "kepala_keluarga": ("kepala keluarga", "kepala rumah tangga", "krt", "kk", "1"),
        "pasangan": ("istri", "suami", "istri/suami", "suami/istri", "pasangan", "2"),
        "anak": ("anak", "anak kandung", "anak angkat", "anak tiri", "3"),
        "menantu": ("menantu", "4"),
        "cucu": ("cucu", "5"),
        "orang_tua": ("orang tua", "orangtua", "mertua", "orang tua/mertua", "ayah", "ibu", "6"),
        "famili_lain": ("famili lain", "famili", "saudara", "7"),
        "lainnya": ("lainnya", "lain-lain", "pembantu", "pembantu rumah tangga", "8", "9"),
    },
    "status_padan": {
        "padan": ("padan", "sudah padan", "padan dukcapil", "ya", "y", "1"),
        "tidak_padan": ("tidak padan", "tdk padan", "gagal padan", "nik tidak padan", "tidak", "0"),
        "belum": ("belum", "belum padan", "belum dipadankan", "proses"),
    },
    "flag": {
        "true": ("ya", "y", "yes", "v", "x", "1", "true", "benar", "penerima", "lolos", "sesuai"),
        "false": (
            "tidak",
            "t",
            "tdk",
            "no",
            "n",
            "0",
            "false",
            "bukan",
            "bukan penerima",
            "tidak lolos",
            "tidak sesuai",
            "-",
        ),
    },
    "status": {
        "aktif": ("aktif", "ada", "layak"),
        "pindah": ("pindah", "pindah alamat", "pindah domisili"),
        "meninggal": ("meninggal", "meninggal dunia", "wafat"),
        "duplikat": ("duplikat", "ganda", "data ganda"),
    },
    "verivali_tahap": {
        "usulan_musyawarah": (
            "usulan",
            "musyawarah",
            "musdes",
            "muskel",
            "usulan musyawarah",
            "musyawarah desa",
            "musyawarah kelurahan",
        ),
        "entri_siksng": ("entri", "entri siks-ng", "input siks-ng", "siks-ng", "entri siksng"),
        "cek_dinsos": ("cek dinsos", "verifikasi dinsos", "pemeriksaan dinsos"),
        "ground_check": (
            "ground check",
            "groundcheck",
            "kunjungan",
            "kunjungan lapangan",
            "cek lapangan",
            "verifikasi lapangan",
        ),
        "padan": ("padan", "padan dukcapil", "pemadanan"),
        "desil": ("desil", "pemeringkatan", "penetapan desil"),
    },
    "verivali_hasil": {
        "diperbarui": (
            "diperbarui",
            "diperbaharui",
            "update",
            "sudah diperbarui",
            "ditemukan",
            "valid",
            "sesuai",
            "layak",
        ),
        "tidak_ditemukan": ("tidak ditemukan", "tdk ditemukan", "tidak ada", "tidak diketahui"),
        "pindah": ("pindah", "pindah alamat", "pindah domisili"),
        "meninggal": ("meninggal", "meninggal dunia", "wafat"),
        "duplikat": ("duplikat", "ganda", "data ganda"),
    },
    "pmks_kategori": {
        "anak_balita_terlantar": ("anak balita terlantar", "abt"),
        "anak_terlantar": ("anak terlantar",),
        "anak_berhadapan_hukum": ("anak berhadapan dengan hukum", "abh"),
        "anak_jalanan": ("anak jalanan", "anjal"),
        "anak_disabilitas": ("anak dengan kedisabilitasan", "anak dengan disabilitas", "anak penyandang disabilitas"),
        "anak_korban_kekerasan": ("anak korban tindak kekerasan", "anak korban kekerasan"),
        "anak_perlindungan_khusus": (
            "anak yang memerlukan perlindungan khusus",
            "anak memerlukan perlindungan khusus",
            "ampk",
        ),
        "lansia_terlantar": ("lanjut usia terlantar", "lansia terlantar"),
        "penyandang_disabilitas": ("penyandang disabilitas", "disabilitas"),
        "tuna_susila": ("tuna susila", "wts", "psk"),
        "gelandangan": ("gelandangan",),
        "pengemis": ("pengemis",),
        "pemulung": ("pemulung",),
        "kelompok_minoritas": ("kelompok minoritas",),
        "bekas_warga_binaan": ("bekas warga binaan lembaga pemasyarakatan", "bwbp", "bekas warga binaan"),
        "odha": ("orang dengan hiv/aids", "odha"),
        "korban_napza": ("korban penyalahgunaan napza", "korban napza"),
        "korban_trafficking": ("korban trafficking", "korban perdagangan orang"),
        "korban_tindak_kekerasan": ("korban tindak kekerasan", "ktk"),
        "pekerja_migran_bermasalah": ("pekerja migran bermasalah sosial", "pmbs", "pekerja migran bermasalah"),
        "korban_bencana_alam": ("korban bencana alam",),
        "korban_bencana_sosial": ("korban bencana sosial",),
        "perempuan_rawan_sosial_ekonomi": ("perempuan rawan sosial ekonomi", "prse"),
        "fakir_miskin": ("fakir miskin",),
        "keluarga_bermasalah_psikologis": ("keluarga bermasalah sosial psikologis",),
        "komunitas_adat_terpencil": ("komunitas adat terpencil", "kat"),
        "odgj": ("orang dengan gangguan jiwa", "odgj"),
    },
    "pmks_sumber": {
        "patroli": ("patroli", "razia", "operasi", "penjangkauan"),
        "call_center": ("call center", "callcenter", "telepon", "112", "hotline"),
        "rujukan_perorangan": ("rujukan", "rujukan perorangan", "laporan warga", "masyarakat"),
        "media_sosial": ("media sosial", "medsos"),
        "kantor": ("kantor", "datang langsung", "langsung"),
        "perusahaan": ("perusahaan",),
    },
    "pmks_tahap": {
        "dilaporkan": ("lapor", "laporan", "dilaporkan", "baru"),
        "diamankan": ("diamankan", "dijangkau"),
        "diasesmen": ("asesmen", "diasesmen", "assesment", "assessment"),
        "rencana_intervensi": ("rencana intervensi",),
        "intervensi": ("intervensi",),
        "evaluasi": ("evaluasi",),
        "monitoring": ("monitoring", "pemantauan"),
        "ditutup": ("ditutup", "selesai", "tutup", "closed"),
    },
    "pmks_hasil": {
        "kembali_keluarga": ("kembali ke keluarga", "dikembalikan ke keluarga", "reunifikasi", "dipulangkan"),
        "panti": ("panti", "dirujuk ke panti", "lks"),
        "dirawat": ("dirawat", "rsj", "rumah sakit"),
        "dirujuk": ("dirujuk",),
        "mandiri": ("mandiri",),
        "meninggal": ("meninggal", "meninggal dunia"),
    },
    "usulan_sasaran": {
        "keluarga": ("keluarga", "rumah tangga", "ruta", "kk"),
        "individu": ("individu", "perorangan", "art", "anggota keluarga"),
    },
    "usulan_arah": {
        "masuk": ("masuk", "usulan baru", "baru", "tambah", "penambahan", "pendaftaran"),
        "keluar": ("keluar", "hapus", "penghapusan", "nonaktif", "penonaktifan", "pengurangan"),
    },
    "usulan_alasan": {
        "miskin_baru": ("miskin baru", "jatuh miskin"),
        "belum_terdata": ("belum terdata", "belum masuk dtks", "tidak terdata"),
        "pecah_kk": ("pecah kk", "kk baru", "pisah kk"),
        "meninggal": ("meninggal", "meninggal dunia", "wafat"),
        "pindah": ("pindah", "pindah alamat", "pindah domisili"),
        "mampu": ("mampu", "sudah mampu", "tidak miskin", "tidak layak"),
        "ganda": ("ganda", "data ganda", "duplikat"),
        "tidak_ditemukan": ("tidak ditemukan", "tidak diketahui keberadaannya"),
        "lainnya": ("lainnya", "lain-lain"),
    },
    "usulan_tahap": {
        "diusulkan": ("diusulkan", "usulan", "belum diproses"),
        "diinput": ("diinput", "sudah diinput", "input siks-ng", "entri", "terkirim"),
        "diverifikasi": ("diverifikasi", "terverifikasi", "verifikasi", "sudah diverifikasi"),
        "ditetapkan": ("ditetapkan", "disetujui", "diterima", "penetapan"),
        "ditolak": ("ditolak", "tidak disetujui", "gagal"),
    },
    "graduasi_jenis": {
        "sejahtera_mandiri": ("sejahtera mandiri", "graduasi sejahtera mandiri", "graduasi mandiri", "sukarela"),
        "alamiah_tidak_layak": (
            "tidak layak",
            "tidak memenuhi syarat",
            "tidak memenuhi kriteria",
            "tidak ada komponen",
            "tanpa komponen",
        ),
        "alamiah_pindah": ("pindah", "pindah domisili", "pindah alamat"),
        "alamiah_meninggal": ("meninggal", "meninggal dunia", "wafat"),
    },
    "kanal": {
        "bank": ("bank", "himbara", "bri", "bni", "bank mandiri", "btn", "bsi", "kks"),
        "pos": ("pos", "pt pos", "pos indonesia", "kantor pos"),
        "e_warong": ("e-warong", "ewarong", "warong", "agen", "e warong"),
    },
    "dokumen": {
        "bast": ("bast", "berita acara", "berita acara serah terima"),
        "foto": ("foto", "photo", "dokumentasi"),
        "ktp": ("ktp", "e-ktp", "fotokopi ktp"),
    },
    "peran": {
        "enumerator": ("enumerator", "pendata", "petugas pendata"),
        "pendamping_pkh": ("pendamping pkh", "pendamping"),
        "tksk": ("tksk",),
    },
}

_REFERENCE_CODES = {
    "hubungan": RELATIONS,
    "status_padan": PADAN_STATUS,
    "status": HOUSEHOLD_STATUS,
    "verivali_tahap": VERIVALI_STAGES,
    "verivali_hasil": VERIVALI_RESULTS,
    "pmks_kategori": PMKS_CATEGORIES,
    "pmks_sumber": PMKS_SOURCES,
    "pmks_tahap": PMKS_STAGES,
    "pmks_hasil": PMKS_OUTCOMES,
    "kanal": CHANNELS,
    "dokumen": DOCUMENTS,
}


RESEMBLES = 0.8
"""Similarity (difflib ratio of the header keys) from which an unknown header resembles a known one."""
_CLOSEST = 0.5
"""Similarity from which a known header is named as the closest to an unknown one."""


class MappingError(ValueError):
    """A mapping file or a header mapping that cannot be used; the message names the file."""


@dataclass
class ColumnMapping:
    """How a file's headers map to a kind's columns.

    ``columns``: file header -> column; ``not_stored``: headers recognised but not kept;
    ``unknown``: headers nothing matched (ignored, listed for the data officer); ``missing``:
    required column groups the file lacks (an import with any cannot run); ``closest``: unknown
    header -> the known header most like it (when any is); ``resembling``: the unknown headers
    that resemble a known one (an import stops on them unless allowed).
    """

    kind: str
    columns: dict[str, str]
    not_stored: list[str]
    unknown: list[str]
    missing: list[tuple[str, ...]]
    values: dict[str, dict[str, str]] = field(default_factory=dict)
    closest: dict[str, str] = field(default_factory=dict)
    resembling: list[str] = field(default_factory=list)

    def preview_rows(self) -> list[tuple[str, str]]:
        """(header, column) for every header; column '' for unknown, '-' for not stored."""
        out = [(h, c) for h, c in self.columns.items()]
        out += [(h, "-") for h in self.not_stored]
        out += [(h, "") for h in self.unknown]
        return out


def read_mapping_file(path: str | Path | None) -> dict:
    """The ``columns`` and ``values`` of a YAML mapping file (empty dicts without a file)."""
    if path is None:
        return {"columns": {}, "values": {}}
    path = Path(path)
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except (OSError, yaml.YAMLError, UnicodeDecodeError) as exc:
        raise MappingError(f"{path.name}: not a readable YAML mapping file: {exc}") from None
    if not isinstance(data, dict) or set(data) - {"columns", "values"}:
        raise MappingError(f"{path.name}: a mapping file has only 'columns:' and 'values:' sections")
    columns = data.get("columns") or {}
    values = data.get("values") or {}
    if (
        not isinstance(columns, dict)
        or not isinstance(values, dict)
        or not all(isinstance(v, dict) for v in values.values())
    ):
        raise MappingError(f"{path.name}: 'columns' maps header: column, 'values' maps column: {{value: code}}")
    return {
        "columns": {str(k): str(v) for k, v in columns.items()},
        "values": {str(d): {str(k): str(v) for k, v in m.items()} for d, m in values.items()},
    }


def detect_mapping(
    kind: str, headers: list[str], mapping: dict | None = None, source: str = "mapping"
) -> ColumnMapping:
    """Map ``headers`` to the columns of ``kind`` by alias, then by the mapping file's ``columns``.

    A column claimed by two headers keeps the first; the second is listed as unknown (and
    resembles the first: the import asks which one is meant).
    """
    spec = KINDS[kind]
    mapping = mapping or {"columns": {}, "values": {}}
    explicit = {header_key(h): c for h, c in mapping["columns"].items()}
    for column in explicit.values():
        if column not in spec.columns:
            raise MappingError(f"{source}: {column!r} is not a column of {kind} (columns: {', '.join(spec.columns)})")
    aliases = {header_key(a): c for c, names in spec.columns.items() for a in (*names, c)}
    columns: dict[str, str] = {}
    not_stored, unknown = [], []
    taken: set[str] = set()
    for h in headers:
        column = explicit.get(header_key(h)) or aliases.get(header_key(h))
        if column is None or column in taken:
            unknown.append(h)
        elif column in spec.not_stored:
            not_stored.append(h)
            taken.add(column)
        else:
            columns[h] = column
            taken.add(column)
    missing = [group for group in spec.required if not taken.intersection(group)]
    known = {header_key(a): a for c, names in spec.columns.items() for a in (c, *names)}
    known |= {header_key(h): h for h in mapping["columns"]}
    closest: dict[str, str] = {}
    resembling: list[str] = []
    for h in unknown:
        key = header_key(h)
        scored = [(difflib.SequenceMatcher(None, key, k).ratio(), k) for k in known]
        score, best = max(scored, default=(0.0, ""))
        if score >= _CLOSEST:
            closest[h] = known[best]
        if score >= RESEMBLES:
            resembling.append(h)
    values: dict[str, dict[str, str]] = {}
    for name, listed in mapping["values"].items():
        domain = spec.value_domains.get(name, name)
        if domain not in ENUMS:
            raise MappingError(
                f"{source}: values for {name!r}: give one of the columns {', '.join(spec.value_domains)}"
            )
        values.setdefault(domain, {}).update(listed)
    return ColumnMapping(kind, columns, not_stored, unknown, missing, values, closest, resembling)


PERSONAL_NUMBERS = ("nik", "no_kk", "nik_penerima")
PERSONAL_NAMES = ("nama", "nama_ibu")
PERSONAL_PLACES = ("alamat", "tempat_lahir")
BIRTH_DATES = ("tanggal_lahir",)
COORDINATES = ("lon", "lat")
PERSONAL_COLUMNS = (*PERSONAL_NUMBERS, *PERSONAL_NAMES, *PERSONAL_PLACES, *BIRTH_DATES, *COORDINATES)
"""Columns holding personal data, masked in every row-level list (queries/import/masked.sql)."""


def column_of_any_kind(header: str) -> str | None:
    """The column a header names in any kind (the preview masks by it whatever kind is chosen)."""
    return _ANY_KIND.get(header_key(header))


# A header naming a personal column in one kind and another column elsewhere counts as personal.
_ANY_KIND = {
    header_key(a): c
    for spec in KINDS.values()
    for c, names in sorted(spec.columns.items(), key=lambda item: item[0] in PERSONAL_COLUMNS)
    for a in (*names, c)
}


def enum_table(extra: dict[str, dict[str, str]] | None = None) -> pa.Table:
    """Every (domain, alias key, code), the mapping file's values taking precedence."""
    rows: dict[tuple[str, str], str] = {}
    for domain, codes in ENUMS.items():
        for code in (*_REFERENCE_CODES.get(domain, ()), *codes):
            rows[(domain, enum_key(code))] = code
        for code, aliases in codes.items():
            for alias in aliases:
                rows[(domain, enum_key(alias))] = code
    for domain, values in (extra or {}).items():
        allowed = set(ENUMS[domain]) | set(_REFERENCE_CODES.get(domain, ()))
        for value, code in values.items():
            if code not in allowed:
                raise MappingError(f"mapping values for {domain}: {code!r} is not one of {', '.join(sorted(allowed))}")
            rows[(domain, enum_key(value))] = code
    keys = list(rows)
    return pa.table(
        {
            "domain": pa.array([d for d, _ in keys], pa.string()),
            "alias": pa.array([a for _, a in keys], pa.string()),
            "kode": pa.array(list(rows.values()), pa.string()),
        }
    )
