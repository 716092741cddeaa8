from ui import stub

stub.render("nav.pmks", "stub.pmks", {"cases_count": "count.cases", "units_count": "count.units"})
