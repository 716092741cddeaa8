-- Insert the synthetic country's DTKS households of a run of units (warehouse.demo.national.chunks),
-- unit by unit in the order of the frame (sorted by code), so that one region's rows share row groups.
-- Reads the frame national_units registered by warehouse.demo.national: kode (desa/kelurahan
-- code), kode6 (its first six digits, the NIK/KK region prefix), first_hh (number of its first
-- household), n_households, lon, lat (the cell's centre, degrees), dx, dy (half the cell's
-- width and height, degrees).
-- Parameters: $seed (integer; every draw is a hash of it, so the same seed gives the same rows).
-- Output: none (writes dtks_keluarga: id_dtks 'N' and eleven digits; desil 1-10; the programme
-- flags mostly in desil 1-4).
insert into dtks_keluarga by name
with households as (
    select u.kode, u.kode6, u.lon, u.lat, u.dx, u.dy, u.first_hh + unnest(range(u.n_households)) as hh
    from national_units as u
),
drawn as (
    select *, hash($seed, hh, 1) as h1, hash($seed, hh, 2) as h2, hash($seed, hh, 3) as h3
    from households
),
final as (
    select
        'N' || lpad(cast(hh as varchar), 11, '0') as id_dtks,
        kode6 || lpad(cast(h1 % 28 + 1 as varchar), 2, '0') || lpad(cast(h1 // 28 % 12 + 1 as varchar), 2, '0')
            || lpad(cast(h1 // 336 % 16 + 10 as varchar), 2, '0') || lpad(cast(hh % 9999 + 1 as varchar), 4, '0')
            as no_kk,
        kode as kode_kelurahan,
        'Jalan Sintetis No. ' || cast(h2 % 200 + 1 as varchar) as alamat,
        lpad(cast(h2 // 200 % 20 + 1 as varchar), 3, '0') as rt,
        lpad(cast(h2 // 4000 % 10 + 1 as varchar), 3, '0') as rw,
        lon + dx * 0.9 * ((h3 % 10000) / 5000.0 - 1) as lon,
        lat + dy * 0.9 * ((h3 // 10000 % 10000) / 5000.0 - 1) as lat,
        cast(h1 // 5376 % 10 + 1 as tinyint) as desil,
        h1 // 5376 % 10 < 4 and h2 // 40000 % 100 < 45 as flag_pkh,
        h1 // 5376 % 10 < 4 and h2 // 4000000 % 100 < 70 as flag_bpnt,
        h1 // 5376 % 10 < 5 and h2 // 400000000 % 100 < 60 as flag_pbi_jkn,
        'aktif' as status,
        date '2010-01-01' + cast(h3 // 100000000 % 5800 as integer) as tanggal_terdaftar
    from drawn
)
select * from final
