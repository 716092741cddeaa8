-- Remove the PKH distributions of the demo's KPM that left PKH in the tahap that began after
-- they left (the listed graduates still paid keep theirs).
-- Reads the frame demo_stops registered by warehouse.demo.graduasi.insert_graduation: id_dtks,
-- stop_after (date the KPM left), still_paid (boolean). No parameters.
-- Output: none (deletes from bansos_penyaluran).
delete from bansos_penyaluran
where kode_program = 'PKH'
    and id_penyaluran in (
        select d.id_penyaluran
        from bansos_penyaluran as d
        inner join demo_stops as s on s.id_dtks = d.id_dtks and not s.still_paid
        inner join bansos_tahap as t on t.kode_program = d.kode_program and t.tahap = d.tahap
        where d.kode_program = 'PKH' and t.tanggal_mulai > s.stop_after
    )
