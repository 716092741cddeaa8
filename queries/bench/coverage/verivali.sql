-- Read by bench/bench_coverage.py::build.
-- Parameters: $cycle, $old, $start.
-- Output: none (inserts a proposal for 60 % of households, a ground check for a share that differs per kelurahan (none where the code ends in 03 or 07), results spread over the cycle $cycle from $start, after the data date for some; one $old visit for 30 %).
insert into verivali (id_verivali, id_dtks, siklus, tahap, tanggal, id_petugas, hasil)
with h as (
    select id_dtks, kode_kelurahan, row_number() over () as r,
        cast(right(kode_kelurahan, 2) as integer) as k
    from dtks_keluarga
),
rows as (
    select id_dtks, $cycle as siklus, 'usulan_musyawarah' as tahap,
        cast($start as date) + cast(hash(id_dtks, 4) % 30 as integer) as tanggal,
        null as id_petugas, null as hasil, 1 as step, r
    from h where hash(id_dtks, 5) % 10 < 6
    union all
    select id_dtks, $cycle, 'ground_check',
        cast($start as date) + cast(hash(id_dtks, 6) % 90 as integer),
        'P' || cast(hash(id_dtks, 7) % 87 as varchar),
        case hash(id_dtks, 8) % 20 when 0 then 'tidak_ditemukan' when 1 then 'pindah'
            when 2 then 'meninggal' when 3 then 'duplikat' else 'diperbarui' end,
        2, r
    from h where k not in (3, 7) and hash(id_dtks, 10) % 100 < 20 + (k * 7) % 60
    union all
    select id_dtks, $old, 'ground_check', date '2025-06-01', 'P1', 'diperbarui', 3, r
    from h where hash(id_dtks, 11) % 10 < 3
)
select row_number() over (order by r, step), id_dtks, siklus, tahap, tanggal, id_petugas, hasil
from rows
