-- The seed warehouse (tests/seed.py, run in file-name order): the programme PKH.
-- Parameters: none.
-- Output: none (inserts rows).
insert into bansos_program values ('PKH', 'PKH', 'tunai', 'triwulan', 4, ['bast', 'foto', 'ktp'], 0)
