-- The first id_verivali after those stored (the synthetic country's steps follow Batam's).
-- No parameters. Output: id_verivali (integer), one row.
select coalesce(max(id_verivali), 0) + 1 as id_verivali from verivali
