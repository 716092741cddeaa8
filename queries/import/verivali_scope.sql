-- Quarantine the checked rows of a verivali file whose household lives outside the importing
-- operator's scope (issue 13.6).
-- Reads temp table import_checked (import/verivali_check: nomor_baris, alasan, kolom, id_dtks)
-- and the warehouse's dtks_keluarga (the household's kode_kelurahan).
-- Parameters: $scope_kelurahan (list of the desa/kelurahan codes the operator may import),
--   $kolom (the column to name: id_dtks).
-- Output: none; each row that would load and whose household's kelurahan is not in the list
-- gets alasan 'outside_scope' and kolom $kolom.
update import_checked as c
set alasan = 'outside_scope', kolom = $kolom
where c.alasan is null
    and not coalesce((
        select list_contains($scope_kelurahan, k.kode_kelurahan)
        from dtks_keluarga as k
        where k.id_dtks = c.id_dtks
    ), false)
