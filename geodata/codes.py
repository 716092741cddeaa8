"""Kemendagri region codes: parse, normalise, and tell them from BPS codes.

A Kemendagri code has up to four dotted segments of 2, 2, 2 and 4 digits: provinsi ``21``,
kab/kota ``21.71``, kecamatan ``21.71.06``, desa/kelurahan ``21.71.06.1002``. Files also write
it undotted (``2171061002``), or as a number that a spreadsheet turned into ``2171061002.0``;
all of these are the same unit and are stored dotted. The 4th segment starts with 1 for a
kelurahan and 2 for a desa; a kab/kota whose 2nd segment starts with 7 is a kota.

BPS codes have the same length at desa level (10 digits) but split them 2-2-3-3
(``7109010001``: kecamatan ``010``, desa ``001``), so read as Kemendagri their 4th segment
starts with 0. They differ from Kemendagri below kab/kota level and, in a few provinces, at
kab/kota level too (Minahasa Tenggara: Kemendagri ``71.07``, BPS ``7109``).
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field

import pandas as pd

from geodata.messages import Items, Message, MessageError

SEGMENT_WIDTHS = (2, 2, 2, 4)
LEVELS = ("provinsi", "kabkota", "kecamatan", "kelurahan")

_UNDOTTED_LENGTHS = {2: 1, 4: 2, 6: 3, 10: 4}
# A 10-digit code that went through a float column and came back as text.
_FLOAT_TEXT = re.compile(r"^(\d{10})\.0+$")


def code_problem(value: object) -> Message | None:
    """Why ``value`` is not a Kemendagri code, or None when it is one.

    Parameters
    ----------
    value : str, int or float
        A code as read from a file: dotted or undotted, possibly a number.

    Returns
    -------
    Message or None
        A short reason (empty value, wrong segment widths, not digits, a 4th segment that
        does not start with 1 or 2, ...), None for a valid code of any level.
    """
    text = _as_text(value)
    if text is None:
        return Message("codes.problem.empty")
    segments = _segments(text)
    if segments is None:
        return Message("codes.problem.shape", value=text)
    if int(segments[0]) < 11:
        return Message("codes.problem.province", value=text, province=segments[0])
    if any(int(s) == 0 for s in segments[1:]):
        return Message("codes.problem.zeros", value=text)
    if len(segments) == 4 and segments[3][0] not in "12":
        return Message("codes.problem.fourth_segment", value=text)
    return None


def normalise_code(value: object) -> str | None:
    """The dotted Kemendagri code of ``value``, or None when it is not one.

    ``21.71.06.1002``, ``2171061002``, ``2171061002.0`` and the integer 2171061002 all give
    ``"21.71.06.1002"``; ``"2171"`` gives ``"21.71"``. Surrounding spaces are ignored. Empty
    values (None, NaN, blank) give None; see :func:`code_problem` for why a value is rejected.
    """
    if code_problem(value) is not None:
        return None
    return ".".join(_segments(_as_text(value)))


def code_level(code: str) -> str:
    """``provinsi``, ``kabkota``, ``kecamatan`` or ``kelurahan`` for a dotted code."""
    return LEVELS[code.count(".")]


def parent_code(code: str) -> str | None:
    """The dotted code one level up (``21.71.06.1002`` -> ``21.71.06``); None for a province."""
    return code.rsplit(".", 1)[0] if "." in code else None


def ancestor_codes(code: str) -> list[str]:
    """Every code above ``code``, province first (``21.71.06.1002`` -> 21, 21.71, 21.71.06)."""
    segments = code.split(".")
    return [".".join(segments[:i]) for i in range(1, len(segments))]


def code_jenis(code: str) -> str:
    """The kind of unit a dotted code names.

    ``provinsi``; ``kota`` or ``kabupaten`` (2nd segment from 71 up is a kota); ``kecamatan``;
    ``kelurahan`` or ``desa`` (4th segment starting with 1 or 2).
    """
    segments = code.split(".")
    if len(segments) == 1:
        return "provinsi"
    if len(segments) == 2:
        return "kota" if segments[1].startswith("7") else "kabupaten"
    if len(segments) == 3:
        return "kecamatan"
    return "kelurahan" if segments[3].startswith("1") else "desa"


def within_region(code: str, region: str | None) -> bool:
    """True when ``code`` is ``region`` or lies below it (by whole segments); any code when
    ``region`` is None."""
    return region is None or code == region or code.startswith(region + ".")


def looks_like_bps_desa(value: object) -> bool:
    """True when ``value`` has the shape of a BPS desa code rather than a Kemendagri one.

    Ten digits whose 7th digit (the first of a Kemendagri 4th segment) is neither 1 nor 2.
    BPS kecamatan codes mostly end in 0 (``010``, ``020``), so most BPS desa codes show this;
    a few (kecamatan ``011``) look like valid Kemendagri codes, which is why callers judge a
    whole column, not one value.
    """
    text = _as_text(value)
    if text is None:
        return False
    digits = text.replace(".", "")
    return len(digits) == 10 and digits.isdigit() and digits[6] not in "12"


def _as_text(value: object) -> str | None:
    if value is None:
        return None
    if isinstance(value, float):
        if math.isnan(value):
            return None
        if value.is_integer():
            value = int(value)
    text = str(value).strip()
    if not text or text.lower() in ("nan", "none", "<na>"):
        return None
    match = _FLOAT_TEXT.match(text)
    return match.group(1) if match else text


def _segments(text: str) -> list[str] | None:
    if "." in text:
        segments = text.split(".")
        if len(segments) > 4 or any(len(s) != w or not s.isdigit() for s, w in zip(segments, SEGMENT_WIDTHS)):
            return None
        return segments
    if not text.isdigit() or len(text) not in _UNDOTTED_LENGTHS:
        return None
    bounds = (0, 2, 4, 6, 10)[: _UNDOTTED_LENGTHS[len(text)] + 1]
    return [text[a:b] for a, b in zip(bounds, bounds[1:])]


@dataclass(frozen=True)
class RejectedRow:
    """A row of an input file that was not loaded.

    ``row`` is the 1-based data row (feature) in the file; ``column`` the column at fault, None
    when the fault is the row as a whole (its geometry, say); ``data`` the row's values (no
    geometry), for the quarantine table; ``reason`` is rendered in the reader's language.
    """

    row: int
    column: str | None
    reason: Message
    data: dict = field(default_factory=dict, compare=False)


class CodeListError(MessageError):
    """A code list that cannot be imported; the message names the file and the column
    (``str()`` in English, ``.message`` in any language)."""


# Level names code lists use for the four levels.
_LEVEL_WORDS = {
    "provinsi": "provinsi",
    "kabkota": "kabkota",
    "kabupaten": "kabkota",
    "kota": "kabkota",
    "kab/kota": "kabkota",
    "kecamatan": "kecamatan",
    "kelurahan": "kelurahan",
    "desa": "kelurahan",
    "desa-kelurahan": "kelurahan",
    "desa/kelurahan": "kelurahan",
}
CODE_LIST_COLUMNS = ("kode", "nama", "level", "jenis", "kode_induk", "kode_bps")


@dataclass
class CodeList:
    """A code list read by :func:`code_list_units`.

    ``units`` has columns ``row`` (1-based data row), ``kode`` (dotted), ``nama``, ``level``,
    ``jenis``, ``kode_induk`` and ``kode_bps`` (BPS kab/kota code, NA elsewhere); ``rejected``
    the rows not loaded, ``warnings`` messages (:class:`geodata.messages.Message`), ``skipped_count`` the rows outside
    the region.
    """

    units: pd.DataFrame
    rejected: list[RejectedRow]
    warnings: list[Message]
    skipped_count: int


def code_list_units(frame, region: str | None = None, source: str = "code list") -> CodeList:
    """The units of a Kemendagri code list, checked against their codes.

    Parameters
    ----------
    frame : pandas.DataFrame
        One row per unit, read as text: ``kode`` and ``nama`` required; ``level``
        (provinsi, kabkota/kabupaten/kota, kecamatan, kelurahan/desa/desa-kelurahan),
        ``jenis``, ``kode_induk`` and ``kode_bps_kabkota`` or ``kode_bps`` optional (as in
        ``wilayah_4_regions.csv``). Other columns are ignored.
    region : str, optional
        Keep only this unit, the units below it and the units above it (its kab/kota and
        provinsi rows); None keeps every row.
    source : str
        File name for messages.

    Returns
    -------
    CodeList
        Level, jenis and parent always come from the code (a stated value that disagrees is
        a warning); a malformed code, a blank name or a repeated code rejects the row.

    Raises
    ------
    CodeListError
        ``kode`` or ``nama`` missing, ``region`` not a code, or no row left to load.
    """
    lookup = {str(c).strip().casefold(): c for c in frame.columns}
    missing = [c for c in ("kode", "nama") if c not in lookup]
    if missing:
        raise CodeListError(
            "codes.error.no_column" if len(missing) == 1 else "codes.error.no_columns",
            source=source,
            missing=missing[0],
            columns=Items(tuple(map(str, frame.columns))),
        )
    if region is not None:
        wanted = normalise_code(region)
        if wanted is None:
            raise CodeListError("codes.error.region", source=source, region=str(region), problem=code_problem(region))
        region = wanted
    keep_above = set(ancestor_codes(region)) if region else set()
    bps_column = next((c for c in ("kode_bps_kabkota", "kode_bps") if c in lookup), None)

    units, rejected, warnings = [], [], []
    first_row: dict[str, int] = {}
    skipped = 0
    for number, record in enumerate(frame.to_dict("records"), start=1):
        data = {str(k): (None if v is None or v != v else str(v)) for k, v in record.items()}

        def value(column: str) -> str:
            """The row's text in ``column``, blank when empty or not in the list."""
            return (data.get(str(lookup[column])) or "").strip() if column in lookup else ""

        kode = normalise_code(value("kode"))
        if kode is None:
            rejected.append(
                RejectedRow(
                    number,
                    lookup["kode"],
                    Message("codes.reason.not_a_code", problem=code_problem(value("kode"))),
                    data,
                )
            )
            continue
        if not (within_region(kode, region) or kode in keep_above):
            skipped += 1
            continue
        nama = " ".join(value("nama").split())
        if not nama:
            rejected.append(RejectedRow(number, lookup["nama"], Message("codes.reason.blank_name", kode=kode), data))
            continue
        if kode in first_row:
            rejected.append(
                RejectedRow(
                    number, lookup["kode"], Message("codes.reason.repeated", kode=kode, row=first_row[kode]), data
                )
            )
            continue
        first_row[kode] = number
        level, jenis, induk = code_level(kode), code_jenis(kode), parent_code(kode)
        for column, stated, derived in (
            ("level", _LEVEL_WORDS.get(value("level").casefold(), value("level")), level),
            ("jenis", value("jenis").casefold(), jenis),
            ("kode_induk", normalise_code(value("kode_induk")) or value("kode_induk"), induk),
        ):
            if stated and stated != derived:
                warnings.append(
                    Message(
                        "codes.warning.stated_differs",
                        row=number,
                        column=column,
                        stated=stated,
                        kode=kode,
                        derived=derived,
                    )
                )
        units.append((number, kode, nama, level, jenis, induk, value(bps_column) or None if bps_column else None))
    if not units:
        first = rejected[0] if rejected else None
        raise CodeListError(
            "codes.error.no_rows",
            source=source,
            region_note=Message("codes.error.region_note", region=region, n=skipped) if region else "",
            problem=Message("codes.error.first_problem", row=first.row, column=str(first.column), reason=first.reason)
            if first
            else "",
        )
    table = pd.DataFrame(units, columns=["row", *CODE_LIST_COLUMNS]).astype({"kode_bps": "object"})
    return CodeList(units=table, rejected=rejected, warnings=warnings, skipped_count=skipped)
