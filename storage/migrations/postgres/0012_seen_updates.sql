-- PostgreSQL twin of ../0012_seen_updates.sql.
CREATE TABLE seen_updates (
    update_id BIGINT PRIMARY KEY,
    seen_at BIGINT NOT NULL
);
CREATE INDEX seen_updates_at ON seen_updates (seen_at);
