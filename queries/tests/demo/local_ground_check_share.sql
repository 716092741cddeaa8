-- Read by tests/test_demo.py::test_ground_checks_by_local_enumerators.
-- Parameters: none.
-- Output: one row: share (0-1) of ground checks by an enumerator of the household's kecamatan.
select avg(case when substr(p.kode_kelurahan_asal, 1, 8) = substr(h.kode_kelurahan, 1, 8) then 1 else 0 end)
from verivali as v
inner join petugas as p using (id_petugas)
inner join dtks_keluarga as h using (id_dtks)
where v.tahap = 'ground_check'
