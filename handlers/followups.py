"""Follow-ups typed in plain words, /remind, and forwarded messages.

A plain text (not a command, not inside a conversation: registered after all of them) is
read as a follow-up and answered with its interpretation and Save / Change time / Change
client / Cancel. The draft stays in `user_data` under a short id (callback data holds only
`fu:<action>:<id>[:arg]`); a "Change time" or "Change client" makes the next typed text the
answer. A problem (a past time, two possible days, an unknown client...) is asked about
with buttons; Save appears only when nothing is left to ask.
"""

from __future__ import annotations

import html
from datetime import date, datetime, timedelta

from telegram import (
    InlineKeyboardMarkup,
    MessageOriginChannel,
    MessageOriginChat,
    MessageOriginHiddenUser,
    MessageOriginUser,
    Update,
)

from bot import callbacks
from bot.callbacks import FOLLOW_UP
from bot.context import AppContext
from bot.errors import NotAllowed
from bot.i18n import Html, Translator
from bot.names import ClientRef
from bot.recurrence import parse_rule
from bot.services.followups import Draft
from bot.timefmt import format_day, format_moment
from handlers.clients import edit_or_send
from handlers.common import keyboard, reply
from storage.clients import Client
from storage.contracts import Contract

DRAFTS = "followups.drafts"  # {draft id: Draft}
FORWARDS = "followups.forwards"  # {forward id: (text, sender name)}
WAITING = "followups.waiting"  # ("time" | "client" | "forward", id): the next text answers
NEXT_ID = "followups.next"
CREATED = "followups.created"  # {draft id: name of the client created from its card}
WAIT_SECONDS = 15 * 60  # how long a typed answer to "Change time" / "Change client" is awaited
KEEP = 20  # drafts kept per user; older ones answer "no longer open"
WEEKDAY_CODES = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")


# -- entry points ------------------------------------------------------------------------


async def typed(update: Update, context: AppContext) -> None:
    """Any plain text outside a conversation: an answer we wait for, else a follow-up."""
    user = context.required_user
    text = update.effective_message.text or ""
    what, key, since = context.user_data.pop(WAITING, None) or ("", "", 0)
    if context.services.clock.timestamp() - since > WAIT_SECONDS:
        what = ""  # an old "Change time" does not swallow a new follow-up
    if what and user.can_write:
        if what == "time" and key in _drafts(context):
            draft = await context.services.followups.retime(user, _drafts(context)[key], text)
            _drafts(context)[key] = draft
            await reply(update, *_card(context, key, draft))
            return
        if what == "client" and key in _drafts(context):
            await _ask_client(update, context, key, text)
            return
        if what == "newname" and key in _drafts(context):
            await _create_client(update, context, key, text)
            return
        if what == "forward" and key in _forwards(context):
            await _offer_log(update, context, key, typed_name=text)
            return
    await _interpret(update, context, text, explicit=False)


async def remind_command(update: Update, context: AppContext) -> None:
    """/remind TEXT: the same reading, shown even when it does not look like a follow-up."""
    text = " ".join(context.args or []).strip()
    if not text:
        await reply(update, context.t("usage.remind"))
        return
    context.user_data.pop(WAITING, None)
    await _interpret(update, context, text, explicit=True)


async def forwarded(update: Update, context: AppContext) -> None:
    """A forwarded text: offer to log it with its client, then propose a follow-up."""
    user = context.required_user
    if not user.can_write:
        raise NotAllowed("followup.viewer")
    message = update.effective_message
    text = (message.text or message.caption or "").strip()
    key = _new_id(context)
    _forwards(context)[key] = (text, _sender(message.forward_origin))
    _trim(_forwards(context))
    context.user_data.pop(WAITING, None)
    await _offer_log(update, context, key)


