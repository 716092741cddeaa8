-- Keep the region key of the verivali rows of the households just imported equal to their
-- household's (a household that moved takes its verification history along).
-- Reads temp table import_checked (id_dtks, alasan; see import/dtks_check.sql) and dtks_keluarga.
-- No parameters. Output: none (writes verivali.kode_kelurahan).
update verivali as v
set kode_kelurahan = k.kode_kelurahan
from dtks_keluarga as k
where k.id_dtks = v.id_dtks
    and v.kode_kelurahan is distinct from k.kode_kelurahan
    and k.id_dtks in (select id_dtks from import_checked where alasan is null)
