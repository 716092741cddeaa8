-- Macro clean_number(v): a NIK/KK as typed, without spaces, the leading apostrophe a
-- spreadsheet uses to keep digits as text, or a trailing ".0" left by a number column.
-- No parameters. Output: the macro (temp); null for a blank result.
create or replace temp macro clean_number(v) as nullif(regexp_replace(v, '^''|\.0+$|\s', '', 'g'), '')
