-- What a user's last change was, kept in the database so a restart (or another worker) still
-- knows it (issue 12.5). One row per user.
-- `command`, `command_at`: the last typed command that changed something, as typed (spaces
-- squeezed), and when (UTC epoch seconds). The same command again within a minute is a retry
-- after a slow answer: it is answered, not run a second time.
-- `lost_what`: a change that was saved while every answer to it failed; the user's next
-- message is answered with it first, then it is cleared.
CREATE TABLE answer_receipts (
    user_id INTEGER PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
    command TEXT,
    command_at INTEGER,
    lost_what TEXT
) STRICT;
