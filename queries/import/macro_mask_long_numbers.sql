-- Macro mask_long_numbers(v): any run of 9 or more digits in a text starred but its last 4 (a NIK
-- typed into the wrong column), as warehouse.imports.agency.mask_long_numbers. No parameters.
-- Output: the macro (temp), text (null for null).
create or replace temp macro mask_long_numbers(v) as regexp_replace(v, '[0-9]{5,}([0-9]{4})', '*****\1', 'g')
