-- The date the warehouse's data is current to (the macro data_date(),
-- queries/schema/34_data_date.sql: the recorded tanggal_data, else the latest verivali visit)
-- and whether it is the demo.
-- Parameters: none.
-- Output: tanggal_data (date, null for an empty warehouse), demo (boolean).
with final as (
    select
        data_date() as tanggal_data,
        coalesce((select bool_or(kunci = 'demo' and nilai = 'true') from metadata), false) as demo
)

select * from final
