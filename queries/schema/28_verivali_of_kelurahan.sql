-- verivali_of_kelurahan(p_kelurahan): the verivali rows of the households of the listed
-- kelurahan/desa (a household counts in its kelurahan of today), for the incremental analytics
-- macros. Written as a union whose branch that does not apply the planner drops, so that a full
-- refresh reads verivali once and an incremental one only the visits of those households.
-- Parameters: p_kelurahan (list of kelurahan codes, null for all).
-- Output: the rows of verivali, its columns.
create or replace macro verivali_of_kelurahan(p_kelurahan) as table
select * from verivali where p_kelurahan is null
union all
select * from verivali
where p_kelurahan is not null
    and id_dtks in (select id_dtks from dtks_keluarga where list_contains(p_kelurahan, kode_kelurahan))
