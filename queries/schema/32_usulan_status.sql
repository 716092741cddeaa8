-- usulan_status(p_kode_region, p_siklus, p_scope := null): every musyawarah proposal of a region
-- and cycle with the stage it has reached, the one place the stage rule is written
-- (usulan_units.sql counts them, the demo and the import follow the same rule).
-- Parameters: the region (kab/kota code, dotted), the verivali cycle (null: every cycle), the
-- kelurahan/desa the user may see (bind `p_scope := $scope_kelurahan`, null: no limit).
-- Rule: the stage the file reports (usulan.tahap, with tanggal_keputusan) wins, without one the
-- stage follows the household's verivali steps in the same cycle on or after the berita acara:
--   diinput: an entri_siksng step, diverifikasi: a cek_dinsos or ground_check step,
--   masuk ditetapkan: BPS ranked the household (a desil step), masuk ditolak: the ground check
--     found it tidak_ditemukan or duplikat,
--   keluar ditetapkan: the ground check found it pindah, meninggal or duplikat, or BPS ranked
--     it above desil 4 (out of the bansos target), keluar ditolak: ranked in desil 1-4 (stays),
--   the first decision counts, and a proposal without id_dtks or steps stays diusulkan.
-- A proposal is ganda when an earlier one (by berita acara date, then id_usulan) of the same
-- cycle proposes the same subject (the person's NIK, else the household: id_dtks, no_kk) the
-- same way.
-- Output, one row per proposal: id_usulan, siklus, kode_kelurahan, sasaran, arah, alasan,
--   id_dtks, tanggal_musyawarah (date, null: no berita acara date), tahap (diusulkan, diinput,
--   diverifikasi, ditetapkan, ditolak), tahap_sumber ('berkas': the file's stage, 'verivali':
--   followed, 'tidak_ada': diusulkan with nothing after it), tanggal_keputusan (date of
--   ditetapkan/ditolak), keputusan_hari (days from the berita acara to the decision, null when
--   either is missing), ganda (boolean).
create or replace macro usulan_status(p_kode_region, p_siklus, p_scope := null) as table
with proposals as (
    select
        u.*,
        coalesce(case when u.sasaran = 'individu' then u.nik end, u.id_dtks, u.no_kk, u.nik) as subjek
    from usulan as u
    where starts_with(u.kode_kelurahan, p_kode_region || '.')
        and (p_siklus is null or u.siklus = p_siklus)
        and (p_scope is null or list_contains(p_scope, u.kode_kelurahan))
),

steps as (
    select
        p.id_usulan,
        min(v.tanggal) filter (where v.tahap = 'entri_siksng') as entri_on,
        min(v.tanggal) filter (where v.tahap in ('cek_dinsos', 'ground_check')) as verified_on,
        min(v.tanggal) filter (where
            (p.arah = 'masuk' and v.tahap = 'desil')
            or (p.arah = 'keluar' and ((v.tahap = 'ground_check' and v.hasil in ('pindah', 'meninggal', 'duplikat'))
                or (v.tahap = 'desil' and v.desil > 4)))
        ) as accepted_on,
        min(v.tanggal) filter (where
            (p.arah = 'masuk' and v.tahap = 'ground_check' and v.hasil in ('tidak_ditemukan', 'duplikat'))
            or (p.arah = 'keluar' and v.tahap = 'desil' and v.desil <= 4)
        ) as rejected_on
    from proposals as p
    inner join verivali as v
        on v.id_dtks = p.id_dtks and v.siklus = p.siklus
        and v.tanggal >= coalesce(p.tanggal_musyawarah, date '1900-01-01')
    group by p.id_usulan
),

followed as (
    select
        p.*,
        case
            when s.accepted_on is not null and (s.rejected_on is null or s.accepted_on <= s.rejected_on)
                then 'ditetapkan'
            when s.rejected_on is not null then 'ditolak'
            when s.verified_on is not null then 'diverifikasi'
            when s.entri_on is not null then 'diinput'
        end as tahap_verivali,
        least(s.accepted_on, s.rejected_on) as decided_on
    from proposals as p
    left join steps as s using (id_usulan)
),

final as (
    select
        id_usulan,
        siklus,
        kode_kelurahan,
        sasaran,
        arah,
        alasan,
        id_dtks,
        tanggal_musyawarah,
        coalesce(tahap, tahap_verivali, 'diusulkan') as tahap,
        case
            when tahap is not null then if(tahap in ('ditetapkan', 'ditolak'), tanggal_keputusan, null)
            else decided_on
        end as tanggal_keputusan,
        case when tahap is not null then 'berkas' when tahap_verivali is not null then 'verivali' else 'tidak_ada' end
            as tahap_sumber,
        row_number() over (
            partition by siklus, arah, subjek order by tanggal_musyawarah nulls last, id_usulan
        ) > 1 as ganda
    from followed
)

select
    * exclude (tanggal_keputusan, ganda),
    tanggal_keputusan,
    date_diff('day', tanggal_musyawarah, tanggal_keputusan) as keputusan_hari,
    ganda
from final;
