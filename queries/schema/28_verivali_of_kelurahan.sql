-- verivali_of_kelurahan(p_kelurahan): the verivali rows of the households of the listed
-- kelurahan/desa (a household counts in its kelurahan of today), for the incremental analytics
-- macros. Written as a union whose branch that does not apply the planner drops, so that a full
-- refresh reads verivali once and an incremental one only the row groups of those kelurahan:
-- the demo and every import keep a row's kode_kelurahan equal to its household's
-- (queries/schema/06_verivali.sql), and a filter on it skips row groups by their minimum and
-- maximum, where the households' id_dtks alone had the planner read all of verivali (2 s of CPU
-- per import into a 14 M-row verivali). A row without the key (written by hand, as the test
-- seeds do) is kept for the id_dtks condition to judge, which holds every row to its
-- household of today.
-- Parameters: p_kelurahan (list of kelurahan codes, null for all).
-- Output: the rows of verivali, its columns.
create or replace macro verivali_of_kelurahan(p_kelurahan) as table
select * from verivali where p_kelurahan is null
union all
select * from verivali
where p_kelurahan is not null
    and (list_contains(p_kelurahan, kode_kelurahan) or kode_kelurahan is null)
    and id_dtks in (select id_dtks from dtks_keluarga where list_contains(p_kelurahan, kode_kelurahan))
