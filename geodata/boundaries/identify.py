"""Which desa/kelurahan each row of a boundary file is: its Kemendagri code (from the code
column, or from its (kecamatan, name) in the code list), the region, the checks against the
code list, and the parent units the file names."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pandas as pd

from geodata import codes
from geodata.boundaries.columns import CODE_COLUMNS, bps_share, non_empty
from geodata.boundaries.model import BoundaryError, BoundaryReport, Columns
from geodata.codes import RejectedRow
from geodata.messages import Items, Message
from geodata.names import match_kelurahan_names, normalise_name


def registry_frame(registry: pd.DataFrame | None) -> pd.DataFrame:
    """The code list with its five columns (empty when none is given)."""
    columns = ["kode", "nama", "level", "kode_induk", "kode_bps"]
    if registry is None or registry.empty:
        return pd.DataFrame(columns=columns, dtype="object")
    return registry.reindex(columns=columns)


def identify_units(
    properties: pd.DataFrame, columns: Columns, region: str | None, registry: pd.DataFrame, report: BoundaryReport
) -> tuple[pd.DataFrame, Columns]:
    """Per row: ``row`` (1-based), ``kode`` (dotted or None), ``nama``, ``ok``, ``data``; and
    the columns, where a code column found to hold BPS codes becomes the BPS desa column."""
    source = report.source
    rows = pd.DataFrame({"row": np.arange(1, len(properties) + 1)}, index=properties.index)
    rows["data"] = [_plain_dict(r) for r in properties.to_dict("records")]
    rows["nama"] = properties[columns.name].map(clean_name) if columns.name else None
    rows["ok"] = True
    rows["kode"] = None
    if region is not None:
        wanted = codes.normalise_code(region)
        if wanted is None or wanted.count(".") > 2:
            raise BoundaryError("boundaries.error.region", source=source, region=str(region))
        region = wanted

    by_code = columns.code is not None
    if by_code and bps_share(properties[columns.code]) >= 0.5:
        example = non_empty(properties[columns.code]).iloc[0]
        if columns.name is None or not (registry["level"] == "kelurahan").any():
            raise BoundaryError(
                "boundaries.error.bps_codes", source=source, column=str(columns.code), example=str(example)
            )
        report.warnings.append(
            Message("boundaries.warning.bps_codes", source=source, column=str(columns.code), example=str(example))
        )
        by_code = False
        columns = replace(columns, desa_bps=columns.desa_bps or columns.code)

    if by_code:
        rows["kode"] = properties[columns.code].map(codes.normalise_code)
        for i in rows.index[rows["kode"].isna()]:
            problem = codes.code_problem(properties.at[i, columns.code])
            reject(rows, i, report, columns.code, Message("codes.reason.not_a_code", problem=problem))
        shallow = rows["ok"] & rows["kode"].map(lambda k: isinstance(k, str) and k.count(".") != 3)
        for i in rows.index[shallow]:
            kode = rows.at[i, "kode"]
            reject(
                rows,
                i,
                report,
                columns.code,
                Message("boundaries.reason.not_desa", kode=kode, level=codes.code_level(kode)),
            )
    else:
        _codes_from_names(rows, properties, columns, region, registry, report)

    if region is None:
        region = _common_region(rows.loc[rows["ok"], "kode"])
        if region is not None:
            report.detected.append(Message("boundaries.detected.region_shared", region=region))
    else:
        report.detected.append(Message("boundaries.detected.region_given", region=region))
    report.region = region
    outside = rows["ok"] & ~in_region(rows["kode"], region)
    hint = _bps_kabkota_hint(rows.loc[outside, "kode"], region, registry)
    for i in rows.index[outside]:
        reject(
            rows,
            i,
            report,
            columns.code,
            Message("boundaries.reason.outside_region", kode=rows.at[i, "kode"], region=region, hint=hint),
        )
    if outside.any():
        report.warnings.append(
            Message("boundaries.warning.outside_region", n=int(outside.sum()), region=region, hint=hint)
        )

    _check_against_registry(rows, columns, region, registry, report)
    return rows, columns


def in_region(kodes: pd.Series, region: str | None) -> np.ndarray:
    """Boolean mask of the codes within ``region`` (all of them when it is None)."""
    return np.array([isinstance(k, str) and codes.within_region(k, region) for k in kodes], dtype=bool)


def clean_name(value) -> str | None:
    """A name with its white space collapsed, None when blank or missing."""
    if value is None or (isinstance(value, float) and np.isnan(value)) or value is pd.NA:
        return None
    text = " ".join(str(value).split())
    return text or None


def _plain_dict(record: dict) -> dict:
    """Row values as JSON-ready Python scalars (NaN as None)."""
    plain = {}
    for key, value in record.items():
        if isinstance(value, np.generic):
            value = value.item()
        if isinstance(value, float) and np.isnan(value):
            value = None
        plain[str(key)] = value if isinstance(value, (str, int, float, bool, type(None))) else str(value)
    return plain


def reject(rows: pd.DataFrame, index, report: BoundaryReport, column: str | None, reason: Message) -> None:
    """Mark row ``index`` not loadable and quarantine it with ``reason``."""
    rows.at[index, "ok"] = False
    report.rejected.append(RejectedRow(int(rows.at[index, "row"]), column, reason, rows.at[index, "data"]))


def nothing_loadable(report: BoundaryReport) -> BoundaryError:
    """The error for a file with no loadable row, naming its first problem."""
    if not report.rejected:
        return BoundaryError("boundaries.error.nothing_loadable_unknown", source=report.source)
    first = report.rejected[0]
    return BoundaryError(
        "boundaries.error.nothing_loadable",
        source=report.source,
        where=where_in_file(first.row, first.column),
        reason=first.reason,
    )


def _common_region(kodes: pd.Series) -> str | None:
    """The deepest kab/kota or provinsi code that every code lies in, None if none."""
    prefixes = {k.rsplit(".", 2)[0] for k in kodes}
    if len(prefixes) == 1:
        return prefixes.pop()
    provinces = {k.split(".")[0] for k in kodes}
    return provinces.pop() if len(provinces) == 1 else None


def _bps_kabkota_hint(kodes: pd.Series, region: str | None, registry: pd.DataFrame) -> Message | str:
    """A note when codes outside the region start with the region's BPS kab/kota code."""
    if region is None or kodes.empty:
        return ""
    known = registry[(registry["level"] == "kabkota") & registry["kode_bps"].notna()]
    for kode, bps in zip(known["kode"], known["kode_bps"]):
        dotted = codes.normalise_code(bps)
        if (
            dotted
            and dotted != kode
            and codes.within_region(kode, region)
            and kodes.map(lambda k: k.startswith(dotted + ".")).any()
        ):
            return Message("boundaries.hint.bps_kabkota", bps=bps, kode=kode)
    return ""


