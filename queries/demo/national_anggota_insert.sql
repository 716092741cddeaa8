-- Insert the members of the synthetic country's households of a run of units (1 to 6 per
-- household, 3.25 on average as in the Batam demo), in the order of kode_kelurahan and id_anggota
-- without a sort: each household's members follow it, in the order of the households (stored by
-- kode_kelurahan, then id_dtks), which DuckDB keeps (preserve_insertion_order).
-- Reads dtks_keluarga (the synthetic households: id_dtks starting with 'N').
-- Parameters: $seed (integer), $kode_dari, $kode_sampai (the first and last
--   desa/kelurahan code of a run of units, warehouse.demo.national.chunks).
-- Output: none (writes dtks_anggota: id_anggota is id_dtks || '-' || the two-digit position;
-- position 1 is the head; NIK with a valid structure: the household's region, the birth date
-- with 40 added to the day for women, a serial).
insert into dtks_anggota by name
with households as (
    select id_dtks, kode_kelurahan, substr(no_kk, 1, 6) as kode6, hash($seed, id_dtks, 11) as h
    from dtks_keluarga
    where id_dtks like 'N%' and kode_kelurahan between $kode_dari and $kode_sampai
),
members as (
    select *, unnest(range(cast(1 + h % 5 + (h // 5 % 4 = 0)::integer as bigint))) as position
    from households
),
drawn as (
    select
        *,
        hash($seed, id_dtks, position) as m,
        date '1940-01-01' + cast(hash($seed, id_dtks, position) % 30000 as integer) as lahir
    from members
),
typed as (
    select
        *,
        case when position = 0 then m % 10 < 2 else m // 10 % 2 = 0 end as female
    from drawn
),
final as (
    select
        id_dtks || '-' || lpad(cast(position + 1 as varchar), 2, '0') as id_anggota,
        id_dtks,
        kode_kelurahan,
        kode6 || lpad(cast(day(lahir) + case when female then 40 else 0 end as varchar), 2, '0')
            || strftime(lahir, '%m%y') || lpad(cast(m // 100 % 9998 + 1 as varchar), 4, '0') as nik,
        list_element(['Budi', 'Sari', 'Agus', 'Dewi', 'Eko', 'Rina', 'Joko', 'Wati', 'Andi', 'Lestari'], cast(m // 1000 % 10 + 1 as integer))
            || ' ' || list_element(['Santoso', 'Wijaya', 'Siregar', 'Lubis', 'Saputra', 'Hidayat', 'Pratama', 'Nasution'], cast(m // 10000 % 8 + 1 as integer))
            as nama,
        'Kota Sintetis' as tempat_lahir,
        lahir as tanggal_lahir,
        case when female then 'P' else 'L' end as jenis_kelamin,
        case when position = 0 then 'kepala_keluarga' when position = 1 then 'pasangan' else 'anak' end as hubungan,
        case when m // 100000 % 100 < 90 then 'padan' when m // 100000 % 100 < 94 then 'tidak_padan' else 'belum' end
            as status_padan,
        'aktif' as status
    from typed
)
select * from final
