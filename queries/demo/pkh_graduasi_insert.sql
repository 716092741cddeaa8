-- Insert into pkh_graduasi the demo agency's PKH graduation list.
-- Reads the frame demo_frame registered by warehouse.demo.graduasi.insert_graduation: columns
-- named as in pkh_graduasi. No parameters.
-- Output: none (writes pkh_graduasi).
insert into pkh_graduasi by name
select * from demo_frame
