-- The whole data model of DESIGN.md section 3. Times are INTEGER UTC epoch seconds;
-- calendar dates (invoice due, contract end, absence days) are TEXT 'YYYY-MM-DD', because a
-- date has no time zone until a user's zone is applied to it. Money is INTEGER minor units
-- plus an ISO 4217 currency code, never a float.

CREATE TABLE users (
    id INTEGER PRIMARY KEY,                  -- Telegram user id
    name TEXT NOT NULL,
    username TEXT,
    role TEXT NOT NULL CHECK (role IN ('admin', 'manager', 'viewer')),
    language TEXT NOT NULL DEFAULT 'en' CHECK (language IN ('en', 'ru', 'nl', 'hu')),
    timezone TEXT NOT NULL DEFAULT 'UTC',
    working_minute INTEGER NOT NULL DEFAULT 540 CHECK (working_minute BETWEEN 0 AND 1439),
    digest_minute INTEGER CHECK (digest_minute BETWEEN 0 AND 1439),
    chat_id INTEGER,                          -- private chat; NULL until the user wrote to us
    deputy_id INTEGER REFERENCES users(id),
    supervisor_id INTEGER REFERENCES users(id),
    active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
    chat_blocked INTEGER NOT NULL DEFAULT 0 CHECK (chat_blocked IN (0, 1)),
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
) STRICT;

CREATE TABLE invites (
    id INTEGER PRIMARY KEY,
    code_sha256 TEXT NOT NULL UNIQUE,
    role TEXT NOT NULL CHECK (role IN ('admin', 'manager', 'viewer')),
    created_by INTEGER NOT NULL REFERENCES users(id),
    created_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL,
    used_by INTEGER,
    used_at INTEGER
) STRICT;

CREATE TABLE clients (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    name_key TEXT NOT NULL,
    company TEXT,
    contact_person TEXT,
    phone TEXT,
    email TEXT,
    segment TEXT CHECK (segment IN ('small', 'medium', 'large', 'government')),
    key_account INTEGER NOT NULL DEFAULT 0 CHECK (key_account IN (0, 1)),
    owner_id INTEGER NOT NULL REFERENCES users(id),
    status TEXT NOT NULL DEFAULT 'active'
        CHECK (status IN ('prospect', 'active', 'paused', 'lost')),
    loss_reason TEXT,
    renewal_date TEXT,
    payment_terms_days INTEGER CHECK (payment_terms_days BETWEEN 0 AND 3650),
    cadence_days INTEGER CHECK (cadence_days BETWEEN 1 AND 3650),   -- NULL: the tier default
    last_contact_at INTEGER,
    notes TEXT,
    tags TEXT,
    archived INTEGER NOT NULL DEFAULT 0 CHECK (archived IN (0, 1)),
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    version INTEGER NOT NULL DEFAULT 1
) STRICT;
CREATE INDEX clients_owner ON clients (owner_id, archived);
CREATE INDEX clients_name_key ON clients (name_key);

