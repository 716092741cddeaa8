-- The id for the next impor_log row. No parameters.
-- Output: id_impor (integer), one row.
select coalesce(max(id_impor), 0) + 1 as id_impor from impor_log
