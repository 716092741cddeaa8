-- status_since(): the day verivali first found a household or member moved, dead or a duplicate.
-- No parameters.
-- Output, one row per id_dtks and hasil: id_dtks, hasil (pindah, meninggal, duplikat), since (date).
create or replace macro status_since() as table
select id_dtks, hasil, min(tanggal) as since
from verivali
where hasil in ('pindah', 'meninggal', 'duplikat')
group by id_dtks, hasil
