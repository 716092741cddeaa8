from ui import stub

stub.render("nav.admin", "stub.admin", {"units_count": "count.units", "households_count": "count.households"})
