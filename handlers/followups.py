"""Follow-ups typed in plain words, /remind, and forwarded messages.

A plain text that no step took (handlers/steps.py routes those first) is read as a
follow-up and answered with its interpretation and Save / Change time / Change client /
Cancel. The draft is a database row (bot/services/drafts.py; callback data holds only
`fu:<action>:<id>[:arg]`), so a restart or another worker continues it. Save carries the
draft's version (`fu:s:<id>:<version>`): Save on an older copy of a card that was changed
since is refused and the current card shown again; a second Save answers "already saved".
"Change time" and "Change client" open a step: the next typed text answers.
A problem (a past time, two possible days, an unknown client...) is asked about with
buttons; Save appears only when nothing is left to ask.
"""

from __future__ import annotations

import html
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta

from telegram import (
    InlineKeyboardMarkup,
    MessageOriginChannel,
    MessageOriginChat,
    MessageOriginHiddenUser,
    MessageOriginUser,
    Update,
)

from bot import callbacks, fmt
from bot.callbacks import FOLLOW_UP
from bot.context import AppContext
from bot.errors import Conflict, NotAllowed
from bot.i18n import Html, Translator
from bot.names import ClientRef
from bot.recurrence import parse_rule
from bot.services.drafts import decode
from bot.services.followups import Draft
from handlers.clients import edit_or_send
from handlers.common import keyboard, message_of, press_of, reply
from storage.clients import Client
from storage.contracts import Contract
from storage.drafts import StoredDraft
from storage.steps import PendingStep

FOLLOW_UP_DRAFT, FORWARD_DRAFT = "followup", "forward"  # kinds of stored drafts
TIME_STEP = "followup.time"  # "Change time": the next text is the time
CLIENT_STEP = "followup.client"  # "Change client": the next text is a client's name
FORWARD_STEP = "followup.forward"  # a forward from someone unknown: the next text names them
NEW_NAME_STEP = "followup.newname"  # "Create client": the name may be typed differently
WEEKDAY_CODES = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")


@dataclass(frozen=True, slots=True)
class Forwarded:
    text: str
    sender: str | None


# -- entry points ------------------------------------------------------------------------


async def typed(update: Update, context: AppContext) -> None:
    """Any plain text no step took: a follow-up, or a hint when it does not look like one."""
    await _interpret(update, context, message_of(update).text or "", explicit=False)


async def remind_command(update: Update, context: AppContext) -> None:
    """/remind TEXT: the same reading, shown even when it does not look like a follow-up."""
    text = " ".join(context.args or []).strip()
    if not text:
        await reply(update, context.t("usage.remind"))
        return
    await _interpret(update, context, text, explicit=True)


async def forwarded(update: Update, context: AppContext) -> None:
    """A forwarded text: offer to log it with its client, then propose a follow-up."""
    user = context.required_user
    if not user.can_write:
        raise NotAllowed("followup.viewer")
    message = message_of(update)
    text = (message.text or message.caption or "").strip()
    found = Forwarded(text, _sender(message.forward_origin))
    key = await context.services.drafts.add(user.id, FORWARD_DRAFT, found)
    await _offer_log(update, context, key, found)


async def typed_time(update: Update, context: AppContext, step: PendingStep, text: str) -> None:
    """The text after "Change time" is the draft's new time; a new card shows it."""
    found = await _answered_draft(update, context, step, end=True)
    if found is None:
        return
    stored, draft = found
    draft = await context.services.followups.retime(context.required_user, draft, text)
    await _show(update, context, stored.id, draft, edit=False)


async def typed_client(update: Update, context: AppContext, step: PendingStep, text: str) -> None:
    """The text after "Change client" is a name: the closest clients as buttons."""
    found = await _answered_draft(update, context, step, end=False)
    if found is None:
        return
    stored, draft = found
    await _ask_client(update, context, stored.id, draft, text)


