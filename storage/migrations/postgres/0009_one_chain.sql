-- PostgreSQL twin of ../0009_one_chain.sql (the same statements: they are portable).
-- One open generated reminder per thing it is about (issue 12): a payment reminder per
-- invoice, a renewal reminder per contract, a "going cold" nudge per client. "Open" means
-- waiting to be sent (pending, being sent, or held for a blocked chat); a sent one waits for
-- Done and its repeat is the next waiting one. Snoozes and the 3-day repeat used to fork a
-- payment chain into several; older databases may hold such forks: keep the first of each.

UPDATE reminders SET status = 'cancelled', last_error = 'duplicate of an open reminder'
 WHERE status IN ('pending', 'sending', 'held') AND kind = 'payment' AND invoice_id IS NOT NULL
   AND id NOT IN (SELECT MIN(id) FROM reminders
                   WHERE status IN ('pending', 'sending', 'held') AND kind = 'payment'
                     AND invoice_id IS NOT NULL
                   GROUP BY invoice_id);

UPDATE reminders SET status = 'cancelled', last_error = 'duplicate of an open reminder'
 WHERE status IN ('pending', 'sending', 'held') AND kind = 'renewal' AND contract_id IS NOT NULL
   AND id NOT IN (SELECT MIN(id) FROM reminders
                   WHERE status IN ('pending', 'sending', 'held') AND kind = 'renewal'
                     AND contract_id IS NOT NULL
                   GROUP BY contract_id);

UPDATE reminders SET status = 'cancelled', last_error = 'duplicate of an open reminder'
 WHERE status IN ('pending', 'sending', 'held') AND kind = 'cadence' AND client_id IS NOT NULL
   AND id NOT IN (SELECT MIN(id) FROM reminders
                   WHERE status IN ('pending', 'sending', 'held') AND kind = 'cadence'
                     AND client_id IS NOT NULL
                   GROUP BY client_id);

CREATE UNIQUE INDEX reminders_one_open_payment ON reminders (invoice_id)
 WHERE kind = 'payment' AND status IN ('pending', 'sending', 'held');
CREATE UNIQUE INDEX reminders_one_open_renewal ON reminders (contract_id)
 WHERE kind = 'renewal' AND status IN ('pending', 'sending', 'held');
CREATE UNIQUE INDEX reminders_one_open_cadence ON reminders (client_id)
 WHERE kind = 'cadence' AND status IN ('pending', 'sending', 'held');
