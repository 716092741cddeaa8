"""Match (kecamatan, kelurahan) names to Kemendagri codes, for files that carry names only.

SIKS-NG exports and many agency spreadsheets name the region instead of coding it, and write
the same place many ways: ``KEL. TANJUNG UNCANG``, ``Tanjunguncang``, ``Sei Beduk`` for
Sungai Beduk, ``Lowu II`` for Lowu Dua. Names are compared after :func:`normalise_name`; a
name matches only when exactly one unit of the code list has the same normalised name. Nothing
is guessed: names with no match or several get the closest candidates for a person to choose.
"""

from __future__ import annotations

import difflib
import re
import unicodedata

import pandas as pd

# Words that say what kind of unit follows, not which one.
_PREFIXES = frozenset({"kel", "kelurahan", "desa", "ds", "kec", "kecamatan"})
# Spellings that name the same thing; both sides of a comparison are rewritten the same way.
_SAME_WORD = {
    "sei": "sungai",
    "sg": "sungai",
    "tg": "tanjung",
    "tj": "tanjung",
    "kp": "kampung",
    "kpg": "kampung",
    "pl": "pulau",
    "satu": "1",
    "i": "1",
    "dua": "2",
    "ii": "2",
    "tiga": "3",
    "iii": "3",
    "empat": "4",
    "iv": "4",
    "lima": "5",
    "v": "5",
    "enam": "6",
    "vi": "6",
    "tujuh": "7",
    "vii": "7",
    "delapan": "8",
    "viii": "8",
    "sembilan": "9",
    "ix": "9",
    "sepuluh": "10",
    "x": "10",
}
_NOT_ALNUM = re.compile(r"[^0-9a-z]+")

MATCH_COLUMNS = ("kode_kecamatan", "kode", "match", "problem", "candidates")


def normalise_name(name: object) -> str:
    """A comparison key for a region name; empty for a missing name.

    Case, accents, punctuation and spacing are ignored (``Wua-Wua``, ``WUA WUA`` and
    ``Wuawua`` are the same), leading unit words (Kel., Kelurahan, Desa, Ds., Kec., Kecamatan,
    Kab., Kota) are dropped, common abbreviations are spelled out (Sei/Sg. = Sungai,
    Tg./Tj. = Tanjung, Kp. = Kampung, Pl. = Pulau) and Roman numerals and Indonesian number
    words become digits (``Lowu II`` = ``Lowu Dua`` = ``lowu2``).
    """
    if name is None or (isinstance(name, float) and name != name) or name is pd.NA:
        return ""
    text = unicodedata.normalize("NFKD", str(name))
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).casefold()
    words = _NOT_ALNUM.sub(" ", text).split()
    while len(words) > 1 and words[0] in _PREFIXES:
        words = words[1:]
    return "".join(_SAME_WORD.get(w, w) for w in words)