async def typed_sender(update: Update, context: AppContext, step: PendingStep, text: str) -> None:
    """The name typed for a forward whose sender matched no client."""
    stored = await context.services.drafts.get(context.required_user.id, step.data["key"])
    await context.services.steps.end(step)
    if stored is None or stored.status != "open":
        await reply(update, context.t("followup.expired"))
        return
    await _offer_log(update, context, stored.id, decode(stored.data, Forwarded), typed_name=text)


async def pressed(update: Update, context: AppContext) -> None:
    """fu:<action>:<id>[:arg] buttons under a confirmation card or a forward."""
    query = press_of(update)
    action, key, *rest = callbacks.parts(query.data, FOLLOW_UP)
    if action in ("fl", "fs"):
        await _forward_pressed(update, context, action, key, rest)
        return
    stored = await _open_card(update, context, key, action, rest)
    if stored is None:
        return  # answered: saved already, over, or pressed on an out-of-date copy
    draft = decode(stored.data, Draft)
    if action in ("x", "s", "t", "c", "nc", "ncy"):
        await _card_step(update, context, action, stored, draft)
        return
    changed = await _changed_draft(update, context, action, draft, rest)
    if changed is None:
        return
    await _leave_step(context, stored.id)
    await query.answer()
    await _show(update, context, stored.id, changed, edit=True)


async def _open_card(
    update: Update, context: AppContext, key: str, action: str, rest: list[str]
) -> StoredDraft | None:
    """The open draft a card's button acts on; None, the press answered, when it was saved,
    is over, or Save was pressed on an older copy of the card (the current one is shown)."""
    query = press_of(update)
    stored = await _stored(context, key, FOLLOW_UP_DRAFT)
    if stored is not None and stored.status == "saved" and action == "s":
        await query.answer(context.t("drafts.already_saved", id=stored.result_id))
        return None
    if stored is None or stored.status != "open":
        await query.answer(context.t("followup.expired"), show_alert=True)
        return None
    if action == "s" and rest != [str(stored.version)]:
        await query.answer(context.t("drafts.out_of_date"), show_alert=True)
        text, markup = _card(context, stored.id, stored.version, decode(stored.data, Draft))
        await reply(update, context.t("drafts.out_of_date") + "\n\n" + text, markup)
        return None
    return stored


async def _card_step(
    update: Update, context: AppContext, action: str, stored: StoredDraft, draft: Draft
) -> None:
    """Save, Cancel, or a question the card asks next (time, client, the new client's name)."""
    query = press_of(update)
    user = context.required_user
    if action == "s":
        await _save(update, context, stored, draft)
    elif action == "x":
        await context.services.drafts.close(stored, "cancelled")
        await _leave_step(context, stored.id)
        await query.answer()
        text = (
            context.t("followup.cancelled_client_kept", name=draft.created)
            if draft.created
            else context.t("followup.cancelled")
        )
        await edit_or_send(update, context, text, None)
    elif action == "t":
        await context.services.steps.start(user.id, TIME_STEP, key=stored.id)
        await query.answer()
        await reply(update, context.t("followup.ask_time"))
    elif action == "c":
        await query.answer()
        await _ask_client(update, context, stored.id, draft, None)
    elif action == "nc":  # the proposed name can be changed before the client exists
        await context.services.steps.start(user.id, NEW_NAME_STEP, key=stored.id)
        await query.answer()
        button = (
            context.t.plain("followup.btn_create", name=(draft.client_text or "")[:40]),
            callbacks.data(FOLLOW_UP, "ncy", str(stored.id)),
        )
        await reply(
            update,
            context.t("followup.ask_new_name", name=draft.client_text or ""),
            keyboard([[button]]),
        )
    else:  # "ncy"
        await _leave_step(context, stored.id)
        await query.answer()
        await _create_client(update, context, stored.id, draft, None)


