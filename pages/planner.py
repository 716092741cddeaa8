from ui import stub

stub.render(
    "nav.planner",
    "stub.planner",
    {"enumerators_count": "count.enumerators", "units_count": "count.units"},
)
