-- Upsert the loadable checked graduation rows into pkh_graduasi by KPM and year (a newer list
-- corrects the date or kind). A NIK the file leaves blank keeps the stored one.
-- Reads temp table import_checked (see import/graduasi_check.sql). No parameters.
-- Output: none (writes pkh_graduasi).
insert or replace into pkh_graduasi (id_dtks, tahun, tanggal_graduasi, jenis, kode_kelurahan, nik_penerima)
select c.id_dtks, c.tahun, c.tanggal_graduasi, c.jenis, c.kode_kelurahan, coalesce(c.nik_penerima, g.nik_penerima)
from import_checked as c
left join pkh_graduasi as g using (id_dtks, tahun)
where c.alasan is null
