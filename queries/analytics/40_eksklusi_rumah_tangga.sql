-- Analytics table eksklusi_rumah_tangga: the households that matter to the targeting errors of
-- bansos, each against each programme's latest closed tahap in its kab/kota (rules: the macro
-- eksklusi_keluarga, queries/schema/36_eksklusi_keluarga.sql), kept so that the kelurahan
-- summary (41_eksklusi_kelurahan.sql) and the follow-up list (eksklusi_keluarga.sql) do not
-- evaluate the rules again. Built at write time. No parameters.
-- One row per household and programme where the household was eligible (in the frame, desil
-- 1-4 when the tahap began) or paid in that tahap.
-- Output: id_dtks, kode_kelurahan (the household's), kode_program, tahap, tanggal_mulai (date),
--   desil (1-10, null: not ranked then), eligible (boolean), paid (boolean), included (boolean:
--   paid and desil 6 or above), diterima_rupiah (rupiah received in the tahap, 0 when not paid),
--   tanggal_data (the data date the tahap were chosen on).
create or replace table eksklusi_rumah_tangga as
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
    from eksklusi_keluarga()
),

final as (
    select
        *,
        (select coalesce(
            (select max(try_cast(nilai as date)) from metadata where kunci = 'tanggal_data'),
            (select max(tanggal) from verivali)
        )) as tanggal_data
    from evaluated
    where eligible or paid
)

select * from final
