-- Insert into impor_log the import of the demo's pendataan file.
-- Reads the frame demo_frame registered by warehouse.demo.pendataan.insert_campaign: columns
-- named as in impor_log. No parameters.
-- Output: none (writes impor_log).
insert into impor_log by name
select * from demo_frame
