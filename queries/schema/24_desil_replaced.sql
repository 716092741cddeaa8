-- desil_replaced(): every desil BPS assigned (a verivali step 'desil') that a later one replaced,
-- with the day it was replaced: the history the 6T and eksklusi rules read to take a household's
-- desil as it was when a tahap began (a tahap that began on no such interval takes the household's
-- current desil: a newer DTKS export may have changed it since the latest assignment).
-- No parameters.
-- Output, one row per replaced assignment: id_dtks, tanggal (date assigned), replaced_on (date
--   the next assignment came), desil (1-10).
create or replace macro desil_replaced() as table
select id_dtks, tanggal, replaced_on, desil
from (
    select
        id_dtks,
        tanggal,
        desil,
        lead(tanggal) over (partition by id_dtks order by tanggal, id_verivali) as replaced_on
    from verivali
    where tahap = 'desil' and desil is not null
)
where replaced_on > tanggal
