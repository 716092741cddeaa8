-- The physical plan of eksklusi_keluarga() over every household (tests/test_eksklusi_plan.py
-- reads the join types in it).
-- Parameters: none.
-- Output: explain_key, explain_value (the plan as text).
explain from eksklusi_keluarga()
