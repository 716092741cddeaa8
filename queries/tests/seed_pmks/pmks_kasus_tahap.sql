-- Read by tests/seed_pmks.py::build_pmks_seed.
-- Parameters: positional ($1, $2, ...), as the Output line says.
-- Output: none (inserts one stage of a case's history: $1 id_kasus, $2 tahap, $3 waktu_mulai).
insert into pmks_kasus_tahap values ($1, $2, $3)
