-- impor_karantina.nilai: the offending value of a quarantined row, masked as the import page shows it.
alter table impor_karantina add column if not exists nilai varchar
