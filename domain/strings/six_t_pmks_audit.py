"""Strings of the kelurahan scope on the 6T and PMKS pages (keys ``six_t.scope.*``,
``pmks.scope.*``) and of the paged 6T drill-down (``six_t.drill.page``), in Bahasa Indonesia
and English."""

STRINGS: dict[str, dict[str, str]] = {
    "id": {
        "six_t.scope.note": "Akun Anda dibatasi pada {n} kelurahan/desa: semua angka, peta, daftar dan unduhan di halaman ini hanya menghitung penyaluran di wilayah tersebut.",
        "pmks.scope.note": "Akun Anda dibatasi pada {n} kelurahan/desa: semua angka, peta, grafik dan unduhan di halaman ini hanya menghitung kasus di wilayah tersebut.",
        "six_t.drill.page": "Halaman daftar (dari {pages})",
        "pmks.scope.hotspot": "Uji titik panas hanya membandingkan {n} kelurahan/desa dalam cakupan akun Anda satu sama lain, bukan dengan seluruh kota.",
    },
    "en": {
        "six_t.scope.note": "Your account is limited to {n} kelurahan/desa: every figure, map, list and download on this page counts the distributions there only.",
        "pmks.scope.note": "Your account is limited to {n} kelurahan/desa: every figure, map, chart and download on this page counts the cases there only.",
        "six_t.drill.page": "Page of the list (of {pages})",
        "pmks.scope.hotspot": "The hot-spot test compares only the {n} kelurahan/desa of your account's scope with one another, not with the whole city.",
    },
}
