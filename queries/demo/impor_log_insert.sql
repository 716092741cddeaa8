-- Insert into impor_log the one impor_log row recording the demo build.
-- Reads the frame demo_frame registered by
-- warehouse.demo.builder.insert_log: columns named as in impor_log
-- (any subset, in any order; the others stay null). No parameters.
-- Output: none (writes impor_log).
insert into impor_log by name
select * from demo_frame
