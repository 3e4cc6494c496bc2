-- WingDesk schema v6: a covering index that keeps each prisoner's records together, so a timeline reads a few
-- neighbouring pages instead of one scattered page per record (each page costs a decryption; storage benchmark).
-- Full-text search returns newest first, so it no longer ranks every match.
CREATE INDEX records_timeline_cover ON records (prisoner_id, occurred_at, seq, kind, id, wing, author_id,
    author_name, author_role, recorded_at, sensitivity, revision, day, shift_id, status, body);
DROP INDEX records_timeline;
-- The roster's per-prisoner alert lookup reads only this index.
CREATE INDEX records_alert_cover ON records (prisoner_id, kind, status, seq, subtype);
DROP INDEX records_prisoner_kind;
