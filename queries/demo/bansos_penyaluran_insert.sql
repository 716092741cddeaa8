-- Insert a batch of the demo's bansos distributions, spelling out ids, keys and documents.
-- Parameters: $dokumen (list of the document codes, in the order of the bits of dokumen_mask).
-- Reads the frames registered by warehouse.demo.bansos: demo_distributions (tahap_index, seq,
-- hh, nilai_hak, nilai_diterima, tanggal_salur, kanal, penyalur, harga_dibayar, lolos_kualitas,
-- dokumen_mask), demo_tahap (i, kode_program, tahap), demo_keys (hh, id_dtks, nik_penerima,
-- kode_kelurahan), demo_penyalur (i, id_penyalur).
-- Output: none (writes bansos_penyaluran: id_penyaluran is program-tahap-seven-digit sequence;
-- dokumen holds the codes whose bit is set).
insert into bansos_penyaluran by name
select
    t.kode_program || '-' || t.tahap || '-' || lpad(cast(d.seq as varchar), 7, '0') as id_penyaluran,
    t.kode_program,
    t.tahap,
    k.id_dtks,
    k.nik_penerima,
    k.kode_kelurahan,
    d.nilai_hak,
    d.nilai_diterima,
    cast(d.tanggal_salur as date) as tanggal_salur,
    cast(d.kanal as varchar) as kanal,
    p.id_penyalur,
    d.harga_dibayar,
    d.lolos_kualitas,
    list_filter($dokumen, lambda x, i: (d.dokumen_mask >> (i - 1)) & 1 = 1) as dokumen
from demo_distributions as d
inner join demo_tahap as t on t.i = d.tahap_index
inner join demo_keys as k on k.hh = d.hh
inner join demo_penyalur as p on p.i = d.penyalur
-- Ordered by region within each batch: a row group holds few kelurahan.
order by k.kode_kelurahan, id_penyaluran
