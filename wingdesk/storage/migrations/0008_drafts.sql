-- WingDesk schema v8: a person's unsaved form, kept when the session locks (idle, user switch, closing) and
-- offered back to that person only, at their next sign-in. Encrypted like everything in this file; never a record,
-- never synced, gone once taken back or when the account is removed.
CREATE TABLE drafts (
    user_id TEXT NOT NULL REFERENCES users(id),
    form TEXT NOT NULL,
    fields TEXT NOT NULL,
    saved_at TEXT NOT NULL,
    PRIMARY KEY (user_id, form)
) STRICT;