async def pressed(update: Update, context: AppContext) -> None:
    """fu:<action>:<id>[:arg] buttons under a confirmation card or a forward."""
    query = update.callback_query
    action, key, *rest = callbacks.parts(query.data, FOLLOW_UP)
    user = context.required_user
    service = context.services.followups
    if action in ("fl", "fs"):
        await _forward_pressed(update, context, action, key, rest)
        return
    draft = _drafts(context).get(key)
    if draft is None:
        await query.answer(context.t("followup.expired"), show_alert=True)
        return
    if action == "x":
        _drafts(context).pop(key, None)
        context.user_data.pop(WAITING, None)
        created = _created(context).pop(key, None)
        await query.answer()
        text = (
            context.t("followup.cancelled_client_kept", name=created)
            if created
            else context.t("followup.cancelled")
        )
        await edit_or_send(update, context, text, None)
        return
    if action == "s":
        if not draft.ready:
            await query.answer(context.t("followup.unresolved"), show_alert=True)
            return
        if draft.contract_end is not None:
            contract = await service.save_contract(user, draft)
            text = _contract_saved(context, draft.client.name if draft.client else "", contract)
        else:
            saved = await service.save(user, draft)
            text = context.t("followup.saved", id=saved.id, summary=_summary(context, draft))
        _drafts(context).pop(key, None)
        context.user_data.pop(WAITING, None)
        await query.answer()
        await edit_or_send(update, context, text, None)
        return
    if action == "t":
        _wait(context, "time", key)
        await query.answer()
        await reply(update, context.t("followup.ask_time"))
        return
    if action == "c":
        await query.answer()
        await _ask_client(update, context, key, None)
        return
    if action == "a":
        offered = _alternatives(draft)
        if int(rest[0]) >= len(offered):  # a forged index: no such button was sent
            await query.answer(context.t("callback.invalid"))
            return
        draft = service.at(user, draft, offered[int(rest[0])])
    elif action == "n":
        draft = service.at(user, draft, None)
    elif action == "p":
        client = await context.services.clients.get(int(rest[0]))
        draft = await service.anchored(
            user, service.with_client(draft, ClientRef(client.id, client.name))
        )
    elif action == "w":
        draft = await service.anchored(user, service.with_client(draft, None))
    elif action == "nc":  # the proposed name can be changed before the client exists
        _wait(context, "newname", key)
        await query.answer()
        button = (
            context.t("followup.btn_create", name=(draft.client_text or "")[:40]),
            callbacks.data(FOLLOW_UP, "ncy", key),
        )
        await reply(
            update,
            context.t("followup.ask_new_name", name=draft.client_text or ""),
            keyboard([[button]]),
        )
        return
    elif action == "ncy":
        context.user_data.pop(WAITING, None)
        await query.answer()
        await _create_client(update, context, key, None)
        return
    else:
        await query.answer()
        return
    context.user_data.pop(WAITING, None)
    _drafts(context)[key] = draft
    await query.answer()
    await edit_or_send(update, context, *_card(context, key, draft))


# -- steps -------------------------------------------------------------------------------


async def _interpret(update: Update, context: AppContext, text: str, *, explicit: bool) -> None:
    user = context.required_user
    if not user.can_write:
        raise NotAllowed("followup.viewer")
    draft = await context.services.followups.interpret(user, text)
    if not explicit and not draft.looks_like_follow_up:
        await reply(update, context.t("followup.hint"))
        return
    await _show_new(update, context, draft)


async def propose_next_step(update: Update, context: AppContext, client: Client, text: str) -> None:
    """The confirmation card for a next step typed while logging (`next:` in /log, the
    answer to "Next step?"): the logged client unless the text names another."""
    user = context.required_user
    service = context.services.followups
    draft = await service.interpret(user, text)
    if draft.client is None:
        draft = await service.anchored(
            user, service.with_client(draft, ClientRef(client.id, client.name))
        )
    await _show_new(update, context, draft)


