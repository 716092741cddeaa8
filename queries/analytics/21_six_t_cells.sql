-- six_t_cells: the distributions of six_t_inputs (20_six_t_inputs.sql) counted per kelurahan x
-- programme x tahap x channel and every 6T input the settings judge, built at write time. The
-- settings of config/six_t.toml (the rupiah tolerances, the grace days) judge a whole cell at
-- once (macro six_t_verdicts, 22_six_t_verdicts.sql), so the pages count
-- thousands of cells instead of millions of distributions, under any settings.
-- Incremental (warehouse.db.refresh_analytics): the macro six_t_cells_rows(p_kelurahan) gives the
-- cells of the listed kelurahan (null: all), the table is built from it.
-- Parameters of the macro: p_kelurahan (list of kelurahan codes, null for all).
-- One row per cell: cell (the hash six_t_inputs.cell), kode_kelurahan, kode_program, tahap,
--   kanal, sasaran_reason, kualitas_reason, administrasi_reason (null when met),
--   jumlah_gap_rupiah (nilai_diterima - hak_tahap, rupiah), waktu_fixed_reason,
--   days_after_end (days), program_grace_days (days), harga_fixed_reason,
--   harga_excess_rupiah (rupiah above harga_acuan) as in six_t_inputs;
--   distributions_count, nilai_hak_rupiah, nilai_diterima_rupiah (sums, rupiah),
--   nilai_hak_berbeda_count (distributions whose reported nilai_hak differs from the tahap's).
create or replace macro six_t_cells_rows(p_kelurahan := null) as table
with final as (
    select
        cell,
        kode_kelurahan,
        kode_program,
        tahap,
        kanal,
        sasaran_reason,
        kualitas_reason,
        administrasi_reason,
        jumlah_gap_rupiah,
        waktu_fixed_reason,
        days_after_end,
        program_grace_days,
        harga_fixed_reason,
        harga_excess_rupiah,
        count(*) as distributions_count,
        sum(nilai_hak) as nilai_hak_rupiah,
        sum(nilai_diterima) as nilai_diterima_rupiah,
        count(*) filter (where nilai_hak_berbeda) as nilai_hak_berbeda_count
    from six_t_inputs
    where p_kelurahan is null or list_contains(p_kelurahan, kode_kelurahan)
    group by all
)

select * from final
order by kode_kelurahan, kode_program, tahap, kanal
