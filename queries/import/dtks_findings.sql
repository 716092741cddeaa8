-- Quality findings among the loaded DTKS rows (loaded, not quarantined): NIK digits that
-- contradict the sex or birth-date columns.
-- Reads temp table import_checked (see import/dtks_check.sql: temuan).
-- Parameters: $contoh (integer: row numbers listed per finding).
-- Output: temuan (finding code of warehouse.imports.agency.FINDINGS), kolom (the column the NIK
--   contradicts), rows_count (rows), first_row (data row), rows (list of the first $contoh data rows).
with flagged as (
    select nomor_baris, temuan
    from import_checked
    where alasan is null and temuan is not null
),
final as (
    select
        temuan,
        case temuan when 'nik_sex_mismatch' then 'jenis_kelamin' else 'tanggal_lahir' end as kolom,
        count(*) as rows_count,
        min(nomor_baris) as first_row,
        list(nomor_baris order by nomor_baris)[1:$contoh] as rows
    from flagged
    group by temuan
)
select * from final
order by temuan
