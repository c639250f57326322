"""The reminder engine: rows in `reminders` are the truth, PTB's JobQueue only wakes us up.

service.py      create / done / snooze / cancel / log a call (no Telegram types)
dispatcher.py   claim -> send -> mark, recovery, catch-up digests, fault handling
series.py       the next occurrence of a recurring reminder
obligations.py  payment, renewal and cadence reminders; lists; the daily digest
render.py       the reminder message and its buttons, lists, digests
when.py         the small time grammar of `/snooze 12 tomorrow 10:00`
delivery.py     what a send can end in (plain values) and the Sender / Timer seams
telegram.py     the only module here that imports telegram: sender and JobQueue timer
"""
