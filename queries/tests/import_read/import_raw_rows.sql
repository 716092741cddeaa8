-- Read by tests/test_import_read.py::test_csv_reader_returns_what_the_writer_wrote.
-- Parameters: none.
-- Output: every row of import_raw by nomor_baris.
select * from import_raw order by nomor_baris
