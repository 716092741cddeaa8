-- Read by tests/test_demo.py::test_every_nik_is_structurally_valid.
-- Parameters: none.
-- Output: one row: NIK that are not 16 digits or disagree with birth date and sex, or hold zero codes.
with decoded as (
    select
        nik, tanggal_lahir, jenis_kelamin,
        cast(substr(nik, 7, 2) as integer) as dd,
        substr(nik, 9, 4) as mmyy
    from dtks_anggota
    where regexp_full_match(nik, '[0-9]{16}')
)
select
    (select count(*) from dtks_anggota where not regexp_full_match(nik, '[0-9]{16}'))
    + count(*) filter (where
        try_strptime(lpad(cast(dd - case when dd > 40 then 40 else 0 end as varchar), 2, '0') || mmyy, '%d%m%y') is null
        or (dd > 40) <> (jenis_kelamin = 'P')
        or strftime(tanggal_lahir, '%m%y') <> mmyy
        or day(tanggal_lahir) <> dd - case when dd > 40 then 40 else 0 end
        or substr(nik, 13, 4) = '0000'
        or substr(nik, 3, 2) = '00' or substr(nik, 5, 2) = '00')
from decoded
