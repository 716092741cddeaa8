-- Macro mask_place(v): an address or birthplace as its first character and stars ('Jl. Uji 5'
-- -> 'J********'), as warehouse.imports.agency.mask_place. No parameters.
-- Output: the macro (temp), text (null for null).
create or replace temp macro mask_place(v) as left(v, 1) || repeat('*', length(v) - 1)
