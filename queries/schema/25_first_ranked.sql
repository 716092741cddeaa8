-- first_ranked(): the day BPS first ranked each household registered since the verivali history
-- began (a null tanggal_terdaftar is taken as such): before that day it had no desil.
-- No parameters.
-- Output, one row per household: id_dtks, ranked_on (date).
create or replace macro first_ranked() as table
select v.id_dtks, min(v.tanggal) as ranked_on
from verivali as v
inner join dtks_keluarga as h on h.id_dtks = v.id_dtks
where v.tahap = 'desil' and v.desil is not null
    and coalesce(h.tanggal_terdaftar >= (select min(tanggal) from verivali), true)
group by v.id_dtks
