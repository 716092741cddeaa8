-- Keep the build side of every hash join where the analytics query writes it (the right side of
-- a left join: the small per-household summaries) for the synthetic country's analytics refresh
-- (warehouse.demo.national). DuckDB's build_side_probe_side optimizer turns the left joins of
-- eksklusi_keluarga (queries/schema/36_eksklusi_keluarga.sql) into right joins that build hash
-- tables of every household x programme, three deep: they cannot all spill, and the refresh ran
-- out of memory under the build's limit (10 M households, 4 GB).
-- Parameters: $optimizers (text: the comma-separated optimizers to disable). Output: none.
set disabled_optimizers = $optimizers
