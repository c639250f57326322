-- Conversations and drafts live in the database (DESIGN 4b): a restart, or another worker
-- sharing the database, continues a "type it next" step or a follow-up card where it was.

-- The one step a user is in (settings, a card's typed field, a wizard, "Change time"...).
-- `state` names the wizard's question, `data` is JSON; it expires 15 minutes after
-- `updated_at` (the service checks against its clock, nothing deletes it on a timer).
CREATE TABLE pending_steps (
    user_id INTEGER PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
    kind TEXT NOT NULL,
    state TEXT NOT NULL DEFAULT '',
    data TEXT NOT NULL DEFAULT '{}',
    updated_at INTEGER NOT NULL
) STRICT;

-- A follow-up confirmation card (kind 'followup') or a forwarded text waiting for its client
-- (kind 'forward'). `version` grows with every change and is in the card's Save button, so a
-- Save on an older copy is refused; status open -> saved | cancelled (kept, so a second Save
-- answers "already saved" instead of saving twice).
CREATE TABLE drafts (
    id INTEGER PRIMARY KEY AUTOINCREMENT,  -- never reused: an old card must not reach a new draft
    user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    kind TEXT NOT NULL CHECK (kind IN ('followup', 'forward')),
    data TEXT NOT NULL,
    version INTEGER NOT NULL DEFAULT 1,
    status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'saved', 'cancelled')),
    result_id INTEGER,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
) STRICT;
CREATE INDEX drafts_by_user ON drafts (user_id, id);
