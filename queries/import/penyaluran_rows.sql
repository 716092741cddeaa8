-- Upsert the loadable checked distributions into bansos_penyaluran by id_penyaluran (a newer
-- report of the same distribution replaces it). A value the file leaves blank keeps the stored one.
-- Reads temp table import_checked (see import/penyaluran_check.sql). No parameters.
-- Output: none (writes bansos_penyaluran).
insert or replace into bansos_penyaluran (id_penyaluran, kode_program, tahap, id_dtks, nik_penerima,
    kode_kelurahan, nilai_hak, nilai_diterima, tanggal_salur, kanal, id_penyalur, harga_dibayar,
    lolos_kualitas, dokumen)
select
    c.id_penyaluran,
    c.kode_program,
    c.tahap,
    c.id_dtks,
    c.nik_penerima,
    c.kode_kelurahan,
    c.nilai_hak,
    c.nilai_diterima,
    c.tanggal_salur,
    c.kanal,
    coalesce(c.id_penyalur, b.id_penyalur),
    coalesce(c.harga_dibayar, b.harga_dibayar),
    coalesce(c.lolos_kualitas, b.lolos_kualitas),
    c.dokumen
from import_checked as c
left join bansos_penyaluran as b using (id_penyaluran)
where c.alasan is null
