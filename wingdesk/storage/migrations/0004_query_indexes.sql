-- WingDesk schema v4: indexes found missing by benchmarks/storage.py (record heads joined by seq; alerts per prisoner).
CREATE UNIQUE INDEX record_heads_by_seq ON record_heads (seq);
CREATE INDEX records_prisoner_kind ON records (prisoner_id, kind, status);
