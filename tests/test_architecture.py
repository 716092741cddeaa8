"""The rules of the house (docs/architecture.md), read from the code's own imports and strings:
no module imports from a floor above its own, pages reach the data only through ui/ and
reports/, and no module, test or bench holds SQL text (it lives in queries/)."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

# Top (0) to bottom. A module may import from its own floor and the floors below it.
FLOORS: tuple[tuple[str, ...], ...] = (
    ("app", "warehouse.__main__"),
    ("app_pages",),
    ("ui",),
    ("reports", "warehouse.imports", "warehouse.demo", "warehouse.users"),
    ("analytics", "geodata"),
    ("domain",),
    ("queries", "warehouse.db", "warehouse.progress", "warehouse"),
)
PACKAGES = ("app_pages", "ui", "reports", "warehouse", "analytics", "geodata", "domain", "queries")
# What a page may import of the project: the widgets' helpers and the reports, and the code lists.
PAGE_IMPORTS = ("ui", "reports", "domain")
# Statements, not words: a keyword followed by what makes it SQL.
SQL = re.compile(
    r"\b(select\s+.+\s+from|insert\s+into|create\s+(or\s+replace\s+)?(table|view|macro|index|sequence)|"
    r"delete\s+from|update\s+\w+\s+set|alter\s+table|drop\s+table|with\s+\w+\s+as\s*\()\b",
    re.IGNORECASE | re.DOTALL,
)


def product_files() -> list[Path]:
    files = [ROOT / "app.py"]
    for package in PACKAGES:
        files += sorted((ROOT / package).rglob("*.py"))
    return files


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def floor_of(module: str) -> int | None:
    """The floor of a project module: the longest matching prefix wins (warehouse.demo is
    above warehouse)."""
    best, best_len = None, -1
    for level, prefixes in enumerate(FLOORS):
        for prefix in prefixes:
            if (module == prefix or module.startswith(prefix + ".")) and len(prefix) > best_len:
                best, best_len = level, len(prefix)
    return best


def imported_modules(path: Path) -> list[tuple[int, str]]:
    """(line, module) of every project import in ``path``; ``from pkg import mod`` names
    ``pkg.mod`` so that a submodule's floor is found."""
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found += [(node.lineno, f"{node.module}.{alias.name}") for alias in node.names]
    return [(line, name) for line, name in found if name.split(".")[0] in (*PACKAGES, "app")]


def test_the_floors_cover_every_product_module():
    assert [module_name(p) for p in product_files() if floor_of(module_name(p)) is None] == []


@pytest.mark.parametrize("path", product_files(), ids=lambda p: str(p.relative_to(ROOT)))
def test_no_import_from_a_floor_above(path):
    own = floor_of(module_name(path))
    upward = [f"line {line}: {name}" for line, name in imported_modules(path) if (floor_of(name) or 0) < own]
    assert upward == []


@pytest.mark.parametrize("path", sorted((ROOT / "app_pages").glob("*.py")), ids=lambda p: p.name)
def test_pages_reach_the_data_only_through_ui_and_reports(path):
    other = [f"line {line}: {name}" for line, name in imported_modules(path) if name.split(".")[0] not in PAGE_IMPORTS]
    assert other == []


def sql_strings(path: Path) -> list[str]:
    """Every string literal of ``path`` that holds a SQL statement, docstrings left out (prose
    may name a statement; it is not run)."""
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    docstrings = {
        id(n.body[0].value)
        for n in ast.walk(tree)
        if isinstance(n, ast.Module | ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef)
        and n.body
        and isinstance(n.body[0], ast.Expr)
        and isinstance(n.body[0].value, ast.Constant)
    }
    return [
        f"line {node.lineno}: {node.value[:60]!r}"
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant)
        and isinstance(node.value, str)
        and id(node) not in docstrings
        and SQL.search(node.value)
    ]


@pytest.mark.parametrize("path", product_files(), ids=lambda p: str(p.relative_to(ROOT)))
def test_no_sql_text_in_python(path):
    assert sql_strings(path) == []


# This file's own strings are the samples that prove the check finds SQL.
SQL_SAMPLES = Path(__file__).resolve()
# Tests whose SQL text is the input under test, not a statement they run: a layer name that is
# a statement (refused by geodata), an error message that must not reach the page (ui.errors).
SQL_AS_INPUT = {
    "tests/test_boundaries.py": 2,
    "tests/test_ui_errors.py": 1,
}


def files_of_tests_and_benches() -> list[Path]:
    return [
        p for p in sorted((ROOT / "tests").rglob("*.py")) + sorted((ROOT / "bench").rglob("*.py")) if p != SQL_SAMPLES
    ]


@pytest.mark.parametrize("path", files_of_tests_and_benches(), ids=lambda p: str(p.relative_to(ROOT)))
def test_no_sql_text_in_tests_and_benches(path):
    found = sql_strings(path)
    # A test's SQL input is counted, so that a statement run beside it is still found.
    assert len(found) == SQL_AS_INPUT.get(path.relative_to(ROOT).as_posix(), 0), found


def test_the_checks_see_what_they_look_for():
    # The checks above pass vacuously if they never match: prove each finds its target.
    assert SQL.search("select kode from wilayah where level = $level")
    assert SQL.search("INSERT INTO impor_log values (1)")
    assert floor_of("warehouse.demo.people") < floor_of("warehouse.db")
    assert floor_of("app_pages.overview") < floor_of("ui.maps") < floor_of("reports.coverage")
    assert floor_of("reports.coverage") < floor_of("analytics.coverage") < floor_of("domain.codes")
    assert "ui.sidebar" in [name for _, name in imported_modules(ROOT / "app.py")]


def test_the_sql_check_reads_the_tests_and_the_benches():
    files = [p.relative_to(ROOT).as_posix() for p in files_of_tests_and_benches()]
    assert {"tests/conftest.py", "tests/seed.py", "tests/test_demo.py", "bench/common.py"} <= set(files)
    assert set(SQL_AS_INPUT) <= set(files)


def test_sql_is_found_in_a_module_that_has_it(tmp_path):
    module = tmp_path / "m.py"
    module.write_text('"""select a from b (prose)."""\nQ = "select kode from wilayah"\n')
    assert sql_strings(module) == ["line 2: 'select kode from wilayah'"]
