-- Macro parse_amount(v): a rupiah amount as written in agency sheets: "750000", "750.000",
-- "750,000", "Rp 750.000", "750000.00" (rounded to whole rupiah); null when unreadable.
-- Negative amounts come back negative (the checks reject them); an amount too large for a bigint
-- (a 20-digit number) comes back null (amount_invalid), never an error. No parameters.
-- Output: the macro (temp), a bigint (rupiah).
create or replace temp macro parse_amount(v) as case
    when regexp_full_match(regexp_replace(lower(v), 'rp|\s', '', 'g'), '-?[0-9]+')
        then try_cast(regexp_replace(lower(v), 'rp|\s', '', 'g') as bigint)
    when regexp_full_match(regexp_replace(lower(v), 'rp|\s', '', 'g'), '-?[0-9]{1,3}([.,][0-9]{3})+')
        then try_cast(regexp_replace(regexp_replace(lower(v), 'rp|\s', '', 'g'), '[.,]', '', 'g') as bigint)
    when regexp_full_match(regexp_replace(lower(v), 'rp|\s', '', 'g'), '-?[0-9]+([.,][0-9]{1,2})?')
        then try_cast(round(try_cast(replace(regexp_replace(lower(v), 'rp|\s', '', 'g'), ',', '.') as double)) as bigint)
end
