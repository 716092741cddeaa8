-- Read by tests/test_agency_import.py::test_mask_macros_and_python_masks_agree.
-- Parameters: $macro (the name of one mask macro), $v (the value to mask, text).
-- Output: one row: the value masked by that macro.
select case $macro
    when 'mask_number' then mask_number($v)
    when 'mask_initials' then mask_initials($v)
    when 'mask_place' then mask_place($v)
    when 'mask_digits' then mask_digits($v)
    when 'mask_coordinate' then mask_coordinate($v)
    when 'mask_long_numbers' then mask_long_numbers($v)
end
