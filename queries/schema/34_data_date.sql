-- data_date(): the date the warehouse's data is current to: the recorded tanggal_data
-- (metadata), else the latest verivali visit, null for an empty warehouse. The analytics files,
-- the schema's macros, the refresh basis and the pages (queries/data_date.sql) read it, so that
-- the rule is written once.
-- Parameters: none.
-- Output: a date.
create or replace macro data_date() as (
    coalesce(
        (select max(try_cast(nilai as date)) from metadata where kunci = 'tanggal_data'),
        (select max(tanggal) from verivali)
    )
)
