-- Analytics table eksklusi_rumah_tangga: the households that matter to the targeting errors of
-- bansos, each against each programme's latest closed tahap in its kab/kota (rules: the macro
-- eksklusi_keluarga, queries/schema/36_eksklusi_keluarga.sql), kept so that the kelurahan
-- summary (41_eksklusi_kelurahan.sql) and the follow-up list (eksklusi_keluarga.sql) do not
-- evaluate the rules again. Built at write time.
-- Incremental (warehouse.db.refresh_analytics): the macro eksklusi_rumah_tangga_rows(p_kelurahan)
-- gives the households of the listed kelurahan (null: all), the table is built from it. The
-- tahap each kab/kota is judged on are the same for every kelurahan: when they change (a tahap
-- paid for the first time in a kab/kota, a new data date) the refresh is a full one.
-- Parameters of the macro: p_kelurahan (list of kelurahan codes, null for all).
-- One row per household and programme where the household was eligible (in the frame, desil
-- 1-4 when the tahap began) or paid in that tahap.
-- Output: id_dtks, kode_kelurahan (the household's), kode_program, tahap, tanggal_mulai (date),
--   desil (1-10, null: not ranked then), eligible (boolean), paid (boolean), included (boolean:
--   paid and desil 6 or above), diterima_rupiah (rupiah received in the tahap, 0 when not paid),
--   tanggal_data (the data date the tahap were chosen on).
create or replace macro eksklusi_rumah_tangga_rows(p_kelurahan := null) as table
with
evaluated as (
    select
        id_dtks,
        kode_kelurahan,
        kode_program,
        tahap,
        tanggal_mulai,
        desil,
        in_frame and desil between 1 and 4 as eligible,
        paid,
        paid and desil >= 6 as included,
        diterima_rupiah
    from eksklusi_keluarga(p_kelurahan := p_kelurahan)
),

final as (
    select
        *,
        data_date() as tanggal_data
    from evaluated
    where eligible or paid
)

-- In region order: a refresh of some kelurahan reads and deletes only their row groups.
select * from final
order by kode_kelurahan, id_dtks, kode_program
