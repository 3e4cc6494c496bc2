-- WingDesk schema v7: per-alphabet sort keys for names (wingdesk.domain.collation); filled by the program.
ALTER TABLE prisoners ADD COLUMN sort_en TEXT;
ALTER TABLE prisoners ADD COLUMN sort_sq TEXT;
ALTER TABLE prisoners ADD COLUMN sort_gaj TEXT;
ALTER TABLE prisoners ADD COLUMN sort_sr TEXT;
ALTER TABLE prisoners ADD COLUMN sort_mk TEXT;
