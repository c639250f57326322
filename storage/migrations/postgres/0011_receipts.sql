-- PostgreSQL twin of ../0011_receipts.sql (BIGINT for INTEGER, DEFERRABLE foreign key).
-- What a user's last change was, kept in the database so a restart (or another worker) still
-- knows it (issue 12.5). One row per user: the last typed command that changed something and
-- when (a retry within a minute is answered, not run twice), and a saved change whose answer
-- was lost (told with the user's next message, then cleared).
CREATE TABLE answer_receipts (
    user_id BIGINT PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE DEFERRABLE,
    command TEXT,
    command_at BIGINT,
    lost_what TEXT
);