async def _changed_draft(
    update: Update, context: AppContext, action: str, draft: Draft, rest: list[str]
) -> Draft | None:
    """The draft as a button changes it (an offered date, no date, a client, no client);
    None when the press was answered without a change."""
    query = press_of(update)
    user = context.required_user
    service = context.services.followups
    if action == "a":
        offered = _alternatives(draft)
        if int(rest[0]) >= len(offered):  # a forged index: no such button was sent
            await query.answer(context.t("callback.invalid"))
            return None
        return service.at(user, draft, offered[int(rest[0])])
    if action == "n":
        return service.at(user, draft, None)
    if action == "p":
        client = await context.services.clients.get(int(rest[0]))
        return await service.anchored(
            user, service.with_client(draft, ClientRef(client.id, client.name))
        )
    if action == "w":
        return await service.anchored(user, service.with_client(draft, None))
    await query.answer()
    return None


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


async def _show_new(update: Update, context: AppContext, draft: Draft) -> int:
    """A new card: the draft stored, then shown; returns its id."""
    key = await context.services.drafts.add(context.required_user.id, FOLLOW_UP_DRAFT, draft)
    await _show(update, context, key, draft, edit=False, stored=False)
    return key


async def remind_client(update: Update, context: AppContext, client: ClientRef, text: str) -> int:
    """The card's "Remind": the typed what-and-when for `client`, read as a follow-up. Returns
    the draft's id when only a date was typed (the caller asks what to do), else 0."""
    user = context.required_user
    draft = await context.services.followups.for_client(user, client, text)
    if draft.due is not None and not draft.task:
        key = await context.services.drafts.add(user.id, FOLLOW_UP_DRAFT, draft)
        await reply(update, context.t("remind.ask_what", client=client.name))
        return key
    await _show_new(update, context, draft)
    return 0


async def remind_what(update: Update, context: AppContext, key: int, text: str) -> bool:
    """The answer to "What should I remind you to do?": the card to confirm. False when
    the draft is gone (expired)."""
    stored, draft = await _open_draft(context, key)
    if stored is None:
        return False
    draft = context.services.followups.with_task(draft, text)
    await _show(update, context, stored.id, draft, edit=False)
    return True


async def typed_new_name(update: Update, context: AppContext, step: PendingStep, text: str) -> None:
    """The client's name typed after "Create client" (instead of the one proposed)."""
    found = await _answered_draft(update, context, step, end=True)
    if found is None:
        return
    stored, draft = found
    await _create_client(update, context, stored.id, draft, text)


async def _create_client(
    update: Update, context: AppContext, key: int, draft: Draft, name: str | None
) -> None:
    """Create the draft's client (as proposed, or as typed) and show the card again; the
    draft remembers it, so Cancel afterwards says the client stays."""
    service, user = context.services.followups, context.required_user
    if draft.client is None:  # a double tap finds the client already created: once
        draft = await service.anchored(user, await service.create_client(user, draft, name))
        if draft.client is not None:
            draft = replace(draft, created=draft.client.name)
    await _show(update, context, key, draft, edit=False)


async def _show(
    update: Update, context: AppContext, key: int, draft: Draft, *, edit: bool, stored: bool = True
) -> None:
    """Store the changed draft (unless just added) and show its card."""
    version = await context.services.drafts.update(key, draft) if stored else 1
    if version is None:
        raise Conflict("followup.expired")
    text, markup = _card(context, key, version, draft)
    if edit:
        await edit_or_send(update, context, text, markup)
    else:
        await reply(update, text, markup)


async def _save(update: Update, context: AppContext, stored: StoredDraft, draft: Draft) -> None:
    """Save once: the draft is closed in the reminder's transaction (a second Save, even
    from another copy or another worker, finds it closed)."""
    query = press_of(update)
    if not draft.ready:
        await query.answer(context.t("followup.unresolved"), show_alert=True)
        return
    drafts = context.services.drafts
    service = context.services.followups

    async def close(tx, reminder_id: int) -> None:
        if not await drafts.close_in(tx, stored, "saved", reminder_id):
            raise Conflict("drafts.out_of_date")

    try:
        if draft.contract_end is not None:
            client = draft.client.name if draft.client else ""
            contract = await service.save_contract(context.required_user, draft, also=close)
            text = _contract_saved(context, client, contract)
        else:
            saved = await service.save(context.required_user, draft, also=close)
            text = context.t("followup.saved", id=saved.id, summary=_summary(context, draft))
    except Conflict:
        now = await drafts.get(stored.user_id, stored.id)
        if now is not None and now.status == "saved":
            await query.answer(context.t("drafts.already_saved", id=now.result_id))
            return
        raise
    await _leave_step(context, stored.id)
    await query.answer()
    await edit_or_send(update, context, text, None)


