-- PostgreSQL twin of ../0004_team.sql (foreign keys DEFERRABLE, as in 0001).
-- Team handoffs: an item posted in the team group ("Take it") gets an assignee, who then
-- receives its reminders instead of the owner or the owner's deputy.
ALTER TABLE reminders ADD COLUMN assignee_id BIGINT REFERENCES users(id) DEFERRABLE;
ALTER TABLE invoices ADD COLUMN assignee_id BIGINT REFERENCES users(id) DEFERRABLE;
ALTER TABLE contracts ADD COLUMN assignee_id BIGINT REFERENCES users(id) DEFERRABLE;
CREATE INDEX absences_open ON absences (ended_at, start_on, end_on);
