-- Macro mask_number(v): a NIK/KK with all but its last 4 characters starred, as
-- analytics.privacy.mask_number ('9971011505800001' -> '************0001'). No parameters.
-- Output: the macro (temp), text (null for null).
create or replace temp macro mask_number(v) as case
    when length(v) <= 4 then repeat('*', length(v))
    else repeat('*', length(v) - 4) || right(v, 4)
end
