-- Dates offered as buttons instead of an impossible or past one typed in /contract, /invoice,
-- /snooze and snooze "Other time…" (handlers/datechoice.py). Kept in the database, not in the
-- process's memory, so a restart or another worker sharing the database still knows what a
-- pressed date resumes. `resume` names what runs again, `target` what it acts on (a client,
-- a reminder), `texts` the typed text once per date offered (a JSON array). Taken (deleted)
-- when a date is pressed; a user keeps the newest ten.
CREATE TABLE date_choices (
    id INTEGER PRIMARY KEY AUTOINCREMENT,  -- never reused: an old button must not reach a new offer
    user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    resume TEXT NOT NULL,
    target INTEGER NOT NULL,
    texts TEXT NOT NULL,
    created_at INTEGER NOT NULL
) STRICT;
CREATE INDEX date_choices_by_user ON date_choices (user_id, id);
