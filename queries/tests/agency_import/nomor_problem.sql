-- Read by tests/test_agency_import.py (the NIK/KK check macro against its Python twin).
-- Parameters: $v (the number as text), $w (true when the person is a woman).
-- Output: one row: nomor_problem($v, $w), the reason code or null.
select nomor_problem($v, $w)
