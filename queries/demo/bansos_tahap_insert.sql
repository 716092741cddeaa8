-- Insert into bansos_tahap the tahap of the programmes.
-- Reads the frame demo_frame registered by
-- warehouse.demo.bansos.insert_bansos: columns named as in bansos_tahap
-- (any subset, in any order; the others stay null). No parameters.
-- Output: none (writes bansos_tahap).
insert into bansos_tahap by name
select * from demo_frame
