-- Delete the findings of quality_outside of the listed kelurahan (all when null), before
-- warehouse.imports.dwellings judges their households again.
-- Parameters: $kelurahan (varchar[]: kelurahan/desa codes, null for all).
-- Output: none (writes quality_outside).
delete from quality_outside
where $kelurahan is null or list_contains($kelurahan, kode_kelurahan)
