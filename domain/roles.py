"""Roles and what each may do: one table, checked on the server at every page run and download.

A permission names one thing a user may open or take away. Pages ask for one permission each
(``app.py``); downloads and row-level lists inside a page ask for theirs (``ui.auth.require``,
``ui.auth.allowed``). Hiding a menu item is never the check.
"""

from __future__ import annotations

from types import MappingProxyType

# What each permission lets a user do.
AGGREGATES = "aggregates"  # the aggregate pages: overview, kelurahan, 6T rates, PMKS
AGGREGATES_DOWNLOAD = "aggregates.download"  # the aggregate tables and maps as files
PLANNER = "planner"  # the enumerator planner page
PLANNER_WORKBOOK = "planner.workbook"  # the planner's workbook download
SIX_T_DRILLDOWN = "six_t.drilldown"  # the 6T row-level list of failing distributions (masked)
SIX_T_WORKING_PAPER = "six_t.working_paper"  # the field sample and working paper download
QUALITY_ROWS = "quality.rows"  # the data-quality findings per member or household (masked)
EKSKLUSI_ROWS = "eksklusi.rows"  # the follow-up list of households excluded from bansos (masked)
IMPORT = "import"  # the import page
SERVER_DETAILS = "server_details"  # the warehouse path and server details on the import page
ACCOUNTS = "accounts"  # the users page: accounts and settings
AUDIT = "audit"  # the audit log and its download

PERMISSIONS: tuple[str, ...] = (
    AGGREGATES,
    AGGREGATES_DOWNLOAD,
    PLANNER,
    PLANNER_WORKBOOK,
    SIX_T_DRILLDOWN,
    SIX_T_WORKING_PAPER,
    QUALITY_ROWS,
    EKSKLUSI_ROWS,
    IMPORT,
    SERVER_DETAILS,
    ACCOUNTS,
    AUDIT,
)

# The one table (issue 13): kepala every aggregate page and export, no row-level list;
# perencana aggregates, the planner and its workbook; auditor aggregates, the 6T drill-down and
# working paper (and, as the one role that reads masked rows, the quality findings and the
# follow-up list of excluded households); operator
# the import page and aggregates (for their scope); admin users, settings, the audit log and
# imports.
ROLE_PERMISSIONS: MappingProxyType[str, frozenset[str]] = MappingProxyType(
    {
        "kepala": frozenset({AGGREGATES, AGGREGATES_DOWNLOAD}),
        "perencana": frozenset({AGGREGATES, PLANNER, PLANNER_WORKBOOK}),
        "auditor": frozenset({AGGREGATES, SIX_T_DRILLDOWN, SIX_T_WORKING_PAPER, QUALITY_ROWS, EKSKLUSI_ROWS}),
        "operator": frozenset({AGGREGATES, IMPORT}),
        "admin": frozenset({ACCOUNTS, AUDIT, IMPORT, SERVER_DETAILS}),
    }
)
ROLES: tuple[str, ...] = tuple(ROLE_PERMISSIONS)
ADMIN = "admin"


def permissions(role: str) -> frozenset[str]:
    """The permissions of ``role``; an unknown role has none."""
    return ROLE_PERMISSIONS.get(role, frozenset())


def may(role: str, permission: str) -> bool:
    """Whether ``role`` has ``permission``. An unknown permission is a programming error."""
    if permission not in PERMISSIONS:
        raise KeyError(f"unknown permission {permission!r}; the permissions are in domain/roles.py")
    return permission in permissions(role)
