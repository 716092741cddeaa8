"""Reports: what the pages and `python -m warehouse export` show, read through queries/ and computed by analytics/."""
