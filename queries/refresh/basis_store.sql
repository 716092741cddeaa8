-- Record the basis the incremental analytics tables were just built on in full (basis.sql) and
-- the tahap paid in each kab/kota (the tahap eksklusi_keluarga judges a kab/kota on), which an
-- import compares for the kab/kota it touches (tahap_paid_changed.sql).
-- Parameters: $basis (text).
-- Output: none (writes the one-row table analytics_basis: basis (text), tahap_paid (sorted list
--   of kode_kabkota (first 5 characters of the kelurahan code), kode_program, tahap)).
create or replace table analytics_basis as
select
    cast($basis as varchar) as basis,
    coalesce(
        (
            select list_sort(list(distinct {
                'kode_kabkota': left(kode_kelurahan, 5), 'kode_program': kode_program, 'tahap': tahap
            }))
            from bansos_penyaluran
        ),
        []
    ) as tahap_paid
