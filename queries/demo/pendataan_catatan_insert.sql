-- Insert into pendataan_catatan the records of the demo's pendataan campaign.
-- Reads the frame demo_frame registered by warehouse.demo.pendataan.insert_campaign: columns
-- named as in pendataan_catatan (any subset, in any order). No parameters.
-- Output: none (writes pendataan_catatan).
insert into pendataan_catatan by name
select * from demo_frame
