-- Read by tests/test_agency_import.py (the amount macro against its Python twin).
-- Parameters: $v (an amount as the agency writes it).
-- Output: one row: parse_amount($v) (rupiah, null when it is no amount).
select parse_amount($v)
