-- Insert the bansos distributions of the synthetic country's households of a run of units: every
-- tahap of PKH (flag_pkh) and BPNT (flag_bpnt) that starts on or after $dari and ends by the
-- data date, paid in full (3 % short), on a day inside the tahap's window; ordered by
-- kode_kelurahan.
-- Reads dtks_keluarga (the synthetic households: id_dtks starting with 'N'), dtks_anggota (the
-- head's NIK: member 01), bansos_program, bansos_tahap.
-- Parameters: $seed (integer), $kode_dari, $kode_sampai (the first and last
--   desa/kelurahan code of a run of units, warehouse.demo.national.chunks),
--   $dari (date: the first tahap start), $tanggal_data (date: the data date).
-- Output: none (writes bansos_penyaluran: id_penyaluran is programme-tahap-id_dtks; amounts in
-- rupiah).
insert into bansos_penyaluran by name
with households as (
    select k.id_dtks, k.kode_kelurahan, k.flag_pkh, k.flag_bpnt, a.nik as nik_penerima
    from dtks_keluarga as k
    inner join dtks_anggota as a on a.id_anggota = k.id_dtks || '-01'
    where k.id_dtks like 'N%' and k.kode_kelurahan between $kode_dari and $kode_sampai and (k.flag_pkh or k.flag_bpnt)
        and a.kode_kelurahan between $kode_dari and $kode_sampai
),
tahap as (
    select t.*, p.jenis, p.dokumen_wajib
    from bansos_tahap as t
    inner join bansos_program as p using (kode_program)
    where t.tanggal_mulai >= $dari and t.tanggal_selesai <= $tanggal_data and t.kode_program in ('PKH', 'BPNT')
),
paid as (
    select h.*, t.*, hash($seed, h.id_dtks, t.kode_program, t.tahap) as d
    from households as h
    inner join tahap as t
        on (t.kode_program = 'PKH' and h.flag_pkh) or (t.kode_program = 'BPNT' and h.flag_bpnt)
),
final as (
    select
        kode_program || '-' || tahap || '-' || id_dtks as id_penyaluran,
        kode_program,
        tahap,
        id_dtks,
        nik_penerima,
        kode_kelurahan,
        nilai_per_kpm as nilai_hak,
        case when d % 100 < 3 then nilai_per_kpm * 9 // 10 else nilai_per_kpm end as nilai_diterima,
        tanggal_mulai + cast(d // 100 % (datediff('day', tanggal_mulai, tanggal_selesai) + 1) as integer)
            as tanggal_salur,
        case when kode_program = 'BPNT' then 'e_warong' when d // 10000 % 2 = 0 then 'pos' else 'bank' end as kanal,
        'NAS-' || replace(substr(kode_kelurahan, 1, 5), '.', '') as id_penyalur,
        case when jenis = 'barang' then harga_acuan end as harga_dibayar,
        case when jenis = 'barang' then d // 1000000 % 100 < 95 end as lolos_kualitas,
        dokumen_wajib as dokumen
    from paid
)
select * from final
order by kode_kelurahan, id_penyaluran
