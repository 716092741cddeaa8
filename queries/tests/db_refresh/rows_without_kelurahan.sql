-- Read by tests/test_db_refresh.py: the PMKS day counts without a kelurahan.
-- Parameters: none.
-- Output: one row: rows_count (rows of pmks_harian whose kode_kelurahan is null).
with final as (
    select count(*) as rows_count from pmks_harian where kode_kelurahan is null
)

select * from final
