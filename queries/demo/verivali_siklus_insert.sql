-- Insert into verivali_siklus the two verivali cycles.
-- Reads the frame demo_frame registered by
-- warehouse.demo.verivali.insert_cycles: columns named as in verivali_siklus
-- (any subset, in any order; the others stay null). No parameters.
-- Output: none (writes verivali_siklus).
insert into verivali_siklus by name
select * from demo_frame
