-- Row counts of the tables the agency imports write, to tell new records from updated ones.
-- No parameters.
-- Output: one row: dtks_keluarga, dtks_anggota, verivali, pmks_kasus, bansos_penyaluran,
-- petugas, usulan, pkh_graduasi, pendataan_catatan (row counts).
select
    (select count(*) from dtks_keluarga) as dtks_keluarga,
    (select count(*) from dtks_anggota) as dtks_anggota,
    (select count(*) from verivali) as verivali,
    (select count(*) from pmks_kasus) as pmks_kasus,
    (select count(*) from bansos_penyaluran) as bansos_penyaluran,
    (select count(*) from petugas) as petugas,
    (select count(*) from usulan) as usulan,
    (select count(*) from pkh_graduasi) as pkh_graduasi,
    (select count(*) from pendataan_catatan) as pendataan_catatan
