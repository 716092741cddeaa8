-- shelter_stays(...): the shelter (UPT) stays of the PMKS cases of a region that overlap a
-- period, each with the shelter it counts for (no personal attribute of the case), the one
-- place pmks_shelter_daily and pmks_shelter_stay take their stays from.
-- Parameters: p_kode_region (kab/kota code, dotted), p_scope (the kelurahan codes the user may
--   see, a list, or null for no limit), p_kelurahan (one kelurahan code, or null for all),
--   p_kategori and p_sumber (lists of category and source codes, or null for all), p_dari and
--   p_sampai (dates, inclusive): stays admitted by p_sampai and not discharged before p_dari.
--   p_shelter_code and p_shelter_upt (parallel lists: area codes in order of preference,
--   longest first, and the 1-based number of the shelter each belongs to): a stay counts for
--   the first code that is its kelurahan's code or a prefix of it.
-- Output, one row per stay: upt (the shelter's number, 0 for stays no shelter takes),
--   masuk (admission date), keluar (discharge date, null while in the shelter).
create or replace macro shelter_stays(
    p_kode_region, p_scope, p_kelurahan, p_kategori, p_sumber, p_dari, p_sampai, p_shelter_code, p_shelter_upt
) as table
with stays as (
    select kode_kelurahan, tanggal_masuk_shelter as masuk, tanggal_keluar_shelter as keluar
    from pmks_kasus
    where starts_with(kode_kelurahan, p_kode_region || '.')
        and (p_scope is null or list_contains(p_scope, kode_kelurahan))
        and (p_kelurahan is null or kode_kelurahan = p_kelurahan)
        and tanggal_masuk_shelter is not null
        and (p_kategori is null or list_contains(p_kategori, kategori))
        and (p_sumber is null or list_contains(p_sumber, sumber))
        and tanggal_masuk_shelter <= cast(p_sampai as date)
        and (tanggal_keluar_shelter is null or tanggal_keluar_shelter >= cast(p_dari as date))
),

codes as (
    select
        unnest(cast(p_shelter_code as varchar[])) as code,
        unnest(cast(p_shelter_upt as integer[])) as upt,
        unnest(range(1, len(cast(p_shelter_code as varchar[])) + 1)) as preference
),

unit_upt as (
    select u.kode_kelurahan, min_by(c.upt, c.preference) as upt
    from (select distinct kode_kelurahan from stays) as u
    inner join codes as c on u.kode_kelurahan = c.code or starts_with(u.kode_kelurahan, c.code || '.')
    group by u.kode_kelurahan
),

final as (
    select coalesce(unit_upt.upt, 0) as upt, stays.masuk, stays.keluar
    from stays
    left join unit_upt on stays.kode_kelurahan = unit_upt.kode_kelurahan
)

select * from final
