-- Drop the unmasked raw rows that imports before the masking kept in impor_karantina.data (rows
-- without tersamar); their row number, column and reason stay. Run at each import.
-- No parameters. Output: none (writes impor_karantina).
update impor_karantina
set data = null
where tersamar is null and data is not null