async def _show_new(update: Update, context: AppContext, draft: Draft) -> str:
    key = _new_id(context)
    _drafts(context)[key] = draft
    _trim(_drafts(context))
    await reply(update, *_card(context, key, draft))
    return key


async def remind_client(update: Update, context: AppContext, client: ClientRef, text: str) -> str:
    """The card's "Remind": the typed what-and-when for `client`, read as a follow-up. Returns
    the draft's id when only a date was typed (the caller asks what to do), else ""."""
    user = context.required_user
    draft = await context.services.followups.for_client(user, client, text)
    if draft.due is not None and not draft.task:
        key = _new_id(context)
        _drafts(context)[key] = draft
        _trim(_drafts(context))
        await reply(update, context.t("remind.ask_what", client=client.name))
        return key
    await _show_new(update, context, draft)
    return ""


async def remind_what(update: Update, context: AppContext, key: str, text: str) -> bool:
    """The answer to "What should I remind you to do?": the card to confirm. False when
    the draft is gone (expired)."""
    draft = _drafts(context).get(key)
    if draft is None:
        return False
    draft = context.services.followups.with_task(draft, text)
    _drafts(context)[key] = draft
    await reply(update, *_card(context, key, draft))
    return True


async def _create_client(update: Update, context: AppContext, key: str, name: str | None) -> None:
    """Create the draft's client (as proposed, or as typed) and show the card again."""
    service, user = context.services.followups, context.required_user
    draft = await service.anchored(
        user, await service.create_client(user, _drafts(context)[key], name)
    )
    _drafts(context)[key] = draft
    if draft.client is not None:
        _created(context)[key] = draft.client.name
    await reply(update, *_card(context, key, draft))


async def _ask_client(update: Update, context: AppContext, key: str, typed: str | None) -> None:
    """Buttons with the closest clients (to the typed name, else to the draft's); a typed
    name answers too."""
    draft = _drafts(context)[key]
    choices = await context.services.followups.client_choices(draft, typed)
    _wait(context, "client", key)
    rows = [[(ref.name[:60], callbacks.data(FOLLOW_UP, "p", key, ref.id))] for ref in choices]
    rows.append([(context.t("followup.btn_without"), callbacks.data(FOLLOW_UP, "w", key))])
    text = (
        context.t("clients.not_found", query=typed[:100])
        if typed and not choices
        else context.t("followup.ask_client")
    )
    await reply(update, text, keyboard(rows))


async def _offer_log(
    update: Update, context: AppContext, key: str, typed_name: str | None = None
) -> None:
    """ "Log with <client>" buttons: by the typed name, else the sender's name and the text."""
    text, sender = _forwards(context)[key]
    service = context.services.followups
    if typed_name:
        choices = await service.client_choices(_EMPTY, typed_name)
    else:
        choices = await service.forward_clients(context.required_user, sender, text)
    rows = [
        [
            (
                context.t("followup.btn_log", name=ref.name[:40]),
                callbacks.data(FOLLOW_UP, "fl", key, ref.id),
            )
        ]
        for ref in choices
    ]
    rows.append([(context.t("followup.btn_skip"), callbacks.data(FOLLOW_UP, "fs", key))])
    who = sender or context.t("followup.someone")
    if choices:
        message = context.t("followup.forward", sender=who)
    else:
        _wait(context, "forward", key)
        message = context.t("followup.forward_unknown", sender=who)
    await reply(update, message, keyboard(rows))


async def _forward_pressed(
    update: Update, context: AppContext, action: str, key: str, rest: list[str]
) -> None:
    query = update.callback_query
    found = _forwards(context).pop(key, None)
    if found is None:
        await query.answer(context.t("followup.expired"), show_alert=True)
        return
    context.user_data.pop(WAITING, None)
    text, _ = found
    user = context.required_user
    service = context.services.followups
    client = None
    if action == "fl":
        row = await context.services.clients.get(int(rest[0]))
        client = ClientRef(row.id, row.name)
        logged = await service.log_forward(user, client.id, text)
        note = context.t("followup.forward_logged", client=client.name, id=logged.id)
    else:
        note = context.t("followup.forward_skipped")
    await query.answer()
    await edit_or_send(update, context, note, None)
    draft = await service.propose(user, text, client) if text else None
    if draft is not None:
        await _show_new(update, context, draft)


