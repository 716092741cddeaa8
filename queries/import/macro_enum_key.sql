-- Macro enum_key(v): the comparison key of an enumeration value or header (lower case, only
-- a-z and 0-9), the same as warehouse.imports.kinds.enum_key. No parameters.
-- Output: the macro (temp, for the import's connection).
create or replace temp macro enum_key(v) as regexp_replace(lower(trim(v)), '[^0-9a-z]+', '', 'g')
