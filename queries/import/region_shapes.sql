-- The kelurahan/desa shapes and points of the warehouse, for the region's extent (coordinates
-- of a file far outside it are quarantined). No parameters.
-- Output: geom (WKB, EPSG:4326, null when the unit has no polygon), lon, lat (degrees, a point inside).
select geom, lon, lat
from wilayah
where level = 'kelurahan'
