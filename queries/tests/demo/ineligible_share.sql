-- Read by tests/test_demo.py::test_six_t_failures_have_a_pattern.
-- Parameters: none.
-- Output: one row: share (0-1) of distributions to inactive, desil 5+ or unmatched recipients.
select avg(case when h.status <> 'aktif' or h.desil > 4 or a.status_padan <> 'padan' then 1 else 0 end)
from bansos_penyaluran as d
inner join dtks_keluarga as h using (id_dtks)
inner join dtks_anggota as a on a.id_dtks = d.id_dtks and a.nik = d.nik_penerima