def _codes_from_names(rows, properties, columns: Columns, region, registry, report) -> None:
    """Give rows the code of their (kecamatan, name) in the registry; reject the rest."""
    source = report.source
    if columns.name is None:
        raise BoundaryError("boundaries.error.no_columns", source=source, looked=", ".join(CODE_COLUMNS))
    listed = registry[in_region(registry["kode"], region)]
    if not (listed["level"] == "kelurahan").any():
        if region:
            raise BoundaryError("boundaries.error.no_code_list_region", source=source, region=region)
        raise BoundaryError("boundaries.error.no_code_list", source=source)
    kec = columns.kecamatan_name
    matched = match_kelurahan_names(
        pd.DataFrame({"kelurahan": rows["nama"], "kecamatan": properties[kec] if kec else None}),
        listed,
        kecamatan_column="kecamatan" if kec else None,
    )
    for i in rows.index:
        found = matched.at[i, "match"]
        if found == "matched":
            rows.at[i, "kode"] = matched.at[i, "kode"]
            continue
        failed = matched.at[i, "problem"]
        column = kec if failed == "kecamatan" else columns.name
        shown = properties.at[i, kec] if failed == "kecamatan" else rows.at[i, "nama"]
        candidates = matched.at[i, "candidates"]
        reason = Message(
            f"boundaries.reason.name_{found}",
            level=failed,
            name=str(shown),
            candidates=Items(tuple(candidates), sep="; ") if candidates else Message("boundaries.none_close"),
        )
        reject(rows, i, report, column, reason)
    count = int((matched["match"] == "matched").sum())
    report.detected.append(
        Message(
            "boundaries.detected.by_names" if kec else "boundaries.detected.by_names_no_kecamatan",
            matched=count,
            rows=len(rows),
        )
    )


