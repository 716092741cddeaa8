-- Insert into metadata the metadata keys of the demo (data date, region, seed, scale, cycle).
-- Reads the frame demo_frame registered by
-- warehouse.demo.builder.insert_log: columns named as in metadata
-- (any subset, in any order; the others stay null). No parameters.
-- Output: none (writes metadata).
insert into metadata by name
select * from demo_frame
