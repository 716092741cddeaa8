-- PMKS case stage history: one row per lifecycle stage a case entered, for the time spent in
-- each stage. tahap: as pmks_kasus.tahap (dilaporkan, diamankan, diasesmen,
-- rencana_intervensi, intervensi, evaluasi, monitoring, ditutup). waktu_mulai: when the case
-- entered the stage (local time, WIB). A stage ends when the case's next recorded stage begins.
-- The dilaporkan row may be left out: its start is pmks_kasus.waktu_lapor. A case with no row
-- here has no recorded history (the funnel still comes from pmks_kasus.tahap).
create table if not exists pmks_kasus_tahap (
    id_kasus varchar not null,
    tahap varchar not null check (tahap in ('dilaporkan', 'diamankan', 'diasesmen',
        'rencana_intervensi', 'intervensi', 'evaluasi', 'monitoring', 'ditutup')),
    waktu_mulai timestamp not null,
    primary key (id_kasus, tahap)
);
