-- Every administrative unit of the loaded region(s), keyed by the Kemendagri code.
-- Columns: kode (dotted Kemendagri code, string), nama, level (provinsi/kabkota/kecamatan/kelurahan),
-- jenis (provinsi/kota/kabupaten/kecamatan/kelurahan/desa), kode_induk (parent code),
-- kode_bps (BPS code where known, the crosswalk), geom (WKB, EPSG:4326, full resolution),
-- geom_display (WKB, EPSG:4326, simplified for maps with shared edges kept),
-- geom_sumber ('demo' = approximate generated boundary, otherwise the source file name),
-- luas_km2 (km2, computed in the local UTM zone), penduduk (persons), lon/lat (degrees, a point inside).
create table if not exists wilayah (
    kode varchar primary key,
    nama varchar not null,
    level varchar not null check (level in ('provinsi', 'kabkota', 'kecamatan', 'kelurahan')),
    jenis varchar not null,
    kode_induk varchar,
    kode_bps varchar,
    geom blob,
    geom_display blob,
    geom_sumber varchar,
    luas_km2 double check (luas_km2 >= 0),
    penduduk integer check (penduduk >= 0),
    lon double,
    lat double
);
