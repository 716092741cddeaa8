-- Whether the tahap paid in the kab/kota of the listed kelurahan differ from those the
-- incremental analytics tables were built on (analytics_basis.tahap_paid, basis_store.sql): then
-- eksklusi_keluarga judges those kab/kota on other tahap, and the refresh is a full one. Only the
-- distributions of those kab/kota are read: the range of codes they span is a filter on the
-- stored code, which reaches the table scan (rows are stored in region order).
-- Parameters: $kelurahan (list of kelurahan codes; '' stands for rows without one).
-- Output: changed (boolean).
with
regions as (
    select
        list_distinct([left(k, 5) for k in $kelurahan if k <> '']) as codes,
        list_min(codes) as first_code,
        -- The highest character: every code that begins with the last kab/kota sorts below.
        list_max(codes) || chr(1114111) as after_code
),

paid_now as (
    select coalesce(
        list_sort(list(distinct {
            'kode_kabkota': left(d.kode_kelurahan, 5), 'kode_program': d.kode_program, 'tahap': d.tahap
        })),
        []
    ) as tahap_paid
    from bansos_penyaluran as d
    cross join regions as r
    where d.kode_kelurahan >= r.first_code
        and d.kode_kelurahan < r.after_code
        and list_contains(r.codes, left(d.kode_kelurahan, 5))
),

paid_stored as (
    select list_sort(list_filter(b.tahap_paid, lambda p: list_contains(r.codes, p.kode_kabkota))) as tahap_paid
    from analytics_basis as b
    cross join regions as r
),

final as (
    select n.tahap_paid is distinct from s.tahap_paid as changed
    from paid_now as n
    cross join paid_stored as s
)

select * from final
