-- The synthetic warehouse of bench/bench_six_t.py (run in file-name order): households i % 10 < 4 get PKH every quarter, the others BPNT every month, with planted failures of every T.
-- Parameters: $households.
-- Output: none (inserts rows).
insert into bansos_penyaluran
with base as (
    select h.i, t.kode_program, t.tahap, t.tanggal_mulai, t.tanggal_selesai, t.nilai_per_kpm,
        t.harga_acuan, h.i % 64 as u, 1 + (h.i % 64) % 12 as kec,
        hash(h.i, t.tahap) as r
    from range($households) as h(i)
    inner join bansos_tahap as t
        on t.kode_program = case when h.i % 10 < 4 then 'PKH' else 'BPNT' end
),
shaped as (
    select *,
        case when kode_program = 'PKH' then (case when r % 5 = 0 then 'pos' else 'bank' end)
             else 'e_warong' end as kanal,
        'ew' || (u * 3 + r % 3) as warong
    from base
)
select
    printf('s%d-%s', i, tahap),
    kode_program,
    tahap,
    'h' || i,
    case when r % 1000 < 5 then printf('2171999%09d', i) else printf('2171%012d', 3 * i) end,
    printf('21.71.%02d.%d', kec, 1001 + u),
    nilai_per_kpm,
    nilai_per_kpm - case
        when u in (3, 17, 29, 41) and r % 100 < 15 then 50000
        when r % 1000 < 5 then 25000 else 0 end,
    tanggal_mulai + cast(r % 25 as integer)
        + case when kec >= 10 and r % 100 < 12 then 40 + cast(r % 20 as integer)
               when r % 1000 < 10 then 35 else 0 end,
    kanal,
    case when kanal = 'e_warong' then warong end,
    case when kode_program = 'BPNT' then
        harga_acuan - cast(r % 9000 as bigint)
        + case when warong in ('ew7', 'ew50', 'ew101') and r % 100 < 40 then 15000 else 0 end
    end,
    case when kode_program = 'BPNT' then
        case when r % 1000 < 8 then false when r % 1000 < 12 then null else true end
    end,
    case when kanal = 'pos' and r % 100 < 6 then ['bast', 'ktp']
         when r % 1000 < 5 then ['foto', 'ktp']
         else ['bast', 'foto', 'ktp'] end
from shaped
