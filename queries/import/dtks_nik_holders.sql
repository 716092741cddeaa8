-- The warehouse's members holding a NIK of the staged rows of a DTKS file, read once: a NIK may
-- be active in a household anywhere in the country, so no region key narrows this lookup, and
-- the check (nik_other_household, dtks_check.sql) and the kelurahan the import touches
-- (dtks_touched.sql, before and after the load) read it from here instead of the NIK column.
-- Reads temp table import_raw (nik as text) and the macro clean_number. No parameters.
-- Output: temp table import_nik_holders, one row per member holding such a NIK: nik, id_dtks,
--   status (the member's, as stored before the load).
create or replace temp table import_nik_holders as
select a.nik, a.id_dtks, a.status
from dtks_anggota as a
where a.nik in (select clean_number(nik) from import_raw)
