"""Enumerator allocation: where the field enumerators should work so that the region's
ground-check backlog is done soonest, and when it will be done (docs/architecture.md,
"Metrics").

One module per thing measured: :mod:`~analytics.allocation.productivity` (households per
enumerator per working day), :mod:`analytics.calendar` (working days and dates),
:mod:`~analytics.allocation.solver` (the makespan optimisation), :mod:`~analytics.allocation.plan`
(the static plan: who goes where, with finish dates), :mod:`~analytics.allocation.rolling`
(the rolling plan: enumerators move on when a kelurahan is done) and :mod:`~analytics.allocation.geography` (island kelurahan,
map classes). The names callers use are re-exported here.
"""

from analytics.allocation.geography import ISLAND_GAP_M, count_classes, island_units
from analytics.allocation.plan import (
    TRAVEL_DAYS_PER_WEEK,
    WORK_DAYS_PER_WEEK,
    Constraints,
    Plan,
    build_plan,
    enumerators_needed_by,
    planning_units,
)
from analytics.allocation.productivity import (
    PRIOR_DAYS,
    enumerator_productivity,
    regional_productivity,
    staff_productivity,
)
from analytics.allocation.rolling import (
    MIN_POSTING_DAYS,
    RollingPlan,
    Schedule,
    build_rolling_plan,
    lower_bound_days,
    rolling_schedule,
    upper_bound_days,
)
from analytics.allocation.solver import (
    InfeasiblePlan,
    allocate,
    enumerators_needed,
    greedy_allocation,
    makespan_days,
    unit_days,
)
from analytics.calendar import finish_date, working_days_until

__all__ = [
    "ISLAND_GAP_M",
    "MIN_POSTING_DAYS",
    "PRIOR_DAYS",
    "TRAVEL_DAYS_PER_WEEK",
    "WORK_DAYS_PER_WEEK",
    "Constraints",
    "InfeasiblePlan",
    "Plan",
    "RollingPlan",
    "Schedule",
    "allocate",
    "build_plan",
    "build_rolling_plan",
    "count_classes",
    "enumerator_productivity",
    "enumerators_needed",
    "enumerators_needed_by",
    "finish_date",
    "greedy_allocation",
    "island_units",
    "lower_bound_days",
    "makespan_days",
    "planning_units",
    "regional_productivity",
    "rolling_schedule",
    "staff_productivity",
    "unit_days",
    "upper_bound_days",
    "working_days_until",
]
