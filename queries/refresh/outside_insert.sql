-- Insert the findings of one batch of warehouse.imports.dwellings into quality_outside, in
-- kelurahan order (a region's queries then read few row groups).
-- Parameters: none; the frame outside_found (kode_kelurahan, id_dtks, detail) is registered.
-- Output: none (writes quality_outside).
insert into quality_outside
select kode_kelurahan, id_dtks, detail
from outside_found
order by kode_kelurahan, id_dtks
