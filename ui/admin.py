"""The admin page's parts: stage an upload, preview its column mapping, run an import in one
transaction of the warehouse (``db.atomic_update``: the pages let the file go meanwhile), and show the result report with its Excel
download; the same for official boundaries and the Kemendagri code list.

An upload is written to disk and parsed once (not on every rerun of the page), within the size
limit of ``config/import.toml``; it is deleted, and the upload widget cleared, when its import
ends, whatever the outcome.

The functions that do the work (:func:`stage`, :func:`preview`, :func:`run_agency_import`,
:func:`report_table`, :func:`report_xlsx`, :func:`run_official_import`) take plain values, so
they are tested without a browser upload; the ``*_section`` functions draw the widgets.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
import streamlit as st
from duckdb import OutOfMemoryException

from geodata.boundaries import BoundaryError
from geodata.codes import CodeListError
from geodata.messages import error_text
from ui import auth, data, tables
from ui.i18n import current_language, fmt_int, t
from ui.safe import md
from warehouse import db, users
from warehouse.imports import agency as ai
from warehouse.imports import boundaries as wb
from warehouse.imports.kinds import KINDS, MappingError
from warehouse.imports.read import ImportFileError
from warehouse.progress import Progress, silent

AGENCY_KINDS: tuple[str, ...] = tuple(KINDS)
UPLOAD_TYPES = ["csv", "txt", "xlsx", "parquet"]
BOUNDARY_TYPES = ["geojson", "json", "zip", "gpkg", "parquet"]
_UPLOAD_ROOT = Path(tempfile.gettempdir()) / "peta_kesos_uploads"
UPLOAD_KEEP_SECONDS = 2 * 3600
IMPORT_ERRORS = (ImportFileError, MappingError, BoundaryError, CodeListError, RuntimeError, OutOfMemoryException)
"""Failures shown to the user as a message (the warehouse is left as it was)."""


def discard(path: Path | None) -> None:
    """Delete a staged upload (its private folder) now that its import has ended."""
    if path is not None:
        shutil.rmtree(path.parent, ignore_errors=True)


def stage(name: str, content: bytes) -> Path:
    """Write an uploaded file to a private temporary folder, keyed by its content, and return
    its path (the original file name is kept: formats are told by it).

    Uploads hold personal data: folders older than :data:`UPLOAD_KEEP_SECONDS` are deleted.
    """
    cutoff = time.time() - UPLOAD_KEEP_SECONDS
    for old in _UPLOAD_ROOT.glob("*"):
        if old.is_dir() and old.stat().st_mtime < cutoff:
            shutil.rmtree(old, ignore_errors=True)
    folder = _UPLOAD_ROOT / hashlib.sha256(content).hexdigest()[:24]
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    path = folder / (Path(name).name or "upload")
    if not path.exists():
        path.write_bytes(content)
    # A file still in use (each rerun stages it again) is not old.
    os.utime(folder)
    return path


@dataclass
class Preview:
    """What an upload would import: ``table`` (file header, warehouse column, masked example
    value), the required columns it lacks, or the error that stops it."""

    table: pd.DataFrame = field(default_factory=pd.DataFrame)
    missing: list[str] = field(default_factory=list)
    resembling: list[str] = field(default_factory=list)
    rows: int = 0
    format: str = ""
    error: str | None = None


def preview(
    kind: str, path: Path, source_name: str, sheet: str | None = None, mapping_path: Path | None = None
) -> Preview:
    """Read the file and detect its column mapping without touching the warehouse."""
    try:
        raw, mapping = ai.preview(kind, path, sheet=sheet, mapping_file=mapping_path, source_name=source_name)
    except (ImportFileError, MappingError) as exc:
        return Preview(error=str(exc))
    first = raw.sample.to_pylist()
    rows = []
    for header, column in mapping.preview_rows():
        value = next((r[header].strip() for r in first if (r.get(header) or "").strip()), None)
        key = column if column not in ("", "-") else header
        masked = ai.mask_values({key: value})[key]
        label = {"": t("admin.ignored"), "-": t("admin.not_stored")}.get(column, column)
        if column == "" and header in mapping.closest:
            label = t("admin.ignored_closest", closest=mapping.closest[header])
        shown = ai.mask_long_numbers(header)  # a file without a header row has data there
        rows.append({t("admin.col.header"): shown, t("admin.col.column"): label, t("admin.col.example"): masked})
    fmt = raw.format + (f", {raw.delimiter!r}, {raw.encoding}" if raw.format == "csv" else "")
    fmt += f", {raw.sheet}" if raw.sheet else ""
    return Preview(
        table=pd.DataFrame(rows),
        missing=[" / ".join(g) for g in mapping.missing],
        resembling=[f"{h} ({mapping.closest[h]})" for h in mapping.resembling],
        rows=raw.rows_read,
        format=fmt,
    )


def run_agency_import(
    kind: str,
    path: Path,
    source_name: str,
    sheet: str | None = None,
    mapping_path: Path | None = None,
    dry_run: bool = False,
    allow_unmapped: bool = False,
    progress: Progress = silent,
) -> ai.ImportResult:
    """Import an agency file into the served warehouse through ``db.atomic_update``, the audit row in its transaction."""
    found = auth.session()
    with db.atomic_update(data.warehouse_file()) as con:
        result = ai.import_file(
            con,
            kind,
            path,
            sheet=sheet,
            mapping_file=mapping_path,
            dry_run=dry_run,
            source_name=source_name,
            allow_unmapped=allow_unmapped,
            settings=ai.load_settings(),
            progress=progress,
            # An operator imports only the rows of their own desa/kelurahan; the rest is quarantined.
            scope_kelurahan=found.scope_kelurahan if found else None,
            # In the import's own transaction: the audit row lands with the data, or neither does.
            before_commit=lambda c, r: users.record_import(
                c,
                found.user if found else "-",
                kind,
                source_name,
                r.rows_read,
                r.rows_loaded,
                r.rows_quarantined,
                users.utcnow(),
            ),
        )
        if not result.changed:
            raise db.Unchanged
    return result


def run_official_import(
    kind: str, path: Path, source_name: str, region: str | None = None, progress: Progress = silent
):
    """Import official boundaries (``boundaries``) or the code list (``wilayah``) into the served
    warehouse; returns warehouse.imports.boundaries' BoundaryImport or WilayahImport."""
    with db.atomic_update(data.warehouse_file()) as con:
        if kind == "boundaries":
            return wb.import_boundaries(con, path, region=region, source_name=source_name, progress=progress)
        return wb.import_wilayah(con, path, region=region, source_name=source_name, progress=progress)


