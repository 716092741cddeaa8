-- The latest imports and builds of the warehouse, newest first (at most 50).
-- Parameters: none.
-- Output: id_impor, jenis (demo, boundaries, wilayah, dtks, verivali, pmks, penyaluran, petugas),
-- nama_file, waktu (timestamp, local time), baris_dibaca, baris_dimuat, baris_karantina (rows;
-- read = loaded + quarantined), catatan (text).
with final as (
    select id_impor, jenis, nama_file, waktu, baris_dibaca, baris_dimuat, baris_karantina, catatan
    from impor_log
    order by id_impor desc
    limit 50
)
select * from final
