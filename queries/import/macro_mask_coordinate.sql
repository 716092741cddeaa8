-- Macro mask_coordinate(v): a dwelling's coordinate rounded to 2 decimals (degrees, about 1 km),
-- the digits starred when it is not a number, as warehouse.imports.agency.mask_coordinate.
-- No parameters. Output: the macro (temp), text (null for null).
create or replace temp macro mask_coordinate(v) as coalesce(
    cast(round(try_cast(replace(v, ',', '.') as double), 2) as varchar),
    regexp_replace(v, '[0-9]', '*', 'g')
)
