-- Insert into usulan the demo's musyawarah proposals.
-- Reads the frame demo_frame registered by warehouse.demo.usulan.insert_proposals: columns
-- named as in usulan. No parameters.
-- Output: none (writes usulan).
insert into usulan by name
select * from demo_frame