async def _ask_client(
    update: Update, context: AppContext, key: int, draft: Draft, typed: str | None
) -> None:
    """Buttons with the closest clients (to the typed name, else to the draft's); a typed
    name answers too."""
    choices = await context.services.followups.client_choices(draft, typed)
    await context.services.steps.start(context.required_user.id, CLIENT_STEP, key=key)
    rows = [[(ref.name[:60], callbacks.data(FOLLOW_UP, "p", key, ref.id))] for ref in choices]
    rows.append([(context.t("followup.btn_without"), callbacks.data(FOLLOW_UP, "w", key))])
    text = (
        context.t("clients.not_found", query=typed[:100])
        if typed and not choices
        else context.t("followup.ask_client")
    )
    await reply(update, text, keyboard(rows))


async def _offer_log(
    update: Update,
    context: AppContext,
    key: int,
    found: Forwarded,
    typed_name: str | None = None,
) -> None:
    """ "Log with <client>" buttons: by the typed name, else the sender's name and the text."""
    service = context.services.followups
    if typed_name:
        choices = await service.client_choices(_EMPTY, typed_name)
    else:
        choices = await service.forward_clients(context.required_user, found.sender, found.text)
    rows = [
        [
            (
                context.t.plain("followup.btn_log", name=ref.name[:40]),
                callbacks.data(FOLLOW_UP, "fl", key, ref.id),
            )
        ]
        for ref in choices
    ]
    rows.append([(context.t("followup.btn_skip"), callbacks.data(FOLLOW_UP, "fs", key))])
    who = found.sender or context.t("followup.someone")
    if choices:
        message = context.t("followup.forward", sender=who)
    else:
        await context.services.steps.start(context.required_user.id, FORWARD_STEP, key=key)
        message = context.t("followup.forward_unknown", sender=who)
    await reply(update, message, keyboard(rows))


async def _forward_pressed(
    update: Update, context: AppContext, action: str, key: str, rest: list[str]
) -> None:
    query = press_of(update)
    stored = await _stored(context, key, FORWARD_DRAFT)
    if stored is None or stored.status != "open":
        await query.answer(context.t("followup.expired"), show_alert=True)
        return
    if not await context.services.drafts.close(stored, "saved" if action == "fl" else "cancelled"):
        await query.answer(context.t("followup.expired"), show_alert=True)
        return
    await _leave_step(context, stored.id)
    found = decode(stored.data, Forwarded)
    user = context.required_user
    service = context.services.followups
    client = None
    if action == "fl":
        row = await context.services.clients.get(int(rest[0]))
        client = ClientRef(row.id, row.name)
        logged = await service.log_forward(user, client.id, found.text)
        note = context.t("followup.forward_logged", client=client.name, id=logged.id)
    else:
        note = context.t("followup.forward_skipped")
    await query.answer()
    await edit_or_send(update, context, note, None)
    draft = await service.propose(user, found.text, client) if found.text else None
    if draft is not None:
        new_key = await context.services.drafts.add(user.id, FOLLOW_UP_DRAFT, draft)
        await _show(update, context, new_key, draft, edit=False, stored=False)


async def _stored(context: AppContext, key: str, kind: str) -> StoredDraft | None:
    """The user's draft `key` of `kind`; None for anything else (the id is untrusted)."""
    if not key.isdigit() or len(key) > 18:
        return None
    stored = await context.services.drafts.get(context.required_user.id, int(key))
    return stored if stored is not None and stored.kind == kind else None


async def _answered_draft(
    update: Update, context: AppContext, step: PendingStep, *, end: bool
) -> tuple[StoredDraft, Draft] | None:
    """The open draft a typed answer is for; None, the step ended and "expired" said, when
    the draft is over. `end`: the step ends with this answer in any case."""
    stored, draft = await _open_draft(context, step.data["key"])
    if end or stored is None:
        await context.services.steps.end(step)
    if stored is None:
        await reply(update, context.t("followup.expired"))
        return None
    return stored, draft


