-- Macro nomor_problem(v, women_offset): why a 16-digit NIK or KK number is malformed, null when
-- it is well formed. Digits 1-6 are the region of registration (province 11-99, kab/kota and
-- kecamatan not 00), 7-12 a date as DDMMYY (birth date of a NIK, with 40 added to DD for women
-- when women_offset; issue date of a KK), 13-16 a serial other than 0000.
-- No parameters. Output: the macro (temp), returning 'not_16_digits', 'region', 'date',
-- 'serial' or null.
create or replace temp macro nomor_problem(v, women_offset) as case
    when not regexp_full_match(v, '[0-9]{16}') then 'not_16_digits'
    when substr(v, 1, 2) < '11' or substr(v, 3, 2) = '00' or substr(v, 5, 2) = '00' then 'region'
    when try_strptime(
        lpad(
            (case
                when women_offset and substr(v, 7, 2) between '41' and '71'
                    then try_cast(substr(v, 7, 2) as integer) - 40
                when substr(v, 7, 2) <= '31' then try_cast(substr(v, 7, 2) as integer)
                else 0
            end)::varchar, 2, '0'
        ) || substr(v, 9, 4),
        '%d%m%y'
    ) is null then 'date'
    when substr(v, 13, 4) = '0000' then 'serial'
end
