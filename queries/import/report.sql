-- The quarantine of one import by reason: how many rows and the first examples.
-- Parameters: $id_impor (integer), $contoh (integer: examples kept per reason and column).
-- Output: alasan (reason code), kolom (column at fault, canonical name), rows_count (rows),
-- first_row (1-based data row of the first), examples (list of struct nomor_baris, data JSON,
-- the first $contoh rows in file order). Largest first.
with ranked as (
    select
        alasan,
        kolom,
        nomor_baris,
        data,
        row_number() over (partition by alasan, kolom order by nomor_baris) as rank_in_reason,
        count(*) over (partition by alasan, kolom) as rows_count
    from impor_karantina
    where id_impor = $id_impor
),
final as (
    select
        alasan,
        kolom,
        any_value(rows_count) as rows_count,
        min(nomor_baris) as first_row,
        list({'nomor_baris': nomor_baris, 'data': data} order by nomor_baris) as examples
    from ranked
    where rank_in_reason <= $contoh
    group by alasan, kolom
)
select * from final
order by rows_count desc, first_row, kolom
