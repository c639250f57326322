-- PostgreSQL twin of ../0010_babel_money_team_language.sql (BIGINT for INTEGER, identity keys, DEFERRABLE foreign keys).
-- Amounts follow Babel's currency data (bot.fmt.currency_digits) instead of the old
-- hand-written table, which gave these currencies more decimals than CLDR does: forint,
-- rupiah, peso colombiano and the others below have none, the Iraqi dinar none instead of
-- three. Stored minor units are rescaled so every amount keeps its value (rounded to a
-- whole unit, never below 1, as amounts are positive).
UPDATE invoices SET amount_minor = GREATEST(1, CAST(ROUND(amount_minor / 100.0) AS BIGINT))
WHERE currency IN ('AFN', 'ALL', 'COP', 'HUF', 'IDR', 'IRR', 'KPW', 'LAK', 'LBP', 'MGA',
                   'MMK', 'SOS', 'SYP', 'YER');
UPDATE invoices SET amount_minor = GREATEST(1, CAST(ROUND(amount_minor / 1000.0) AS BIGINT))
WHERE currency = 'IQD';
UPDATE contracts SET value_minor = GREATEST(1, CAST(ROUND(value_minor / 100.0) AS BIGINT))
WHERE value_minor IS NOT NULL
  AND currency IN ('AFN', 'ALL', 'COP', 'HUF', 'IDR', 'IRR', 'KPW', 'LAK', 'LBP', 'MGA',
                   'MMK', 'SOS', 'SYP', 'YER');
UPDATE contracts SET value_minor = GREATEST(1, CAST(ROUND(value_minor / 1000.0) AS BIGINT))
WHERE value_minor IS NOT NULL AND currency = 'IQD';

-- The team group has its own language and time zone (chosen with /register_team and the
-- team settings); handoffs, return summaries, escalations and admin notices use them.
-- NULL means "not chosen yet": the registering admin's language and zone are used.
ALTER TABLE team_chats ADD COLUMN language TEXT;
ALTER TABLE team_chats ADD COLUMN timezone TEXT;
UPDATE team_chats SET
    language = (SELECT language FROM users WHERE users.id = team_chats.registered_by),
    timezone = (SELECT timezone FROM users WHERE users.id = team_chats.registered_by);
