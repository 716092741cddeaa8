-- Quarantine the checked rows of a PKH graduation list that lie outside the importing operator's scope
-- (issue 13.6): an operator limited to some desa/kelurahan imports only their rows.
-- Reads temp table import_checked (import/graduasi_check: nomor_baris, alasan, kolom, kode_kelurahan).
-- Parameters: $scope_kelurahan (list of the desa/kelurahan codes the operator may import),
--   $kolom (the column to name: the file's kelurahan code or name column).
-- Output: none; each row that would load and whose kode_kelurahan is not in the list (or
-- unknown) gets alasan 'outside_scope' and kolom $kolom.
update import_checked
set alasan = 'outside_scope', kolom = $kolom
where alasan is null and not coalesce(list_contains($scope_kelurahan, kode_kelurahan), false)
