-- Keep the region key of the members of the households just imported equal to their
-- household's: a household that moved takes all its members along, those the file did not list
-- included.
-- Reads temp table import_checked (id_dtks, alasan; see import/dtks_check.sql) and dtks_keluarga.
-- No parameters. Output: none (writes dtks_anggota.kode_kelurahan).
update dtks_anggota as a
set kode_kelurahan = k.kode_kelurahan
from dtks_keluarga as k
where k.id_dtks = a.id_dtks
    and a.kode_kelurahan is distinct from k.kode_kelurahan
    and k.id_dtks in (select id_dtks from import_checked where alasan is null)
