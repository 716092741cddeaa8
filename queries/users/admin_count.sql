-- How many accounts there are, and how many of them are active admins.
-- Parameters: none.
-- Output: akun (accounts), admin_aktif (active admin accounts).
with final as (
    select count(*) as akun, count(*) filter (where aktif and peran = 'admin') as admin_aktif
    from pengguna
)
select * from final
