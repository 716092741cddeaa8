-- Read by tests/test_graduasi.py::test_a_graduation_list_import_refreshes_what_a_full_refresh_would:
-- a copy of one row of pkh_keluar_kpm in a kelurahan no import touches (00.00.00.0000), which an
-- incremental refresh keeps and a full one drops.
-- Parameters: none.
-- Output: none (writes pkh_keluar_kpm).
insert into pkh_keluar_kpm
select * replace ('00.00.00.0000' as kode_kelurahan)
from pkh_keluar_kpm
order by id_dtks
limit 1
