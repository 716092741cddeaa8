-- Read by tests/test_demo.py::test_cases_cluster_in_the_centre.
-- Parameters: none.
-- Output: one row per side (true: the three central kecamatan): cases per km2.
select substr(w.kode, 1, 8) in ('21.71.02', '21.71.06', '21.71.09'), count(c.id_kasus) / sum(distinct w.luas_km2)
from wilayah as w left join pmks_kasus as c on c.kode_kelurahan = w.kode
where w.level = 'kelurahan' group by 1
