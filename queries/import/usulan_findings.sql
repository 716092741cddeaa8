-- Quality findings among the loaded proposal rows (loaded, not quarantined): proposals without
-- the date of the musyawarah's berita acara (counted as without musyawarah on the page).
-- Reads temp table import_checked (see import/usulan_check.sql: temuan).
-- Parameters: $contoh (integer: row numbers listed per finding).
-- Output: temuan (finding code of warehouse.imports.agency.FINDINGS), kolom (tanggal_musyawarah),
--   rows_count (rows), first_row (data row), rows (list of the first $contoh data rows).
with flagged as (
    select nomor_baris, temuan
    from import_checked
    where alasan is null and temuan is not null
),
final as (
    select
        temuan,
        'tanggal_musyawarah' as kolom,
        count(*) as rows_count,
        min(nomor_baris) as first_row,
        list(nomor_baris order by nomor_baris)[1:$contoh] as rows
    from flagged
    group by temuan
)
select * from final
order by temuan
