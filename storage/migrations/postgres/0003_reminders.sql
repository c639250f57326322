-- PostgreSQL twin of ../0003_reminders.sql.
-- Reminder engine: look-ups of generated reminders by invoice and contract (the sync asks
-- "does this invoice already have a payment reminder?" on every sweep), and the date of the
-- last daily digest per user, so a digest goes out once per local day even across restarts.

CREATE INDEX reminders_invoice ON reminders (invoice_id) WHERE invoice_id IS NOT NULL;
CREATE INDEX reminders_contract ON reminders (contract_id) WHERE contract_id IS NOT NULL;

ALTER TABLE users ADD COLUMN digest_sent_on TEXT;
