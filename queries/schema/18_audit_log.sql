-- Who did what (issue 13), written in the same transaction as the change it records: account
-- changes and imports. Events of the dashboard (logins, downloads, row-level lists) go to the
-- session store beside the warehouse (warehouse/users.py explains why); both have these columns.
-- peristiwa: the event kind (warehouse/users.py EVENTS). objek: what it concerns (a user name,
-- a file name, a page). rincian: JSON of details without personal data (filters, row counts).
-- waktu in UTC.
create table if not exists audit_log (
    id_audit bigint primary key,
    waktu timestamp not null,
    nama_pengguna varchar not null,
    peristiwa varchar not null,
    objek varchar,
    rincian varchar
);
