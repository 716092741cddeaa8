-- impor_karantina.tersamar: true for rows stored masked (data holds no readable personal data);
-- null on rows of imports before the masking, whose data the next import drops.
alter table impor_karantina add column if not exists tersamar boolean
