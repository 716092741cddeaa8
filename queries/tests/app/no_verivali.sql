-- Read by tests/test_app.py::test_a_region_without_verivali_still_opens.
-- Parameters: none.
-- Output: none (deletes every verivali stage).
delete from verivali
