-- Webhook mode: Telegram redelivers an update it got no 200 for, and with several workers
-- behind a load balancer the copy may reach another worker. The first worker to record its
-- update_id here handles it; any later copy is dropped. Rows older than a day are pruned.
CREATE TABLE seen_updates (
    update_id INTEGER PRIMARY KEY,
    seen_at INTEGER NOT NULL
) STRICT;
CREATE INDEX seen_updates_at ON seen_updates (seen_at);