def reason_labels() -> dict[str, str]:
    """Reason code -> its text in the session's language."""
    return {code: t(f"admin.reason.{code}") for code in ai.REASONS}


def finding_labels() -> dict[str, str]:
    """Finding code -> its text in the session's language."""
    return {code: t(f"admin.finding.{code}") for code in ai.FINDINGS}


def findings_table(result: ai.ImportResult) -> pd.DataFrame:
    """The quality findings of the loaded rows: finding, column (file header), rows, first rows."""
    labels = finding_labels()
    findings = result.findings
    return pd.DataFrame(
        {
            t("admin.col.finding"): [labels.get(f, f) for f in findings["temuan"]],
            t("admin.col.column"): [h or k for h, k in zip(findings["header"], findings["kolom"])],
            t("admin.col.rows"): findings["rows_count"].to_numpy(),
            t("admin.col.row_list"): [", ".join(map(str, r)) for r in findings["rows"]],
        }
    )


def report_table(result: ai.ImportResult) -> pd.DataFrame:
    """The quarantine by reason, for display: reason, column (file header), rows, first row and
    the masked examples as text."""
    labels = reason_labels()
    return pd.DataFrame(
        {
            t("admin.col.reason"): [labels.get(a, a) for a in result.report["alasan"]],
            t("admin.col.column"): [h or k or "" for h, k in zip(result.report["header"], result.report["kolom"])],
            t("admin.col.rows"): result.report["rows_count"].to_numpy(),
            t("admin.col.first_row"): list(result.report["first_row"]),
            t("admin.col.examples"): [
                "; ".join(_example_text(e) for e in examples) for examples in result.report["examples"]
            ],
        }
    )


def _example_text(example: dict) -> str:
    values = ", ".join(f"{k}={v}" for k, v in example.items() if k != "nomor_baris" and v is not None)
    return f"{t('admin.row', n=example['nomor_baris'])}: {values}"


def report_xlsx(result: ai.ImportResult) -> bytes:
    """The result report as an Excel workbook, reasons in the session's language."""
    return ai.report_excel(
        result, reason_labels(), (t("admin.sheet.summary"), t("admin.sheet.examples")), finding_labels()
    )


def names_table(result: ai.ImportResult) -> pd.DataFrame:
    """Region names that did not match, with the closest names of the code list."""
    names = result.names
    return pd.DataFrame(
        {
            t("admin.col.kecamatan"): names["kecamatan"],
            t("admin.col.kelurahan"): names["kelurahan"],
            t("admin.col.match"): names["match"],
            t("admin.col.rows"): names["rows_count"].to_numpy(),
            t("admin.col.candidates"): [", ".join(c) for c in names["candidates"]],
        }
    )


