-- Read by tests/test_demo.py::test_six_t_failures_have_a_pattern.
-- Parameters: $i.
-- Output: one row per side (true: kecamatan in $i): share (0-1) of distributions after their tahap's end.
select substr(d.kode_kelurahan, 1, 8) in $i, avg(case when d.tanggal_salur > t.tanggal_selesai then 1 else 0 end)
from bansos_penyaluran as d inner join bansos_tahap as t using (kode_program, tahap) group by 1
