-- Read by bench/bench_targeting.py::module.
-- Parameters: $copies.
-- Output: none (adds $copies - 1 copies of every pendataan record, ids suffixed -n).
insert into pendataan_catatan
select kode_kampanye, id_catatan || '-' || n, id_petugas, nama_petugas, peran, kode_kelurahan, tanggal, kategori
from pendataan_catatan, range(1, $copies) as r(n)
