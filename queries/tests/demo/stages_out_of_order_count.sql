-- Read by tests/test_demo.py::test_funnel_narrows.
-- Parameters: none.
-- Output: one row: verivali stages dated before the stage that comes before them.
select count(*) from (
    select id_dtks, siklus, tahap, tanggal,
        lag(tanggal) over (partition by id_dtks, siklus order by
            list_position(['usulan_musyawarah', 'entri_siksng', 'cek_dinsos', 'ground_check', 'padan', 'desil'], tahap)
        ) as before
    from verivali
) where tanggal < before
