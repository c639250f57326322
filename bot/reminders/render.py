"""What a delivered reminder looks like: text (HTML) and buttons, in the reader's language.

Buttons are plain (label, callback_data) rows here; the sender adapter turns them into
Telegram markup, so this module stays free of Telegram types.
"""

from __future__ import annotations

import html
import re
from datetime import date, datetime

from bot import callbacks, fmt
from bot.callbacks import CLIENT, CONTRACT, REMINDER
from bot.dates import notice_deadline
from bot.i18n import Html, Translator
from bot.reminders import generated
from bot.reminders.obligations import Digest, totals
from bot.reminders.service import SNOOZE_HOUR, SNOOZE_OTHER, SNOOZE_TOMORROW, SNOOZE_WEEK
from storage.obligations import ColdClient, Renewal
from storage.reminders import DROPPED, RESTARTED, Reminder
from storage.users import User

Buttons = list[list[tuple[str, str]]]

ICONS = {
    "call": "📞",
    "meeting": "🤝",
    "follow_up": "🔔",
    "payment": "💶",
    "renewal": "📄",
    "cadence": "🧊",
    "custom": "🔔",
}
DONE, SNOOZE, LOG_CALL = "done", "sn", "log"
LIST_DONE, LIST_LATER = "ld", "lh"  # the same from a list, which is shown again after
_TAG = re.compile(r"<[^>]+>")


def zone(reminder: Reminder, reader: User) -> str:
    return reader.timezone or reminder.tz or "UTC"


def body(reminder: Reminder, reader: User) -> str:
    """The reminder itself: icon, client, text, when it was due, and any notes."""
    t = Translator(reader.language)
    icon = ICONS.get(reminder.kind, "🔔")
    head = f"{icon} <b>{html.escape(reminder.client_name)}</b>" if reminder.client_name else icon
    lines = [head, html.escape(generated.show(reminder.text, reader.language))]
    lines.append(
        t(
            "reminder.due",
            when=fmt.local(reminder.due_at, zone(reminder, reader), reader.language),
        )
    )
    shifted = dst_shift(reminder, reader.language)
    if shifted is not None:
        lines.append(t("reminder.dst_shifted", wall=shifted[0], actual=shifted[1]))
    if reminder.uncertain:
        key = REPEAT_MARKERS.get(reminder.last_error or "", "reminder.repeat_after_timeout")
        lines.append(f"<i>{t(key)}</i>")
    return "\n".join(lines)


REPEAT_MARKERS = {
    RESTARTED: "reminder.repeat_after_restart",
    DROPPED: "delivery.repeat_after_drop",
}


def dst_shift(reminder: Reminder, lang: str) -> tuple[str, str] | None:
    """(intended wall time, actual) when a DST gap moved this occurrence of a series."""
    if not (reminder.rrule and reminder.local_time and reminder.tz):
        return None
    intended = fmt.clock(datetime.fromisoformat(reminder.local_time), lang)
    actual = fmt.clock(fmt.to_local(reminder.due_at, reminder.tz), lang)
    return (intended, actual) if intended != actual else None


def buttons(reminder: Reminder, reader: User) -> Buttons:
    t = Translator(reader.language)
    rid = reminder.id
    working = fmt.minute_of_day(reader.working_minute, reader.language)
    rows: Buttons = [
        [
            (t("reminder.btn_done"), callbacks.data(REMINDER, DONE, rid)),
            (t("reminder.btn_snooze_hour"), callbacks.data(REMINDER, SNOOZE, rid, SNOOZE_HOUR)),
        ],
        [
            (
                t.plain("reminder.btn_snooze_tomorrow", time=working),
                callbacks.data(REMINDER, SNOOZE, rid, SNOOZE_TOMORROW),
            ),
            (t("reminder.btn_snooze_week"), callbacks.data(REMINDER, SNOOZE, rid, SNOOZE_WEEK)),
            (t("reminder.btn_snooze_other"), callbacks.data(REMINDER, SNOOZE, rid, SNOOZE_OTHER)),
        ],
    ]
    if reminder.kind == "renewal" and reminder.contract_id is not None:
        rows.append(
            [
                (t("renewals.btn_renewed"), callbacks.data(CONTRACT, "ren", reminder.contract_id)),
                (
                    t("renewals.btn_not_renewing"),
                    callbacks.data(CONTRACT, "not", reminder.contract_id),
                ),
            ]
        )
    if reminder.client_id is not None:
        rows.append(
            [
                (t("reminder.btn_log_call"), callbacks.data(REMINDER, LOG_CALL, rid)),
                (t("reminder.btn_open_client"), callbacks.data(CLIENT, "open", reminder.client_id)),
            ]
        )
    return rows


def digest(items: list[Reminder], reader: User) -> str:
    """One "while I was offline" message for many missed reminders, oldest first."""
    t = Translator(reader.language)
    lines = [t("reminder.offline_digest", count=len(items))]
    for item in items:
        text = line_text(item, reader)
        when = fmt.local(item.due_at, zone(item, reader), reader.language)
        icon = ICONS.get(item.kind, "🔔")
        lines.append(t("reminder.digest_line", icon=icon, id=item.id, when=when, text=text))
    lines.append(t("reminder.digest_footer"))
    return "\n".join(lines)


