-- Insert into petugas the enumerators and PKH facilitators.
-- Reads the frame demo_frame registered by
-- warehouse.demo.verivali.insert_staff: columns named as in petugas
-- (any subset, in any order; the others stay null). No parameters.
-- Output: none (writes petugas).
insert into petugas by name
select * from demo_frame
