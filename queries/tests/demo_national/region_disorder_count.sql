-- Read by tests/test_demo_national.py::test_rows_are_stored_in_region_order.
-- Parameters: none.
-- Output: one row per table with id_dtks and kode_kelurahan: the table name, and how many of its
-- synthetic rows (ids N...) are stored (rowid order) after a row of a later kelurahan.
with
    keluarga as (
        select kode_kelurahan, lag(kode_kelurahan) over (order by rowid) as previous
        from dtks_keluarga where id_dtks like 'N%'
    ),
    anggota as (
        select kode_kelurahan, lag(kode_kelurahan) over (order by rowid) as previous
        from dtks_anggota where id_dtks like 'N%'
    ),
    stages as (
        select kode_kelurahan, lag(kode_kelurahan) over (order by rowid) as previous
        from verivali where id_dtks like 'N%'
    ),
    paid as (
        select kode_kelurahan, lag(kode_kelurahan) over (order by rowid) as previous
        from bansos_penyaluran where id_dtks like 'N%'
    ),
    final as (
        select 'dtks_keluarga' as tabel, count(*) filter (where previous > kode_kelurahan) as disorder from keluarga
        union all
        select 'dtks_anggota', count(*) filter (where previous > kode_kelurahan) from anggota
        union all
        select 'verivali', count(*) filter (where previous > kode_kelurahan) from stages
        union all
        select 'bansos_penyaluran', count(*) filter (where previous > kode_kelurahan) from paid
    )
select tabel, disorder from final
