from ui import stub

stub.render("nav.six_t", "stub.six_t", {"distributions_count": "count.distributions", "units_count": "count.units"})