def history_table() -> pd.DataFrame:
    """The latest imports (queries/import_log_recent.sql) with translated headers; empty
    before the first import has created the warehouse."""
    if not data.warehouse_file().exists():
        return pd.DataFrame()
    log = data.query("import_log_recent")
    # An import's number is a name, not a quantity: no thousands separator.
    return log.assign(id_impor=log["id_impor"].astype(str)).rename(
        columns={
            "id_impor": t("admin.col.id"),
            "jenis": t("admin.col.kind"),
            "nama_file": t("admin.col.file"),
            "waktu": t("admin.col.time"),
            "baris_dibaca": t("admin.metric.read"),
            "baris_dimuat": t("admin.metric.loaded"),
            "baris_karantina": t("admin.metric.quarantined"),
            "catatan": t("admin.col.note"),
        }
    )


# --- widgets -------------------------------------------------------------------------------


def _progress_bar() -> Progress:
    bar = st.progress(0.0, text=t("admin.running", pct=0))

    def update(label: str, fraction: float) -> None:
        fraction = min(max(fraction, 0.0), 1.0)
        bar.progress(fraction, text=t("admin.running", pct=int(round(fraction * 100))))

    return update


def _upload_key() -> str:
    return f"admin_file_{st.session_state.get('admin_upload_round', 0)}"


def too_large(upload, limit_mb: int) -> bool:
    """Whether an upload is over the size limit (megabytes) of config/import.toml."""
    return upload.size > limit_mb * 1_000_000


def staged_upload(state, upload, mapping_upload, kind: str, sheet: str | None) -> dict:
    """The staged upload and its preview, kept in ``state`` (the session state): staged and
    parsed once per file, kind, sheet and mapping file, not on every rerun. A new file replaces
    (and deletes) the previous one."""
    ident = (upload.file_id, kind, sheet, mapping_upload.file_id if mapping_upload is not None else None)
    staged = state.get("admin_staged")
    if staged is None or staged["ident"] != ident:
        if staged is not None:
            end_upload(state, staged, clear_widget=False)
        path = stage(upload.name, upload.getvalue())
        mapping_path = stage(mapping_upload.name, mapping_upload.getvalue()) if mapping_upload is not None else None
        staged = {
            "ident": ident,
            "path": path,
            "mapping_path": mapping_path,
            "name": upload.name,
            "preview": preview(kind, path, upload.name, sheet, mapping_path),
        }
        state["admin_staged"] = staged
    return staged


def end_upload(state, staged: dict, clear_widget: bool = True) -> None:
    """Delete a staged upload and forget it; ``clear_widget`` also empties the upload widget (an
    ended import lets go of its file: a new key gives a new, empty widget)."""
    discard(staged["path"])
    discard(staged["mapping_path"])
    state.pop("admin_staged", None)
    if clear_widget:
        state["admin_upload_round"] = state.get("admin_upload_round", 0) + 1


def agency_section() -> None:
    """Kind, upload, mapping preview, start button, progress bar and result."""
    settings = ai.load_settings()
    # Labels as options rather than a format_func: the label depends on the session's language.
    labels = [t(f"admin.kind.{k}") for k in AGENCY_KINDS]
    kind = AGENCY_KINDS[labels.index(st.selectbox(t("admin.kind"), labels, key="admin_kind"))]
    upload = st.file_uploader(t("admin.file"), type=UPLOAD_TYPES, key=_upload_key())
    c1, c2 = st.columns(2)
    sheet = c1.text_input(t("admin.sheet"), key="admin_sheet").strip() or None
    mapping_upload = c2.file_uploader(t("admin.mapping"), type=["yaml", "yml"], key="admin_mapping")
    st.caption(t("admin.headers_doc"))
    signed_in = auth.session()
    if signed_in is not None and signed_in.scope_kelurahan is not None:
        st.info(t("admin.scope_note", count=fmt_int(len(signed_in.scope_kelurahan))))
    if upload is None and "admin_staged" in st.session_state:
        # The user removed the file: it goes from the disk too.
        end_upload(st.session_state, st.session_state["admin_staged"], clear_widget=False)
    if "admin_error" in st.session_state:
        st.error(t("admin.error", message=st.session_state.pop("admin_error")))
    if upload is not None and too_large(upload, settings.upload_max_mb):
        st.error(
            t("admin.too_large", size=fmt_int(round(upload.size / 1_000_000)), limit=fmt_int(settings.upload_max_mb))
        )
    elif upload is not None:
        staged = staged_upload(st.session_state, upload, mapping_upload, kind, sheet)
        found = staged["preview"]
        if found.error:
            st.error(found.error)
        else:
            st.subheader(t("admin.preview"))
            st.caption(t("admin.preview_caption", rows=fmt_int(found.rows), format=found.format))
            tables.show_table(found.table)
            if found.missing:
                st.error(t("admin.missing", columns=", ".join(found.missing)))
            allow_unmapped = False
            if found.resembling:
                st.warning(t("admin.resembling", headers=md(", ".join(found.resembling))))
                allow_unmapped = st.checkbox(t("admin.allow_unmapped"), key="admin_allow_unmapped")
            dry_run = st.checkbox(t("admin.dry_run"), key="admin_dry_run")
            blocked = bool(found.missing) or (bool(found.resembling) and not allow_unmapped)
            if st.button(t("admin.start"), type="primary", disabled=blocked, key="admin_start"):
                try:
                    st.session_state["admin_result"] = run_agency_import(
                        kind,
                        staged["path"],
                        staged["name"],
                        sheet,
                        staged["mapping_path"],
                        dry_run,
                        allow_unmapped,
                        progress=_progress_bar(),
                    )
                except IMPORT_ERRORS as exc:
                    st.session_state.pop("admin_result", None)
                    st.session_state["admin_error"] = str(exc)
                finally:
                    end_upload(st.session_state, staged)
                st.rerun()
    result = st.session_state.get("admin_result")
    if result is not None:
        show_result(result)


