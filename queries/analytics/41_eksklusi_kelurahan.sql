-- Analytics table eksklusi_kelurahan: the exclusion and inclusion errors of bansos targeting
-- per kelurahan, for each programme's latest closed tahap and for every programme together,
-- counted from eksklusi_rumah_tangga (40_eksklusi_rumah_tangga.sql, rules: the macro
-- eksklusi_keluarga). Built at write time, the pages and exports read it through
-- eksklusi_units.sql.
-- Incremental (warehouse.db.refresh_analytics): the macro eksklusi_kelurahan_rows(p_kelurahan)
-- gives the rows of the listed kelurahan (null: all), the table is built from it.
-- Parameters of the macro: p_kelurahan (list of kelurahan codes, null for all).
-- One row per kelurahan/desa with households and per programme, plus one per kelurahan with
-- kode_program null (every programme together: a household is excluded when it is eligible for
-- at least one programme and paid by none).
-- Output: kode_kelurahan, kode_program (null: all programmes), tahap (the latest closed tahap,
--   null on the all-programmes row), tanggal_mulai (date, null on that row),
--   eligible_count (households in the frame, desil 1-4), excluded_count (of them, not paid),
--   recipients_count (households paid), included_count (of them, desil 6 and above),
--   included_rupiah (rupiah received by those, in the tahap), tanggal_data (the data date the
--   tahap were chosen on).
create or replace macro eksklusi_kelurahan_rows(p_kelurahan := null) as table
with
per_household as (
    select *
    from eksklusi_rumah_tangga
    where p_kelurahan is null or list_contains(p_kelurahan, kode_kelurahan)
),

by_programme as (
    select
        kode_kelurahan,
        kode_program,
        any_value(tahap) as tahap,
        any_value(tanggal_mulai) as tanggal_mulai,
        count(*) filter (where eligible) as eligible_count,
        count(*) filter (where eligible and not paid) as excluded_count,
        count(*) filter (where paid) as recipients_count,
        count(*) filter (where included) as included_count,
        coalesce(sum(diterima_rupiah) filter (where included), 0) as included_rupiah
    from per_household
    group by kode_kelurahan, kode_program
),

households as (
    select
        id_dtks,
        kode_kelurahan,
        bool_or(eligible) as eligible,
        bool_or(paid) as paid,
        bool_or(included) as included,
        sum(diterima_rupiah) filter (where included) as included_rupiah
    from per_household
    group by id_dtks, kode_kelurahan
),

all_programmes as (
    select
        kode_kelurahan,
        cast(null as varchar) as kode_program,
        cast(null as varchar) as tahap,
        cast(null as date) as tanggal_mulai,
        count(*) filter (where eligible) as eligible_count,
        count(*) filter (where eligible and not paid) as excluded_count,
        count(*) filter (where paid) as recipients_count,
        count(*) filter (where included) as included_count,
        coalesce(sum(included_rupiah), 0) as included_rupiah
    from households
    group by kode_kelurahan
),

final as (
    select
        *,
        (select any_value(tanggal_data) from per_household) as tanggal_data
    from (select * from by_programme union all by name select * from all_programmes)
)

select * from final
