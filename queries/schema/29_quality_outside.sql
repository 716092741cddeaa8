-- quality_outside: the active households whose dwelling coordinates lie outside their declared
-- kelurahan/desa (analytics.quality.dwellings_outside_kelurahan, the one data-quality check that
-- needs the polygons), judged by the write side (warehouse.imports.dwellings) after the analytics
-- refresh of every write, in its transaction: in full by the demo builds, boundary and code-list
-- imports, for the kelurahan an import touched otherwise.
-- Columns, one row per finding: kode_kelurahan (the declared unit, dotted code), id_dtks,
--   detail (code of the unit the dwelling lies in, '' when it lies in none within the tolerance).
create table if not exists quality_outside (
    kode_kelurahan varchar not null,
    id_dtks varchar not null,
    detail varchar not null
)
