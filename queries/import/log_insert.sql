-- Record one import in impor_log.
-- Parameters: $id_impor (integer), $jenis (dtks, verivali, pmks, penyaluran, petugas), $nama_file,
-- $hash_file (sha256 hex), $waktu (timestamp, local), $baris_dibaca, $baris_dimuat,
-- $baris_karantina (row counts; read = loaded + quarantined), $catatan (text).
-- Output: none (writes impor_log).
insert into impor_log (id_impor, jenis, nama_file, hash_file, waktu, baris_dibaca, baris_dimuat,
    baris_karantina, catatan)
values ($id_impor, $jenis, $nama_file, $hash_file, $waktu, $baris_dibaca, $baris_dimuat,
    $baris_karantina, $catatan)