# -- rendering ---------------------------------------------------------------------------


def _card(context: AppContext, key: str, draft: Draft) -> tuple[str, InlineKeyboardMarkup]:
    """The interpretation, its questions and the buttons."""
    t = context.t
    lines = [_summary(context, draft)]
    if draft.typed_zone:
        lines.append(t("nlu.typed_zone", typed=draft.typed_zone))
    rows: list[list[tuple[str, str]]] = []
    alternatives = _alternatives(draft)
    codes = draft.codes
    for problem in draft.problems:
        if problem.code == "unknown_client":
            lines.append(t("followup.q.unknown_client", name=draft.client_text or ""))
        elif problem.code == "needs_client":
            lines.append(t("renewals.q_needs_client"))
        elif problem.code == "no_contract" and draft.client:
            lines.append(t("renewals.q_no_contract", client=draft.client.name))
        elif problem.code == "unread_time":
            lines.append(t("nlu.q.unread_time", span=problem.text or ""))
        elif problem.code in ("past", "impossible_date", "dst_gap", "bad_time",
                              "time_not_honoured", "negative_offset", "no_date",
                              "ambiguous_client"):  # fmt: skip
            lines.append(t(f"followup.q.{problem.code}"))
    if alternatives and not any(code in codes for code in ("past", "impossible_date", "dst_gap")):
        lines.append(t("followup.q.pick"))
    lang = context.required_user.language
    alt_row = [
        (format_moment(moment, lang), callbacks.data(FOLLOW_UP, "a", key, index))
        for index, moment in enumerate(alternatives)
    ]
    if "past" in codes:
        alt_row.insert(0, (t("followup.btn_now"), callbacks.data(FOLLOW_UP, "n", key)))
    if alt_row:
        rows.append(alt_row)
    if "ambiguous_client" in codes:
        rows += [
            [(ref.name[:60], callbacks.data(FOLLOW_UP, "p", key, ref.id))]
            for ref in draft.candidates
        ]
    if "unknown_client" in codes and draft.client_text:
        rows.append(
            [
                (
                    t("followup.btn_create", name=draft.client_text[:40]),
                    callbacks.data(FOLLOW_UP, "nc", key),
                ),
                (t("followup.btn_without"), callbacks.data(FOLLOW_UP, "w", key)),
            ]
        )
    first = [(t("followup.btn_save"), callbacks.data(FOLLOW_UP, "s", key))] if draft.ready else []
    rows.append([*first, (t("followup.btn_time"), callbacks.data(FOLLOW_UP, "t", key))])
    rows.append(
        [
            (t("followup.btn_client"), callbacks.data(FOLLOW_UP, "c", key)),
            (t("followup.btn_cancel"), callbacks.data(FOLLOW_UP, "x", key)),
        ]
    )
    return "\n".join(lines), keyboard(rows)


def _summary(context: AppContext, draft: Draft) -> Html:
    """ "📞 Call · Acme GmbH · Tue 1 Dec 10:00 (Europe/Amsterdam) · call about the renewal"."""
    t, user = context.t, context.required_user
    client = html.escape(draft.client.name) if draft.client else t("followup.no_client")
    parts = [t(f"followup.kind.{draft.kind}"), client, _when(t, draft, user.timezone)]
    if draft.task:
        parts.append(html.escape(draft.task))
    if draft.contract_end is not None:
        end = format_day(date.fromisoformat(draft.contract_end), user.language)
        parts.append(t("renewals.draft_contract", end=end, days=draft.remind_days))
    return Html(" · ".join(parts))


