-- SQLite, the session store: the dashboard's audit events (columns as the warehouse's audit_log).
-- Parameters: none. Output: none.
create table if not exists audit_log (
    id_audit integer primary key autoincrement,
    waktu text not null,
    nama_pengguna text not null,
    peristiwa text not null,
    objek text,
    rincian text
)
