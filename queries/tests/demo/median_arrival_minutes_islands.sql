-- Read by tests/test_demo.py::test_pmks_cases_are_plausible.
-- Parameters: $i (kecamatan codes).
-- Output: one row: the median minutes from report to arrival over the cases of the kecamatan in $i.
select median(date_diff('second', waktu_lapor, waktu_tiba) / 60.0) from pmks_kasus where substr(kode_kelurahan, 1, 8) in $i
