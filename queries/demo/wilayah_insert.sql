-- Insert into wilayah one level of units at a time: provinsi and kabkota, kecamatan, kelurahan.
-- Reads the frame demo_frame registered by
-- warehouse.demo.geography.insert_wilayah: columns named as in wilayah
-- (any subset, in any order; the others stay null). No parameters.
-- Output: none (writes wilayah).
insert into wilayah by name
select * from demo_frame
