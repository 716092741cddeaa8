-- The date the warehouse's data is current to: the recorded tanggal_data, else the latest
-- verivali visit.
-- Parameters: none.
-- Output: tanggal_data (date, null for an empty warehouse), demo (boolean).
with recorded as (
    select
        max(try_cast(nilai as date)) filter (where kunci = 'tanggal_data') as tanggal_data,
        coalesce(bool_or(kunci = 'demo' and nilai = 'true'), false) as demo
    from metadata
),

final as (
    select
        coalesce(r.tanggal_data, (select max(tanggal) from verivali)) as tanggal_data,
        r.demo
    from recorded as r
)

select * from final
