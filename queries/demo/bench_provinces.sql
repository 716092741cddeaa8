-- The provinces and, per province, its first kab/kota with households (bench/bench_national.py
-- times the coverage of every unit province by province, and of one kab/kota).
-- No parameters.
-- Output: kode (province code), kabkota (a kab/kota code of it with households, the lowest).
select substr(kode_kelurahan, 1, 2) as kode, min(substr(kode_kelurahan, 1, 5)) as kabkota
from dtks_keluarga
group by 1
order by 1