async def _open_draft(context: AppContext, key: int) -> tuple[StoredDraft | None, Draft]:
    stored = await _stored(context, str(key), FOLLOW_UP_DRAFT)
    if stored is None or stored.status != "open":
        return None, _EMPTY
    return stored, decode(stored.data, Draft)


async def _leave_step(context: AppContext, key: int) -> None:
    """A button on the card answered it: a "Change time/client" question for it is over."""
    steps = context.services.steps
    step = await steps.current(context.required_user.id)
    mine = (TIME_STEP, CLIENT_STEP, FORWARD_STEP, NEW_NAME_STEP)
    if step is not None and step.kind in mine and step.data.get("key") == key:
        await steps.end(step)


# -- rendering ---------------------------------------------------------------------------


def _card(
    context: AppContext, key: int, version: int, draft: Draft
) -> tuple[str, InlineKeyboardMarkup]:
    """The interpretation, its questions and the buttons."""
    t = context.t
    lines: list[str] = [_summary(context, draft)]
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
        (fmt.moment(moment, lang), callbacks.data(FOLLOW_UP, "a", key, index))
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
                    t.plain("followup.btn_create", name=draft.client_text[:40]),
                    callbacks.data(FOLLOW_UP, "nc", key),
                ),
                (t("followup.btn_without"), callbacks.data(FOLLOW_UP, "w", key)),
            ]
        )
    save = callbacks.data(FOLLOW_UP, "s", key, version)
    first = [(t("followup.btn_save"), save)] if draft.ready else []
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
        end = fmt.day(date.fromisoformat(draft.contract_end), user.language)
        parts.append(t("renewals.draft_contract", end=end, count=draft.remind_days))
    return Html(" · ".join(parts))


def _contract_saved(context: AppContext, client: str, contract: Contract) -> str:
    """ "Saved: the contract of Acme ends Mon 1 Mar 2027; the renewal reminder comes ..." """
    lang = context.required_user.language
    end = contract.end_on
    remind = end - timedelta(days=contract.notice_days + contract.remind_days_before)
    return context.t(
        "renewals.followup_saved",
        client=client,
        end=fmt.day(end, lang),
        when=fmt.day(remind, lang),
    )


def _when(t: Translator, draft: Draft, tz: str) -> str:
    if draft.due is None:
        return t("followup.no_time")
    lang = t.lang
    if draft.rrule:
        return _rule_words(t, draft.rrule, draft.due)
    return t("followup.zone", when=fmt.moment(draft.due, lang), tz=fmt.zone_name(tz, lang))


def _rule_words(t: Translator, rrule: str, first: datetime) -> str:
    """ "every Monday 09:00" for the rules the parser writes; other rules stay literal."""
    clock = fmt.clock(first, t.lang)
    rule = parse_rule(rrule)
    names = t("followup.weekdays").split(",")
    days = t("followup.and").join(names[wd] for _, wd in rule.byday) if rule.byday else ""
    plain_days = all(n == 0 for n, _ in rule.byday)
    if rule.freq == "DAILY" and not rule.byday:
        if rule.interval == 1:
            return t("followup.every_day", time=clock)
        return t("followup.every_n_days", count=rule.interval, time=clock)
    if rule.freq == "WEEKLY" and rule.byday and plain_days:
        if rule.interval == 1:
            return t("followup.every_week", days=days, time=clock)
        return t("followup.every_n_weeks", count=rule.interval, days=days, time=clock)
    if rule.freq == "MONTHLY" and len(rule.bymonthday) == 1 and rule.interval == 1:
        return t("followup.every_month", day=rule.bymonthday[0], time=clock)
    return t("followup.repeats", rule=rrule, when=fmt.moment(first, t.lang))


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


_EMPTY = Draft(text="", due=None, rrule=None, kind="custom", task="")
