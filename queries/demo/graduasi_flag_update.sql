-- Clear the PKH flag of the demo's KPM that left PKH (the listed graduates still paid keep it).
-- Reads the frame demo_stops registered by warehouse.demo.graduasi.insert_graduation: id_dtks,
-- still_paid (boolean). No parameters.
-- Output: none (writes dtks_keluarga.flag_pkh).
update dtks_keluarga
set flag_pkh = false
where id_dtks in (select id_dtks from demo_stops where not still_paid)
