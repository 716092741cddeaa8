-- Insert into pmks_kasus the PMKS cases.
-- Reads the frame demo_frame registered by
-- warehouse.demo.pmks.insert_cases: columns named as in pmks_kasus
-- (any subset, in any order; the others stay null). No parameters.
-- Output: none (writes pmks_kasus).
insert into pmks_kasus by name
select * from demo_frame