def show_result(result: ai.ImportResult) -> None:
    """Counts, the report by reason with its Excel download, the unmatched region names."""
    if result.already:
        a = result.already
        st.info(t("admin.already", id=a["id_impor"], file=a["nama_file"], time=f"{a['waktu']:%Y-%m-%d %H:%M}"))
        return
    st.subheader(t("admin.result_dry") if result.dry_run else t("admin.result"))
    c1, c2, c3 = st.columns(3)
    c1.metric(t("admin.metric.read"), fmt_int(result.rows_read))
    c2.metric(t("admin.metric.loaded"), fmt_int(result.rows_loaded))
    c3.metric(t("admin.metric.quarantined"), fmt_int(result.rows_quarantined))
    if result.added:
        st.caption(t("admin.added", tables=", ".join(f"{k} {fmt_int(v)}" for k, v in result.added.items())))
    for code, detail in result.warnings:
        st.warning(t(f"admin.warning.{code}", detail=detail))
    if result.ignored:
        listed = [f"{h} ({c})" if c else h for h, c in result.ignored]
        st.info(t("admin.ignored_list", headers=md(", ".join(listed))))
    if result.report.empty:
        st.success(t("admin.all_loaded"))
    else:
        st.markdown(f"**{t('admin.report')}**")
        tables.show_table(report_table(result))
    if not result.findings.empty:
        st.markdown(f"**{t('admin.findings')}**")
        tables.show_table(findings_table(result))
    if not result.names.empty:
        st.markdown(f"**{t('admin.names')}**")
        tables.show_table(names_table(result))
    st.download_button(
        t("admin.download"),
        report_xlsx(result),
        file_name=f"laporan_impor_{result.kind}.xlsx",
        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        key="admin_download",
    )


def official_section() -> None:
    """Uploads of official boundaries and of the Kemendagri code list (warehouse.imports.boundaries)."""
    region = st.text_input(t("admin.official.region"), key="admin_region").strip() or None
    for kind, label, types in (
        ("wilayah", "admin.official.wilayah", ["csv"]),
        ("boundaries", "admin.official.boundaries", BOUNDARY_TYPES),
    ):
        upload = st.file_uploader(t(label), type=types, key=f"admin_{kind}_file")
        if upload is not None and st.button(t(f"admin.official.start_{kind}"), key=f"admin_{kind}_start"):
            path = stage(upload.name, upload.getvalue())
            try:
                outcome = run_official_import(kind, path, upload.name, region, progress=_progress_bar())
            except IMPORT_ERRORS as exc:
                st.error(t("admin.error", message=error_text(exc, current_language())))
                continue
            finally:
                discard(path)
            st.session_state[f"admin_{kind}_result"] = outcome
        outcome = st.session_state.get(f"admin_{kind}_result")
        if outcome is not None:
            read, quarantined, id_impor = official_counts(outcome)
            st.success(
                t(
                    "admin.official.done",
                    read=fmt_int(read),
                    loaded=fmt_int(read - quarantined),
                    quarantined=fmt_int(quarantined),
                    id=id_impor,
                )
            )
            with st.expander(t("admin.official.report")):
                st.code("\n".join(outcome.lines(current_language())), language=None)


def official_counts(outcome) -> tuple[int, int, int]:
    """(rows read, rows quarantined, import id) of a BoundaryImport or WilayahImport."""
    if isinstance(outcome, wb.BoundaryImport):
        return outcome.report.rows_read, len(outcome.report.rejected), outcome.id_impor
    return outcome.rows_read, len(outcome.rejected), outcome.id_impor


def history_section() -> None:
    log = history_table()
    if log.empty:
        st.info(t("admin.history.empty"))
    else:
        tables.show_table(log)
