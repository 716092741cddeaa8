"""The settings files in ``config/``, read here (at the edge) into plain values that the
reports hand to ``analytics/``; one reader per file:

- ``six_t.toml`` (:func:`load`): the 6T audit's rules that do not live in the programme tables
  (windows, reference prices, required documents, desil limits stay there): the rupiah
  tolerance of tepat jumlah and tepat harga, an optional grace period for tepat waktu that
  overrides every programme's ``toleransi_hari``, and the size and seed of the
  field-verification sample.
- ``coverage_targets.toml`` (:func:`target_schedule`): the target coverage by date per
  verivali cycle (:func:`analytics.coverage.target_rate`).
- ``privacy.toml`` (:func:`suppress_below`): the one suppression threshold of small counts of
  people, on screen and in files.
- ``calendar.toml`` (:func:`work_calendar`): the agency's working days per region (national
  days off corrected, local days off, working Saturdays) as an
  :class:`analytics.calendar.WorkCalendar`.
- ``graduasi.toml`` (:func:`graduasi_targets`): the yearly target of PKH graduasi sejahtera
  mandiri per region.
- ``pendataan.toml`` (:func:`pendataan_campaigns`): the pendataan campaigns, their window,
  categories and targets per kecamatan or kelurahan.

A missing file means nothing is configured: the defaults apply.

The settings an admin may change on the users page (:data:`EDITABLE`: the sign-in lock and
idle timeout of ``auth.toml``, the suppression threshold of ``privacy.toml``) are written here
too (:func:`write_whole`): one ``key = value`` line replaced in place, comments kept, the new
text parsed again and the file replaced atomically (a temporary file beside it, then
``os.replace``), so that a reader sees the old file or the new one, never half of one.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import tomllib
from dataclasses import dataclass
from pathlib import Path

from analytics.calendar import WorkCalendar, indonesian_calendar

CONFIG = Path(__file__).resolve().parent.parent / "config"
SETTINGS_FILE = CONFIG / "six_t.toml"
COVERAGE_TARGETS_FILE = CONFIG / "coverage_targets.toml"
CALENDAR_FILE = CONFIG / "calendar.toml"
PRIVACY_FILE = CONFIG / "privacy.toml"
GRADUASI_FILE = CONFIG / "graduasi.toml"
PENDATAAN_FILE = CONFIG / "pendataan.toml"
TARGET_LEVELS = ("kecamatan", "kelurahan")
# Another privacy file (tests write theirs there, never into config/).
PRIVACY_ENV = "PETA_KESOS_PRIVACY_CONFIG"
SUPPRESS_BELOW = 5


@dataclass(frozen=True)
class SixTSettings:
    """Rules of the 6T audit. Rupiah amounts and days are whole numbers >= 0."""

    jumlah_tolerance_rupiah: int = 0
    waktu_grace_days: int | None = None
    harga_tolerance_rupiah: int = 0
    sample_per_kelurahan: int = 5
    sample_seed: int = 2026

    def query_params(self) -> dict:
        """The bound parameters of ``queries/six_t_*.sql`` that come from these settings."""
        return {
            "toleransi_jumlah_rupiah": self.jumlah_tolerance_rupiah,
            "toleransi_harga_rupiah": self.harga_tolerance_rupiah,
            "toleransi_hari": self.waktu_grace_days,
        }


def _whole(section: dict, key: str, where: str, default):
    value = section.get(key, default)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise ValueError(f"{where}.{key} must be a whole number >= 0, not {value!r}")
    return value


def parse(text: str, source: str = "six_t.toml") -> SixTSettings:
    """Settings from the text of a TOML file; missing keys keep their defaults."""
    data = tomllib.loads(text)
    defaults = SixTSettings()
    jumlah, waktu, harga, sampel = (data.get(s, {}) for s in ("jumlah", "waktu", "harga", "sampel"))
    per_kelurahan = _whole(sampel, "per_kelurahan", f"{source} [sampel]", defaults.sample_per_kelurahan)
    if per_kelurahan is None or per_kelurahan < 1:
        raise ValueError(f"{source} [sampel].per_kelurahan must be at least 1")
    return SixTSettings(
        jumlah_tolerance_rupiah=_whole(jumlah, "toleransi_rupiah", f"{source} [jumlah]", 0),
        waktu_grace_days=_whole(waktu, "toleransi_hari", f"{source} [waktu]", None),
        harga_tolerance_rupiah=_whole(harga, "toleransi_rupiah", f"{source} [harga]", 0),
        sample_per_kelurahan=per_kelurahan,
        sample_seed=_whole(sampel, "seed", f"{source} [sampel]", defaults.sample_seed),
    )


def load(path=SETTINGS_FILE) -> SixTSettings:
    """Settings from ``path``; a missing file gives the defaults (no tolerance, the
    programmes' own grace periods, 5 per kelurahan, seed 2026)."""
    p = Path(path)
    if not p.is_file():
        return SixTSettings()
    return parse(p.read_text(encoding="utf-8"), source=str(p))


def target_schedule(siklus: str, path=COVERAGE_TARGETS_FILE) -> list[tuple[dt.date, float]]:
    """The configured target schedule of a cycle.

    Parameters
    ----------
    siklus : str
        The cycle id.
    path : path-like
        A TOML file with a table per cycle, e.g. ``[targets."2026-1"]`` holding
        ``points = [["2026-03-31", 0.5], ["2026-06-30", 1.0]]`` (date, coverage rate 0-1).
        A missing file means nothing is configured.

    Returns
    -------
    list of (datetime.date, float)
        Sorted by date; empty when the cycle has no entry (then
        :func:`analytics.coverage.target_rate` uses a straight line).
    """
    p = Path(path)
    if not p.is_file():
        return []
    entry = tomllib.loads(p.read_text(encoding="utf-8")).get("targets", {}).get(siklus, {})
    schedule = []
    for day, rate in entry.get("points", []):
        if not 0.0 <= float(rate) <= 1.0:
            raise ValueError(f"{p}: target {rate!r} for {siklus} is not a rate between 0 and 1")
        schedule.append((dt.date.fromisoformat(str(day)), float(rate)))
    return sorted(schedule)


def _date(value, where: str) -> dt.date:
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        raise ValueError(f"{where}: {value!r} is not a date (YYYY-MM-DD)") from None


def _named_days(entries, where: str) -> dict[dt.date, str]:
    days = {}
    for i, entry in enumerate(entries, 1):
        if not isinstance(entry, list) or len(entry) != 2 or not str(entry[1]).strip():
            raise ValueError(f"{where} entry {i}: expected [date, name], not {entry!r}")
        days[_date(entry[0], f"{where} entry {i}")] = str(entry[1]).strip()
    return days


def work_calendar(kode_region: str | None, path=CALENDAR_FILE) -> WorkCalendar:
    """The working days of a region's enumerators.

    Parameters
    ----------
    kode_region : str or None
        The kab/kota code (e.g. ``21.71``; a kecamatan's code takes its kab/kota's table, a
        provinsi's has none); a region without a table, or None, gets the national
        days off and Monday to Friday.
    path : path-like
        A TOML file: ``[nasional]`` with ``tambahan`` ([date, name] days off to add) and
        ``bukan_libur`` (dates to work after all), and per region ``[wilayah."<kode>"]`` with
        ``libur`` ([date, name] local days off) and ``sabtu_kerja`` (bool). A missing file
        means the national days off only.

    Raises
    ------
    ValueError
        Naming the file, the table and the entry of a value that is not a date, a pair or a
        boolean.
    """
    p = Path(path)
    data = tomllib.loads(p.read_text(encoding="utf-8")) if p.is_file() else {}
    national = data.get("nasional", {})
    # A kecamatan works on its kab/kota's days (the first two segments of its code).
    kode_region = ".".join(kode_region.split(".")[:2]) if kode_region is not None else None
    region = data.get("wilayah", {}).get(kode_region, {}) if kode_region is not None else {}
    where = f'{p} [wilayah."{kode_region}"]'
    saturdays = region.get("sabtu_kerja", False)
    if not isinstance(saturdays, bool):
        raise ValueError(f"{where}.sabtu_kerja must be true or false, not {saturdays!r}")
    extra = _named_days(national.get("tambahan", []), f"{p} [nasional].tambahan")
    extra.update(_named_days(region.get("libur", []), f"{where}.libur"))
    working = [
        _date(d, f"{p} [nasional].bukan_libur entry {i}") for i, d in enumerate(national.get("bukan_libur", []), 1)
    ]
    return indonesian_calendar(extra, working, working_saturdays=saturdays)


def privacy_file() -> Path:
    """``$PETA_KESOS_PRIVACY_CONFIG``, else config/privacy.toml."""
    return Path(os.environ.get(PRIVACY_ENV) or PRIVACY_FILE)


def suppress_below(path=None) -> int:
    """The suppression threshold: counts of people per unit and category above 0 and below it
    are hidden on screen and in files (``[suppress] suppress_below``, a whole number >= 0; 0
    turns suppression off). A missing file or key gives :data:`SUPPRESS_BELOW` (5).

    Raises
    ------
    ValueError
        Naming the file when the value is not a whole number >= 0.
    """
    p = Path(path) if path is not None else privacy_file()
    section = tomllib.loads(p.read_text(encoding="utf-8")).get("suppress", {}) if p.is_file() else {}
    return _whole(section, "suppress_below", f"{p} [suppress]", SUPPRESS_BELOW)


@dataclass(frozen=True)
class Campaign:
    """A pendataan campaign: ``kode``, ``nama``, the window ``mulai``..``selesai`` (dates), the
    record categories ``kategori`` (codes), ``tingkat`` (``kecamatan`` or ``kelurahan``: the unit
    of the targets) and ``targets`` ((unit code, records expected), in the file's order)."""

    kode: str
    nama: str
    mulai: dt.date
    selesai: dt.date
    kategori: tuple[str, ...]
    tingkat: str
    targets: tuple[tuple[str, int], ...]

    def in_region(self, kode_region: str) -> bool:
        """Whether any target unit lies in the kab/kota ``kode_region``."""
        return any(code.startswith(kode_region + ".") for code, _ in self.targets)


def pendataan_campaigns(path=PENDATAAN_FILE) -> tuple[Campaign, ...]:
    """The campaigns of ``config/pendataan.toml``, in the file's order (none without a file).

    Raises
    ------
    ValueError
        Naming the file and the campaign of a missing name, a date that is not one, a window
        that ends before it starts, no category, an unknown ``tingkat`` or a target that is not
        a whole number >= 0 for a code of that level.
    """
    p = Path(path)
    data = tomllib.loads(p.read_text(encoding="utf-8")) if p.is_file() else {}
    campaigns = []
    for kode, entry in data.get("kampanye", {}).items():
        where = f'{p} [kampanye."{kode}"]'
        nama = str(entry.get("nama") or "").strip()
        if not nama:
            raise ValueError(f"{where}: nama is missing")
        mulai, selesai = _date(entry.get("mulai"), f"{where}.mulai"), _date(entry.get("selesai"), f"{where}.selesai")
        if selesai < mulai:
            raise ValueError(f"{where}: selesai {selesai} is before mulai {mulai}")
        kategori = tuple(str(k).strip() for k in entry.get("kategori", []) if str(k).strip())
        if not kategori:
            raise ValueError(f"{where}: kategori lists no category")
        tingkat = entry.get("tingkat", "kecamatan")
        if tingkat not in TARGET_LEVELS:
            raise ValueError(f"{where}: tingkat must be one of {', '.join(TARGET_LEVELS)}, not {tingkat!r}")
        segments = 3 if tingkat == "kecamatan" else 4
        targets = []
        for code, n in entry.get("target", {}).items():
            if len(str(code).split(".")) != segments:
                raise ValueError(f"{where}.target: {code!r} is not a {tingkat} code")
            if isinstance(n, bool) or not isinstance(n, int) or n < 0:
                raise ValueError(f"{where}.target: {code} must be a whole number >= 0, not {n!r}")
            targets.append((str(code), n))
        campaigns.append(Campaign(str(kode), nama, mulai, selesai, kategori, tingkat, tuple(targets)))
    return tuple(campaigns)


def graduasi_targets(kode_region: str, path=GRADUASI_FILE) -> dict[int, int]:
    """The yearly targets of PKH graduasi sejahtera mandiri of a region.

    Parameters
    ----------
    kode_region : str
        The kab/kota code (e.g. ``21.71``).
    path : path-like
        A TOML file with a table per region, ``[target."21.71"]`` holding ``2026 = 150`` (year =
        KPM to graduate sejahtera mandiri that year). A missing file or region: no targets.

    Returns
    -------
    dict
        Year -> target (whole number >= 0).

    Raises
    ------
    ValueError
        Naming the file and the region when a year is not a year or a target not a whole
        number >= 0.
    """
    p = Path(path)
    data = tomllib.loads(p.read_text(encoding="utf-8")) if p.is_file() else {}
    entry = data.get("target", {}).get(kode_region, {})
    where = f'{p} [target."{kode_region}"]'
    targets = {}
    for year in entry:
        if not str(year).isdigit() or not 1900 <= int(year) <= 2100:
            raise ValueError(f"{where}: {year!r} is not a year")
        targets[int(year)] = _whole(entry, year, where, 0)
    return dict(sorted(targets.items()))


# --- the settings an admin may change ---------------------------------------------------------


@dataclass(frozen=True)
class Editable:
    """A whole-number setting the users page may change: where it lives (``file`` of
    config/, ``[section]``, ``key``), its default and the range a value must be in."""

    name: str
    file: str
    section: str
    key: str
    default: int
    min_value: int
    max_value: int


# Ranges that keep the server safe: a lock that still locks, a session that still ends, and
# suppression that cannot be turned off from the page (0 stays for the file alone).
EDITABLE: tuple[Editable, ...] = (
    Editable("auth.lock_after_failures", "auth.toml", "masuk", "gagal_maksimum", 5, 3, 20),
    Editable("auth.lock_minutes", "auth.toml", "masuk", "kunci_menit", 15, 1, 1440),
    Editable("auth.idle_minutes", "auth.toml", "sesi", "menit_diam", 30, 5, 480),
    Editable("privacy.suppress_below", "privacy.toml", "suppress", "suppress_below", SUPPRESS_BELOW, 3, 100),
)


class SettingError(ValueError):
    """A refused setting value; ``setting`` says which and its range."""

    def __init__(self, setting: Editable, value):
        super().__init__(
            f"{setting.file} [{setting.section}].{setting.key} must be a whole number from "
            f"{setting.min_value} to {setting.max_value}, not {value!r}"
        )
        self.setting = setting


def editable(name: str) -> Editable:
    """The :data:`EDITABLE` setting called ``name``."""
    found = [e for e in EDITABLE if e.name == name]
    if not found:
        raise KeyError(f"{name!r} is not a setting the users page may change")
    return found[0]


def current(setting: Editable, path) -> int:
    """The value of ``setting`` in the file ``path`` (its default when missing)."""
    p = Path(path)
    data = tomllib.loads(p.read_text(encoding="utf-8")) if p.is_file() else {}
    return data.get(setting.section, {}).get(setting.key, setting.default)


def _with_value(text: str, section: str, key: str, value: int) -> str:
    lines = text.splitlines(keepends=True)
    header = re.compile(r"^\s*\[" + re.escape(section) + r"\]\s*(#.*)?$")
    start = next((i for i, line in enumerate(lines) if header.match(line.rstrip("\n"))), None)
    if start is None:
        ending = "" if not text or text.endswith("\n") else "\n"
        return f"{text}{ending}\n[{section}]\n{key} = {value}\n"
    assignment = re.compile(r"^(\s*" + re.escape(key) + r"\s*=\s*)([^#\n]*?)(\s*(#.*)?)$")
    end = next((i for i in range(start + 1, len(lines)) if lines[i].lstrip().startswith("[")), len(lines))
    for i in range(start + 1, end):
        found = assignment.match(lines[i].rstrip("\n"))
        if found:
            newline = "\n" if lines[i].endswith("\n") else ""
            lines[i] = f"{found.group(1)}{value}{found.group(3)}{newline}"
            return "".join(lines)
    lines.insert(start + 1, f"{key} = {value}\n")
    return "".join(lines)


def write_whole(setting: Editable, value, path) -> int:
    """Set ``setting`` to ``value`` in the file ``path``, atomically, and return the old value.

    Raises
    ------
    SettingError
        When ``value`` is not a whole number within the setting's range (nothing is written).
    """
    if isinstance(value, bool) or not isinstance(value, int) or not setting.min_value <= value <= setting.max_value:
        raise SettingError(setting, value)
    p = Path(path)
    old = current(setting, p)
    text = p.read_text(encoding="utf-8") if p.is_file() else ""
    new = _with_value(text, setting.section, setting.key, value)
    if tomllib.loads(new).get(setting.section, {}).get(setting.key) != value:
        raise SettingError(setting, value)
    temporary = p.with_name(f".{p.name}.{os.getpid()}.tmp")
    temporary.write_text(new, encoding="utf-8")
    os.replace(temporary, p)
    return old
