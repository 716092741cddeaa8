-- Whether the warehouse has the pengguna table (a warehouse built before issue 13 has not).
-- Parameters: none.
-- Output: ada (boolean).
with final as (
    select count(*) > 0 as ada
    from information_schema.tables
    where table_name = 'pengguna'
)
select * from final
