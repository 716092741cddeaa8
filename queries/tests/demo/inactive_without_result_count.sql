-- Read by tests/test_demo.py::test_ground_checks_by_local_enumerators.
-- Parameters: none.
-- Output: one row: inactive households whose status no verivali result explains.
select count(*) from dtks_keluarga as h
where h.status <> 'aktif' and not exists (
    select 1 from verivali as v where v.id_dtks = h.id_dtks and v.hasil = h.status)
