-- PostgreSQL twin of ../0007_renewals.sql (BIGINT for INTEGER).
-- Renewals close the loop. "Not renewing" keeps why and when (the contract then leaves
-- /renewals, handoffs and reminders; `renewed` stays 0, so reports count it as not renewed).
-- "Renewed" sets renewed = 1 and inserts the next contract beside it.
ALTER TABLE contracts ADD COLUMN ended_reason TEXT;
ALTER TABLE contracts ADD COLUMN ended_at BIGINT;
CREATE INDEX contracts_open ON contracts (client_id) WHERE renewed = 0 AND ended_at IS NULL;
-- When the end date or the reminder offset last changed: generated renewal reminders older
-- than that belong to the old terms, so the sync makes a new one.
ALTER TABLE contracts ADD COLUMN terms_at BIGINT;
