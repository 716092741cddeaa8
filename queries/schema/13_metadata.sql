-- Facts about the warehouse as a whole: kunci (key) and nilai (value), e.g. tanggal_data.
create table if not exists metadata (
    kunci varchar primary key,
    nilai varchar not null
);
