-- Insert the verivali steps of the synthetic country's households of a run of units: a ground
-- check in the previous cycle for 85 % of the households, and one in the current cycle for a
-- share drawn per desa/kelurahan (20-95 %), both with the result diperbarui; in the order of
-- kode_kelurahan and id_verivali without a sort: each household's steps follow it, in the order
-- of the households (stored by kode_kelurahan, then id_dtks), which DuckDB keeps
-- (preserve_insertion_order).
-- Reads dtks_keluarga (the synthetic households: id_dtks starting with 'N').
-- Parameters: $seed (integer), $kode_dari, $kode_sampai (the first and last
--   desa/kelurahan code of a run of units, warehouse.demo.national.chunks),
--   $id_start (the first free id_verivali), $siklus_lalu, $siklus_aktif (cycle codes),
--   $mulai_lalu, $mulai_aktif (their first days), $hari_lalu, $hari_aktif (days from each
--   first day to draw the visit dates from).
-- Output: none (writes verivali: id_verivali = $id_start + 2 x the household number + 0 or 1).
insert into verivali by name
with households as (
    select
        id_dtks,
        kode_kelurahan,
        cast(substr(id_dtks, 2) as bigint) as hh,
        hash($seed, id_dtks, 21) as h,
        0.20 + (hash($seed, kode_kelurahan, 22) % 76) / 100.0 as coverage
    from dtks_keluarga
    where id_dtks like 'N%' and kode_kelurahan between $kode_dari and $kode_sampai
),
steps as (
    select *, unnest([0, 1]) as step from households
),
kept as (
    select
        $id_start + 2 * hh + step as id_verivali,
        id_dtks,
        kode_kelurahan,
        case when step = 0 then $siklus_lalu else $siklus_aktif end as siklus,
        case
            when step = 0 then $mulai_lalu + cast(h // 100 % $hari_lalu as integer)
            else $mulai_aktif + cast(h // 100000 % $hari_aktif as integer)
        end as tanggal
    from steps
    where case when step = 0 then h % 100 < 85 else (h // 100000000 % 10000) / 10000.0 < coverage end
),
final as (
    select
        id_verivali, id_dtks, kode_kelurahan, siklus, 'ground_check' as tahap, tanggal,
        null as id_petugas, 'diperbarui' as hasil, null as desil
    from kept
)
select * from final