def match_kelurahan_names(
    records: pd.DataFrame,
    registry: pd.DataFrame,
    kelurahan_column: str = "kelurahan",
    kecamatan_column: str | None = "kecamatan",
    candidates_count: int = 3,
) -> pd.DataFrame:
    """The Kemendagri code of each record's (kecamatan, kelurahan) names.

    Parameters
    ----------
    records : pandas.DataFrame
        One row per record, with the name columns below (any other columns are ignored).
    registry : pandas.DataFrame
        The code list of the region: ``kode`` (dotted), ``nama``, ``level`` (``kecamatan`` or
        ``kelurahan``; other levels are ignored) and ``kode_induk`` (the kecamatan code of each
        kelurahan/desa).
    kelurahan_column : str
        Column of ``records`` with the desa/kelurahan name.
    kecamatan_column : str or None
        Column with the kecamatan name; None to match kelurahan names across the whole
        registry (fine for a small region, more ambiguous in a large one).
    candidates_count : int
        How many closest names to list for an unmatched or ambiguous record.

    Returns
    -------
    pandas.DataFrame
        Indexed like ``records``, with columns

        - ``kode_kecamatan``: the matched kecamatan code, NA when it did not match or several
          kecamatan share the name (the kelurahan can still match: then it is set from it);
        - ``kode``: the matched desa/kelurahan code, NA unless ``match == "matched"``;
        - ``match``: ``matched``, ``unmatched``, ``ambiguous`` (several units share the
          normalised name) or ``missing`` (a blank name);
        - ``problem``: ``kecamatan`` or ``kelurahan``: which name failed (NA when matched);
        - ``candidates``: for a failure, the closest names as ``"Nama (kode)"`` strings,
          closest first (a list, empty when nothing is close); an empty list when matched.

    An empty ``records`` gives an empty frame with these columns. Work is done once per
    distinct pair of names, so a register of many thousand rows costs little more than its
    distinct names.
    """
    kecamatan = registry[registry["level"] == "kecamatan"]
    kelurahan = registry[registry["level"] == "kelurahan"]
    kec_keys = _keyed(kecamatan)
    kel_keys = _keyed(kelurahan)
    kel_by_parent = {parent: _keyed(group) for parent, group in kelurahan.groupby("kode_induk")}

    kel_names = records[kelurahan_column]
    kec_names = records[kecamatan_column] if kecamatan_column else pd.Series(None, index=records.index)
    pairs = pd.DataFrame({"kec": kec_names.astype("object"), "kel": kel_names.astype("object")})
    pairs = pairs.where(pairs.notna(), None)
    distinct = pairs.drop_duplicates()
    results = {
        (kec, kel): _match_one(
            kec, kel, kecamatan_column is not None, kec_keys, kel_keys, kel_by_parent, candidates_count
        )
        for kec, kel in distinct.itertuples(index=False)
    }
    rows = [results[(kec, kel)] for kec, kel in pairs.itertuples(index=False)]
    out = pd.DataFrame(rows, index=records.index, columns=list(MATCH_COLUMNS))
    for col in ("kode_kecamatan", "kode", "problem"):
        out[col] = out[col].astype("string")
    return out


def _keyed(units: pd.DataFrame) -> dict[str, list[tuple[str, str]]]:
    """Normalised name -> [(kode, nama), ...] of ``units``."""
    keyed: dict[str, list[tuple[str, str]]] = {}
    for kode, nama in zip(units["kode"], units["nama"]):
        keyed.setdefault(normalise_name(nama), []).append((kode, nama))
    return keyed


def _closest(key: str, keyed: dict[str, list[tuple[str, str]]], count: int) -> list[str]:
    keys = difflib.get_close_matches(key, list(keyed), n=count, cutoff=0.6)
    return [f"{nama} ({kode})" for k in keys for kode, nama in keyed[k]][:count]


def _match_one(kec, kel, by_kecamatan, kec_keys, kel_keys, kel_by_parent, count) -> tuple:
    kel_key = normalise_name(kel)
    if by_kecamatan:
        kec_key = normalise_name(kec)
        if not kec_key:
            return (None, None, "missing", "kecamatan", [])
        kec_units = kec_keys.get(kec_key, [])
        if not kec_units:
            return (None, None, "unmatched", "kecamatan", _closest(kec_key, kec_keys, count))
        # Several kecamatan of a province may share a name; their kelurahan together decide.
        scope: dict[str, list[tuple[str, str]]] = {}
        for kode_kec, _ in kec_units:
            for key, units in kel_by_parent.get(kode_kec, {}).items():
                scope.setdefault(key, []).extend(units)
        kode_kec = kec_units[0][0] if len(kec_units) == 1 else None
    else:
        scope, kode_kec = kel_keys, None
    if not kel_key:
        return (kode_kec, None, "missing", "kelurahan", [])
    found = scope.get(kel_key, [])
    if len(found) == 1:
        kode = found[0][0]
        return (kode.rsplit(".", 1)[0], kode, "matched", None, [])
    if found:
        return (kode_kec, None, "ambiguous", "kelurahan", [f"{nama} ({kode})" for kode, nama in found])
    return (kode_kec, None, "unmatched", "kelurahan", _closest(kel_key, scope, count))