def daily_digest(digest: Digest) -> str:
    """The morning digest in its reader's language, one section per non-empty part."""
    user, now = digest.user, digest.now
    t = Translator(user.language)
    lines = [t("obligation.digest_title")]
    if digest.todo:
        lines += ["", t("obligation.digest_today")]
        lines += [list_line(r, user, now) for r in digest.todo]
    if digest.overdue:
        lines += ["", t("obligation.digest_overdue", totals=totals(digest.overdue, t.lang))]
        lines += [
            t(
                "obligation.digest_invoice",
                client=i.client_name,
                number=i.number or t("obligation.no_number"),
                amount=fmt.money(i.amount_minor, i.currency, t.lang),
                due_on=fmt.iso_day(i.due_on, t.lang),
            )
            for i in digest.overdue
        ]
    if digest.soon:
        lines += ["", t("obligation.digest_renewals")]
        lines += [renewal_line(r, user) for r in digest.soon]
    if digest.cold:
        lines += ["", t("obligation.digest_cold")]
        lines += [cold_line(c, user, now) for c in digest.cold]
    return "\n".join(lines)


def closed_note(key: str, reader: User, actor: User, at: int, **extra: object) -> str:
    """The line appended to a reminder after an action: "Done by Anna at 10:42"."""
    t = Translator(reader.language)
    time = fmt.clock(fmt.to_local(at, reader.timezone), reader.language)
    return t(key, name=actor.name, time=time, **extra)


def with_note(text: str, note: str) -> Html:
    return Html(f"{text}\n\n{note}")


def on_behalf(text: str, reader: User, owner: User) -> str:
    """A reminder delivered to a deputy (or the team group) says whose it is."""
    note = Translator(reader.language)("team.for_absent", name=owner.name)
    return f"👤 <i>{note}</i>\n{text}"


def plain(text: str) -> str:
    """The HTML text as plain text, for a resend after "can't parse entities"."""
    return html.unescape(_TAG.sub("", text))


def line_text(item: Reminder, reader: User) -> str:
    """ "Acme: call about the renewal", in the reader's language for generated reminders."""
    text = generated.show(item.text, reader.language)
    return f"{item.client_name}: {text}" if item.client_name else text


def list_line(item: Reminder, reader: User, now: int) -> str:
    """One reminder in a list: "#12 Tue 24 Nov 10:00 📞 Acme: call" (overdue flagged)."""
    t = Translator(reader.language)
    text = line_text(item, reader)
    when = fmt.local(item.due_at, zone(item, reader), reader.language)
    if item.due_at <= now:
        when = f"{when} {t('reminder.list_overdue')}"
    icon = ICONS.get(item.kind, "🔔")
    return t("reminder.list_line", id=item.id, when=when, icon=icon, text=text)


def agenda(
    items: list[Reminder], reader: User, title: str, now: int, shown: int, *, footer: bool = True
) -> str:
    """A list with short ids, soonest first; overdue items are flagged."""
    t = Translator(reader.language)
    if not items:
        return t("reminder.list_empty")
    lines = [title, *(list_line(item, reader, now) for item in items[:shown])]
    if len(items) > shown:
        lines.append(t("reminder.list_more", count=len(items) - shown))
    if footer:
        lines += ["", t("reminder.list_footer")]
    return "\n".join(lines)


def renewal_line(
    renewal: Renewal, reader: User, *, today: date | None = None, owner: bool = False
) -> str:
    """ "2027-03-31 Acme: Support (notice by 2027-01-30), 12000.00 EUR", with the owner in a
    team list and a flag when the notice deadline is already over (given `today`)."""
    t = Translator(reader.language)
    value = ""
    if renewal.value_minor is not None and renewal.currency:
        value = f", {fmt.money(renewal.value_minor, renewal.currency, t.lang)}"
    deadline = notice_deadline(renewal.end_on, renewal.notice_days)
    line = t(
        "obligation.renewal_line",
        end_on=fmt.iso_day(renewal.end_on, t.lang),
        client=renewal.client_name,
        title=renewal.title or t("obligation.no_title"),
        deadline=fmt.day(deadline, t.lang, weekday=False),
        value=value,
    )
    if owner:
        line += t("renewals.owner", name=renewal.owner_name)
    if today is not None and deadline < today:
        line += " " + t("renewals.notice_passed")
    return line


def cold_line(client: ColdClient, reader: User, now: int) -> str:
    t = Translator(reader.language)
    return t(
        "obligation.cold_line",
        star="⭐ " if client.key_account else "",
        client=client.name,
        days=t("count.days", count=(now - client.since) // 86400),
        cadence=t("count.days", count=client.cadence_days),
    )


def list_buttons(items: list[Reminder], reader: User, days: int) -> Buttons:
    """One row per item of a list: "✅ #12" and "⏰ 1 h #12"."""
    t = Translator(reader.language)
    return [
        [
            (
                f"{t('reminder.btn_done')} #{item.id}",
                callbacks.data(REMINDER, LIST_DONE, item.id, days),
            ),
            (
                f"{t('reminder.btn_snooze_hour')} #{item.id}",
                callbacks.data(REMINDER, LIST_LATER, item.id, days),
            ),
        ]
        for item in items
    ]
