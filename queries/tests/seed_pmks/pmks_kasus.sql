-- Read by tests/seed_pmks.py::build_pmks_seed.
-- Parameters: positional ($1, $2, ...), as the Output line says.
-- Output: none (inserts one case, $1 to $13 in the column order of the statement).
insert into pmks_kasus (id_kasus, kategori, sumber, waktu_lapor, waktu_respons, waktu_tiba, lon, lat,
        kode_kelurahan, tahap, hasil, tanggal_masuk_shelter, tanggal_keluar_shelter)
values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)
