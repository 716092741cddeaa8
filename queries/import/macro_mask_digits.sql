-- Macro mask_digits(v): every digit starred, the shape kept (a birth date '15/05/1980' ->
-- '**/**/****'), as warehouse.imports.agency.mask_digits. No parameters.
-- Output: the macro (temp), text (null for null).
create or replace temp macro mask_digits(v) as regexp_replace(v, '[0-9]', '*', 'g')