CREATE TABLE contacts (
    id INTEGER PRIMARY KEY,
    client_id INTEGER NOT NULL REFERENCES clients(id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    role TEXT,
    phone TEXT,
    email TEXT,
    decision_maker INTEGER NOT NULL DEFAULT 0 CHECK (decision_maker IN (0, 1)),
    created_at INTEGER NOT NULL
) STRICT;
CREATE INDEX contacts_client ON contacts (client_id);

CREATE TABLE interactions (
    id INTEGER PRIMARY KEY,
    client_id INTEGER NOT NULL REFERENCES clients(id) ON DELETE CASCADE,
    user_id INTEGER NOT NULL REFERENCES users(id),
    kind TEXT NOT NULL
        CHECK (kind IN ('call', 'meeting', 'email', 'message', 'note', 'complaint')),
    happened_at INTEGER NOT NULL,
    summary TEXT NOT NULL,
    outcome TEXT,
    decisions TEXT,
    next_step TEXT,
    place TEXT,
    complaint_status TEXT CHECK (complaint_status IN ('open', 'resolved')),
    created_at INTEGER NOT NULL
) STRICT;
CREATE INDEX interactions_client ON interactions (client_id, happened_at DESC);
CREATE INDEX interactions_user ON interactions (user_id, happened_at);

CREATE TABLE invoices (
    id INTEGER PRIMARY KEY,
    client_id INTEGER NOT NULL REFERENCES clients(id) ON DELETE CASCADE,
    number TEXT,
    amount_minor INTEGER NOT NULL CHECK (amount_minor > 0),
    currency TEXT NOT NULL CHECK (length(currency) = 3),
    issued_on TEXT,
    due_on TEXT NOT NULL,
    paid_at INTEGER,
    created_by INTEGER REFERENCES users(id),
    created_at INTEGER NOT NULL
) STRICT;
CREATE INDEX invoices_open ON invoices (paid_at, due_on);
CREATE INDEX invoices_client ON invoices (client_id);

CREATE TABLE contracts (
    id INTEGER PRIMARY KEY,
    client_id INTEGER NOT NULL REFERENCES clients(id) ON DELETE CASCADE,
    title TEXT,
    start_on TEXT,
    end_on TEXT NOT NULL,
    notice_days INTEGER NOT NULL DEFAULT 0 CHECK (notice_days BETWEEN 0 AND 3650),
    remind_days_before INTEGER NOT NULL DEFAULT 30 CHECK (remind_days_before BETWEEN 0 AND 3650),
    value_minor INTEGER,
    currency TEXT,
    renewed INTEGER NOT NULL DEFAULT 0 CHECK (renewed IN (0, 1)),
    created_at INTEGER NOT NULL
) STRICT;
CREATE INDEX contracts_end ON contracts (end_on);
CREATE INDEX contracts_client ON contracts (client_id);

CREATE TABLE reminders (
    id INTEGER PRIMARY KEY,
    owner_id INTEGER NOT NULL REFERENCES users(id),
    chat_id INTEGER NOT NULL,
    client_id INTEGER REFERENCES clients(id) ON DELETE CASCADE,
    invoice_id INTEGER REFERENCES invoices(id) ON DELETE CASCADE,
    contract_id INTEGER REFERENCES contracts(id) ON DELETE CASCADE,
    kind TEXT NOT NULL
        CHECK (kind IN ('call', 'meeting', 'follow_up', 'payment', 'renewal', 'cadence', 'custom')),
    text TEXT NOT NULL,
    due_at INTEGER NOT NULL,
    local_time TEXT,                          -- wall time 'YYYY-MM-DDTHH:MM' for wall-clock rules
    tz TEXT,
    rrule TEXT,
    status TEXT NOT NULL DEFAULT 'pending'
        CHECK (status IN ('pending', 'sending', 'sent', 'done', 'snoozed', 'cancelled',
                          'failed', 'held')),
    attempts INTEGER NOT NULL DEFAULT 0,
    repeats INTEGER NOT NULL DEFAULT 0,       -- payment reminders: unanswered repeats so far
    uncertain INTEGER NOT NULL DEFAULT 0 CHECK (uncertain IN (0, 1)),
    claimed_at INTEGER,
    sent_at INTEGER,
    message_id INTEGER,
    delivered_to INTEGER,                     -- user it was actually sent to (deputy routing)
    last_error TEXT,
    done_by INTEGER,
    done_at INTEGER,
    created_by INTEGER,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
) STRICT;
CREATE INDEX reminders_due ON reminders (status, due_at);
CREATE INDEX reminders_owner ON reminders (owner_id, status, due_at);
CREATE INDEX reminders_client ON reminders (client_id);

CREATE TABLE absences (
    id INTEGER PRIMARY KEY,
    user_id INTEGER NOT NULL REFERENCES users(id),
    start_on TEXT NOT NULL,
    end_on TEXT NOT NULL,
    deputy_id INTEGER REFERENCES users(id),
    reason TEXT,
    ended_at INTEGER,
    handoff_posted_at INTEGER,
    summary_sent_at INTEGER,
    created_at INTEGER NOT NULL,
    CHECK (end_on >= start_on)
) STRICT;
CREATE INDEX absences_user ON absences (user_id, start_on);

CREATE TABLE team_chats (
    chat_id INTEGER PRIMARY KEY,
    title TEXT,
    active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
    show_amounts INTEGER NOT NULL DEFAULT 0 CHECK (show_amounts IN (0, 1)),
    registered_by INTEGER REFERENCES users(id),
    created_at INTEGER NOT NULL
) STRICT;

CREATE TABLE audit (
    id INTEGER PRIMARY KEY,
    user_id INTEGER,
    action TEXT NOT NULL,
    entity TEXT NOT NULL,
    entity_id INTEGER,
    details TEXT,
    at INTEGER NOT NULL
) STRICT;
CREATE INDEX audit_entity ON audit (entity, entity_id);
