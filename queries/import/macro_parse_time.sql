-- Macro parse_time(v): a local date and time (dd/mm/yyyy hh:mm[:ss] or ISO), or a date alone
-- (midnight); null when unreadable or impossible. No parameters.
-- Output: the macro (temp), a timestamp.
create or replace temp macro parse_time(v) as try_strptime(v, [
    '%d/%m/%Y %H:%M', '%d/%m/%Y %H:%M:%S', '%d-%m-%Y %H:%M', '%d-%m-%Y %H:%M:%S',
    '%Y-%m-%d %H:%M', '%Y-%m-%d %H:%M:%S', '%Y-%m-%dT%H:%M', '%Y-%m-%dT%H:%M:%S',
    '%d/%m/%Y', '%d-%m-%Y', '%Y-%m-%d'
])
