-- Insert into bansos_program the bansos programmes.
-- Reads the frame demo_frame registered by
-- warehouse.demo.bansos.insert_bansos: columns named as in bansos_program
-- (any subset, in any order; the others stay null). No parameters.
-- Output: none (writes bansos_program).
insert into bansos_program by name
select * from demo_frame
