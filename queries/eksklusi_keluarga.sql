-- The households of a region excluded from every programme's latest closed tahap (eligible,
-- desil 1-4, for at least one programme and paid by none, rules: the macro eksklusi_keluarga,
-- counted in the analytics table eksklusi_rumah_tangga), for the auditor's follow-up list.
-- Personal data leaves here unmasked: reports.eksklusi masks it before anything else sees it.
-- Parameters: $kode_region (kab/kota code, dotted), $scope_kelurahan (varchar[] of the
--   kelurahan codes the user may see, null: no limit), $kode_kelurahan (one kelurahan, null: all).
-- Output, one row per excluded household, ordered by kelurahan code then id_dtks:
--   kode_kelurahan, kelurahan, kecamatan, id_dtks, no_kk, nik (the head's: the active
--   kepala_keluarga, else the first active member by id_anggota), nama (the same member's),
--   rt, rw, desil (the lowest in force when the programmes' tahap began), programmes (text:
--   the programmes it was eligible for, comma-separated).
with
excluded as materialized (
    select
        id_dtks,
        any_value(kode_kelurahan) as kode_kelurahan,
        min(desil) filter (where eligible) as desil,
        string_agg(kode_program, ', ' order by kode_program) filter (where eligible) as programmes
    from eksklusi_rumah_tangga
    where starts_with(kode_kelurahan, $kode_region || '.')
        and ($scope_kelurahan is null or list_contains($scope_kelurahan, kode_kelurahan))
        and ($kode_kelurahan is null or kode_kelurahan = $kode_kelurahan)
    group by id_dtks
    having bool_or(eligible) and not bool_or(paid)
),

heads as (
    select
        a.id_dtks,
        first(a.nik order by a.hubungan = 'kepala_keluarga' desc, a.id_anggota) as nik,
        first(a.nama order by a.hubungan = 'kepala_keluarga' desc, a.id_anggota) as nama
    from dtks_anggota as a
    semi join excluded as e on e.id_dtks = a.id_dtks
    where a.status = 'aktif'
    group by a.id_dtks
),

final as (
    select
        e.kode_kelurahan,
        u.nama as kelurahan,
        u.kecamatan,
        e.id_dtks,
        k.no_kk,
        h.nik,
        h.nama,
        k.rt,
        k.rw,
        e.desil,
        e.programmes
    from excluded as e
    inner join region_kelurahan($kode_region, p_scope := $scope_kelurahan) as u on u.kode = e.kode_kelurahan
    inner join dtks_keluarga as k on k.id_dtks = e.id_dtks and k.kode_kelurahan = e.kode_kelurahan
    left join heads as h on h.id_dtks = e.id_dtks
)

select * from final
order by kode_kelurahan, id_dtks