def _check_against_registry(rows, columns: Columns, region, registry, report) -> None:
    """Warn about codes missing from the loaded code list and names that differ from it."""
    kelurahan = registry[(registry["level"] == "kelurahan").to_numpy() & in_region(registry["kode"], region)]
    if kelurahan.empty:
        report.detected.append(Message("boundaries.detected.no_code_list"))
        return
    listed = dict(zip(kelurahan["kode"], kelurahan["nama"]))
    by_name: dict[str, list[str]] = {}
    for kode, nama in listed.items():
        by_name.setdefault(normalise_name(nama), []).append(kode)
    for i in rows.index[rows["ok"]]:
        kode, nama = rows.at[i, "kode"], rows.at[i, "nama"]
        where = where_in_file(rows.at[i, "row"], columns.code)
        if kode not in listed:
            same_name = [k for k in by_name.get(normalise_name(nama), []) if k != kode]
            if same_name:
                report.warnings.append(
                    Message(
                        "boundaries.warning.unlisted_named",
                        where=where,
                        kode=kode,
                        nama=str(nama),
                        listed=Items(tuple(same_name)),
                    )
                )
            else:
                report.warnings.append(Message("boundaries.warning.unlisted", where=where, kode=kode, nama=str(nama)))
        elif nama and normalise_name(nama) != normalise_name(listed[kode]):
            report.warnings.append(
                Message("boundaries.warning.name_differs", where=where, kode=kode, nama=nama, listed=listed[kode])
            )


def where_in_file(row: int, column: str | None) -> Message:
    """'row 3' or 'row 3, column 'kode'' in the reader's language."""
    if column is None:
        return Message("boundaries.where.row", row=int(row))
    return Message("boundaries.where.row_column", row=int(row), column=str(column))


def check_jenis(rows, properties, columns: Columns, report) -> None:
    """Warn about rows whose jenis column contradicts the jenis their code gives."""
    said = properties[columns.jenis].astype("string").str.strip().str.casefold()
    for i in rows.index[rows["ok"]]:
        stated, kode = said.at[i], rows.at[i, "kode"]
        if stated in ("kelurahan", "desa") and stated != codes.code_jenis(kode):
            report.warnings.append(
                Message(
                    "boundaries.warning.jenis",
                    where=where_in_file(rows.at[i, "row"], columns.jenis),
                    stated=stated,
                    kode=kode,
                    jenis=codes.code_jenis(kode),
                    digit=kode.split(".")[3][0],
                )
            )


def parent_units(rows: pd.DataFrame, columns: Columns, properties: pd.DataFrame, report) -> pd.DataFrame:
    """The kecamatan, kab/kota and provinsi the file names, with the most common name of each."""
    found = []
    levels = (
        (3, columns.kecamatan_code, columns.kecamatan_name, None),
        (2, columns.kabkota_code, columns.kabkota_name, columns.kabkota_bps),
        (1, columns.provinsi_code, columns.provinsi_name, None),
    )
    for depth, code_col, name_col, bps_col in levels:
        if name_col is None:
            continue
        derived = rows["kode"].map(lambda k: ".".join(k.split(".")[:depth]))
        if code_col is not None:
            stated = properties.loc[rows.index, code_col].map(codes.normalise_code)
            differ = stated.notna() & (stated != derived)
            if differ.any():
                i = differ.idxmax()
                report.warnings.append(
                    Message(
                        "boundaries.warning.parent_differs",
                        where=where_in_file(rows.at[i, "row"], code_col),
                        stated=stated[i],
                        kode=rows.at[i, "kode"],
                        n=int(differ.sum()),
                    )
                )
        table = pd.DataFrame(
            {
                "kode": derived,
                "nama": properties.loc[rows.index, name_col].map(clean_name),
                "bps": properties.loc[rows.index, bps_col].map(lambda v: digits(v, 4)) if bps_col else None,
            }
        ).dropna(subset=["nama"])
        for kode, group in table.groupby("kode", sort=True):
            bps = group["bps"].dropna()
            found.append(
                (
                    kode,
                    group["nama"].mode().iloc[0],
                    codes.code_level(kode),
                    codes.code_jenis(kode),
                    codes.parent_code(kode),
                    bps.mode().iloc[0] if len(bps) else None,
                )
            )
    return pd.DataFrame(found, columns=["kode", "nama", "level", "jenis", "kode_induk", "kode_bps"], dtype="object")


def digits(value, length: int) -> str | None:
    """A BPS code of ``length`` digits as text (7109 or 7109.0 -> '7109'), or None."""
    if value is None or value is pd.NA or (isinstance(value, float) and not value.is_integer()):
        return None
    text = str(int(value)) if isinstance(value, float) else str(value).strip().replace(".", "")
    return text if len(text) == length and text.isdigit() else None
