-- Macro mask_initials(v): a person's name as its initials ('Siti Nur Aisyah' -> 'S. N. A.'),
-- as warehouse.imports.agency.mask_initials. No parameters.
-- Output: the macro (temp), text (null for null).
create or replace temp macro mask_initials(v) as array_to_string(
    list_transform(list_filter(string_split(v, ' '), lambda w: w <> ''), lambda w: upper(left(w, 1)) || '.'),
    ' '
)
