-- Macro parse_date(v): a date written dd/mm/yyyy, dd-mm-yyyy, dd.mm.yyyy or ISO yyyy-mm-dd
-- (a midnight time after it allowed); null when it is none of these or impossible (31/02).
-- No parameters. Output: the macro (temp), a date.
create or replace temp macro parse_date(v) as try_strptime(v, [
    '%d/%m/%Y', '%d-%m-%Y', '%d.%m.%Y', '%Y-%m-%d', '%Y/%m/%d',
    '%Y-%m-%d %H:%M:%S', '%d/%m/%Y %H:%M:%S', '%Y-%m-%dT%H:%M:%S'
])::date
