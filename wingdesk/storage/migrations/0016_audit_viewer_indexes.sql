-- WingDesk schema v16: the audit viewer filters by person, action and date (issue 14, oversight); without these a
-- filter over a large audit log reads every entry (benchmarks/audit_viewer.py).
CREATE INDEX audit_by_actor ON audit (actor, seq);
CREATE INDEX audit_by_action ON audit (action, seq);
CREATE INDEX audit_by_actor_action ON audit (actor, action, time);
CREATE INDEX audit_by_time ON audit (time);
