-- Insert into dtks_keluarga the DTKS households.
-- Reads the frame demo_frame registered by
-- warehouse.demo.register.insert_households: columns named as in dtks_keluarga
-- (any subset, in any order; the others stay null). No parameters.
-- Output: none (writes dtks_keluarga).
insert into dtks_keluarga by name
select * from demo_frame
-- Ordered by region: each row group holds few kelurahan, so its zone map skips the others.
order by kode_kelurahan, id_dtks
