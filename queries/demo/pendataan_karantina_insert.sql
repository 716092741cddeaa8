-- Insert into impor_karantina the faulty rows of the demo's pendataan file, masked as the import
-- masks them.
-- Reads the frame demo_frame registered by warehouse.demo.pendataan.insert_campaign: id_impor,
-- nomor_baris, kolom, alasan, data (JSON text), nilai, tersamar. No parameters.
-- Output: none (writes impor_karantina).
insert into impor_karantina by name
select * replace (cast(data as json) as data) from demo_frame
