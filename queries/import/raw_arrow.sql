-- Stage the rows of an xlsx or Parquet file as temp table import_raw.
-- Reads the registered table import_staged (nomor_baris bigint and every column of the kind and
-- of warehouse.imports.kinds.PERSONAL_COLUMNS as trimmed text, blank = null). No parameters.
-- Output: temp table import_raw, the same columns.
create or replace temp table import_raw as
select * from import_staged
