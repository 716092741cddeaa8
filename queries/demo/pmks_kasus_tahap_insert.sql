-- Insert into pmks_kasus_tahap the PMKS cases' stage history.
-- Reads the frame demo_frame registered by
-- warehouse.demo.pmks.insert_cases: columns named as in pmks_kasus_tahap
-- (any subset, in any order; the others stay null). No parameters.
-- Output: none (writes pmks_kasus_tahap).
insert into pmks_kasus_tahap by name
select * from demo_frame
