"""Strings of the settings an admin changes on the users page (keys ``settings.*``), in Bahasa
Indonesia and English."""

STRINGS: dict[str, dict[str, str]] = {
    "id": {
        "settings.caption": "Pengaturan di bawah ini berlaku seketika dan ditulis ke config/auth.toml dan config/privacy.toml; setiap perubahan tercatat di log audit. Pengaturan lain dibaca dari config/auth.toml saat server mulai.",
        "settings.suppress_below": "Sembunyikan jumlah orang di bawah",
        "settings.range": "Bilangan bulat dari {min} sampai {max}.",
        "settings.save": "Simpan pengaturan",
        "settings.saved": "Pengaturan disimpan: {names}.",
        "settings.unchanged": "Tidak ada pengaturan yang berubah.",
        "settings.refused": "{name}: harus bilangan bulat dari {min} sampai {max}, bukan {value}. Tidak ada yang disimpan.",
        "settings.others": "Pengaturan lain (hanya baca)",
    },
    "en": {
        "settings.caption": "The settings below apply at once and are written to config/auth.toml and config/privacy.toml; every change is recorded in the audit log. The others are read from config/auth.toml when the server starts.",
        "settings.suppress_below": "Hide counts of people below",
        "settings.range": "A whole number from {min} to {max}.",
        "settings.save": "Save the settings",
        "settings.saved": "Settings saved: {names}.",
        "settings.unchanged": "No setting changed.",
        "settings.refused": "{name}: must be a whole number from {min} to {max}, not {value}. Nothing was saved.",
        "settings.others": "Other settings (read only)",
    },
}
