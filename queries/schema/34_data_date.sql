-- data_date(): the date the warehouse's data is current to, as queries/data_date.sql defines it:
-- the recorded tanggal_data (metadata), else the latest verivali visit, null for an empty
-- warehouse. The analytics files, the schema's macros and the refresh basis read it, so that
-- the rule is written once for the write side.
-- Parameters: none.
-- Output: a date.
create or replace macro data_date() as (
    coalesce(
        (select max(try_cast(nilai as date)) from metadata where kunci = 'tanggal_data'),
        (select max(tanggal) from verivali)
    )
)
