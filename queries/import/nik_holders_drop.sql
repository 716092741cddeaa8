-- Drop the temp table of NIK holders a DTKS import leaves on its connection (dtks_nik_holders.sql).
-- No parameters. Output: none.
drop table if exists import_nik_holders
