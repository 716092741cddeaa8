-- The threads of the synthetic country's build (warehouse.demo.national): every thread holds
-- its own share of a sort or hash table in memory, so fewer threads keep the build within its
-- memory limit on a shared machine.
-- Parameters: $threads (integer). Output: none.
set threads = $threads
