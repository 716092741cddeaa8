-- Read by tests/test_agency_import.py (the date macro against its Python twin).
-- Parameters: $v (a date as the agency writes it).
-- Output: one row: parse_date($v) as text (null when it is no date).
select parse_date($v)::varchar
