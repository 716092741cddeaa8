-- Verivali cycles, newest first, for the period picker.
-- Parameters: none.
-- Output: siklus (cycle id), nama, tanggal_mulai (date), tanggal_target (date, planned end).
select siklus, nama, tanggal_mulai, tanggal_target
from verivali_siklus
order by tanggal_mulai desc