def _contract_saved(context: AppContext, client: str, contract: Contract) -> str:
    """ "Saved: the contract of Acme ends Mon 1 Mar 2027; the renewal reminder comes ..." """
    lang = context.required_user.language
    end = date.fromisoformat(contract.end_on)
    remind = end - timedelta(days=contract.notice_days + contract.remind_days_before)
    return context.t(
        "renewals.followup_saved",
        client=client,
        end=format_day(end, lang),
        when=format_day(remind, lang),
    )


def _when(t: Translator, draft: Draft, tz: str) -> str:
    if draft.due is None:
        return t("followup.no_time")
    lang = t.lang
    if draft.rrule:
        return _rule_words(t, draft.rrule, draft.due)
    return t("followup.zone", when=format_moment(draft.due, lang), tz=tz)


def _rule_words(t: Translator, rrule: str, first: datetime) -> str:
    """ "every Monday 09:00" for the rules the parser writes; other rules stay literal."""
    clock = first.strftime("%H:%M")
    rule = parse_rule(rrule)
    names = t("followup.weekdays").split(",")
    days = t("followup.and").join(names[wd] for _, wd in rule.byday) if rule.byday else ""
    plain_days = all(n == 0 for n, _ in rule.byday)
    if rule.freq == "DAILY" and not rule.byday:
        if rule.interval == 1:
            return t("followup.every_day", time=clock)
        return t("followup.every_n_days", n=rule.interval, time=clock)
    if rule.freq == "WEEKLY" and rule.byday and plain_days:
        if rule.interval == 1:
            return t("followup.every_week", days=days, time=clock)
        return t("followup.every_n_weeks", n=rule.interval, days=days, time=clock)
    if rule.freq == "MONTHLY" and len(rule.bymonthday) == 1 and rule.interval == 1:
        return t("followup.every_month", day=rule.bymonthday[0], time=clock)
    return t("followup.repeats", rule=rrule, when=format_moment(first, t.lang))


def _alternatives(draft: Draft) -> list[datetime]:
    """The times offered as buttons: every problem's alternatives (a dst gap's moved time)."""
    found: list[datetime] = []
    for problem in draft.time_problems:
        options = problem.alternatives or (
            (draft.due,) if problem.code == "dst_gap" and draft.due else ()
        )
        found += [moment for moment in options if moment not in found]
    return found[:4]


def _sender(origin: object) -> str | None:
    if isinstance(origin, MessageOriginUser):
        return origin.sender_user.full_name
    if isinstance(origin, MessageOriginHiddenUser):
        return origin.sender_user_name
    if isinstance(origin, MessageOriginChat):
        return origin.sender_chat.title
    if isinstance(origin, MessageOriginChannel):
        return origin.chat.title
    return None


# -- user_data ---------------------------------------------------------------------------

_EMPTY = Draft(text="", due=None, rrule=None, kind="custom", task="")


def _wait(context: AppContext, what: str, key: str) -> None:
    """The next plain text answers `what` for draft (or forward) `key`."""
    context.user_data[WAITING] = (what, key, context.services.clock.timestamp())


def _drafts(context: AppContext) -> dict[str, Draft]:
    return context.user_data.setdefault(DRAFTS, {})


def _created(context: AppContext) -> dict[str, str]:
    """Drafts whose client was created from the card: Cancel must not say nothing was saved."""
    return context.user_data.setdefault(CREATED, {})


def _forwards(context: AppContext) -> dict[str, tuple[str, str | None]]:
    return context.user_data.setdefault(FORWARDS, {})


def _new_id(context: AppContext) -> str:
    number = context.user_data.get(NEXT_ID, 0) + 1
    context.user_data[NEXT_ID] = number
    return str(number)


def _trim(store: dict) -> None:
    while len(store) > KEEP:
        store.pop(next(iter(store)))
