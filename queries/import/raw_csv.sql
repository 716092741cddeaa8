-- Stage the records of a CSV file as temp table import_raw. The records come from the staging
-- file warehouse.imports.read wrote (one record per line: its data line, then its fields; quoted
-- the CSV way, UTF-8). The field names are bound values, not SQL: nomor_baris, then for each header
-- of the file its column of the kind, or ignored_<n> for a header that is unknown or not stored.
-- Parameters: $path (the staging file), $delimiter (one character), $columns (struct: field name
--   -> 'VARCHAR', in file order).
-- Reads temp table import_columns (nomor_baris bigint and every column of the kind and of
--   warehouse.imports.kinds.PERSONAL_COLUMNS, text, no rows), so that a column the file lacks
--   is there, null.
-- Output: temp table import_raw: nomor_baris (data line) and the columns as text, trimmed, blank = null.
create or replace temp table import_raw as
with records as (
    select *
    from read_csv(
        $path, delim = $delimiter, quote = '"', escape = '"', header = false, columns = $columns,
        auto_detect = false, new_line = '\n'
    )
),
fields as (
    select
        cast(nomor_baris as bigint) as nomor_baris,
        nullif(trim(
            columns(lambda c: c <> 'nomor_baris' and not starts_with(c, 'ignored_')),
            ' ' || chr(9) || chr(11) || chr(12) || chr(13) || chr(160)
        ), '')
    from records
),
final as (
    select * from import_columns
    union all by name
    select * from fields
)
select * from final
