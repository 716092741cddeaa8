-- The basis of the incremental analytics tables: what their rows of every kelurahan depend on
-- at once (warehouse.db.refresh_analytics refreshes some kelurahan only while it is unchanged,
-- in full otherwise): the text of the SQL they are built with, the data date
-- (data_date(), queries/schema/34_data_date.sql), the first verivali date
-- (first_ranked), the programmes and tahap (bansos_program, bansos_tahap). The tahap paid in
-- each kab/kota (the tahap eksklusi_keluarga judges a kab/kota on) belong to it too, but are
-- stored beside it (basis_store.sql) and compared for the kab/kota an import touches only
-- (tahap_paid_changed.sql), so that an import does not read every distribution.
-- Parameters: $analytics_files (md5 of the SQL files, computed by warehouse.db).
-- Output: basis (text, an md5 of all these).
with final as (
    select md5(concat_ws(
        '|',
        $analytics_files,
        cast(data_date() as varchar),
        cast((select min(tanggal) from verivali) as varchar),
        (select string_agg(cast(p as varchar), '|' order by p.kode_program) from bansos_program as p),
        (select string_agg(cast(t as varchar), '|' order by t.kode_program, t.tahap) from bansos_tahap as t)
    )) as basis
)

select * from final
