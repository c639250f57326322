"""/client card, /clients list, quick /newclient NAME, and the card's buttons."""

from __future__ import annotations

from telegram import InlineKeyboardMarkup, Message, Update
from telegram.error import BadRequest

from bot import callbacks
from bot.callbacks import CHOICE_FIELDS, CLIENT, TEXT_FIELDS
from bot.cards import client_title, esc, render_card
from bot.context import AppContext
from bot.errors import Conflict, InvalidInput, NotAllowed
from bot.i18n import Html, Translator
from bot.services.clients import SEGMENTS, clean_name
from bot.text import split_message
from handlers.clientlookup import continues, run_with_client
from handlers.common import keyboard, press_of, reply
from storage import users
from storage.clients import Client
from storage.users import User

DUPLICATE_STEP = "client.duplicate"  # "Create anyway" after a similar name: buttons only


def card_keyboard(
    t: Translator, user: User, client: Client, can_edit: bool, contacts: bool = False
):
    cid, ver = client.id, client.version
    rows = []
    if can_edit:
        rows += [
            [
                (t("btn.log_call"), callbacks.data(CLIENT, "log", cid, "call")),
                (t("btn.add_note"), callbacks.data(CLIENT, "log", cid, "note")),
            ],
            [
                (t("btn.remind"), callbacks.data(CLIENT, "rem", cid)),
                (t("btn.invoices"), callbacks.data(CLIENT, "inv", cid)),
            ],
            [
                (t("btn.edit"), callbacks.data(CLIENT, "edit", cid, ver)),
                (t("btn.add_contact"), callbacks.data(CLIENT, "addc", cid)),
                *([(t("contacts.btn"), callbacks.data(CLIENT, "cts", cid))] if contacts else []),
            ],
        ]
        last = [(t("btn.archive"), callbacks.data(CLIENT, "arch", cid, ver))]
        if user.is_admin:
            last.insert(0, (t("btn.reassign"), callbacks.data(CLIENT, "own", cid, ver)))
        rows.append(last)
    else:
        rows.append([(t("btn.invoices"), callbacks.data(CLIENT, "inv", cid))])
    rows.append([(t("btn.history"), callbacks.data(CLIENT, "hist", cid, 0))])
    return keyboard(rows)


async def send_card(update: Update, context: AppContext, client_id: int, prefix: str = "") -> None:
    """The card as new message(s), buttons under the last part."""
    user = context.required_user
    service = context.services.clients
    card = await service.card(user, client_id)
    text = render_card(card, user, service.today(user), context.services.clock.timestamp())
    markup = card_keyboard(context.t, user, card.client, card.can_edit, bool(card.contacts))
    await reply(update, (prefix + "\n\n" if prefix else "") + text, markup)


async def edit_or_send(update: Update, context: AppContext, text: str, markup) -> Message | None:
    """Replace the pressed message when the text fits one message; else send anew.
    Returns the message now showing `text` (None when unknown)."""
    query = press_of(update)
    if query is not None and len(split_message(text)) == 1:
        try:
            edited = await query.edit_message_text(text, reply_markup=markup)
            return edited if isinstance(edited, Message) else None
        except BadRequest:  # "message is not modified" or too old to edit
            pass
    return await reply(update, text, markup)


@continues("client")
async def _open(update: Update, context: AppContext, client: Client, rest: str) -> None:
    await send_card(update, context, client.id)


async def show_client(update: Update, context: AppContext) -> None:
    """/client NAME: the client card."""
    await run_with_client(update, context, "client", " ".join(context.args or []))


async def open_card(update: Update, context: AppContext) -> None:
    """cl:open:<id> (also under reminders) and cl:card:<id>: show the card."""
    query = press_of(update)
    (client_id,) = callbacks.fields(query.data)
    await query.answer()
    await send_card(update, context, client_id)


async def new_client_quick(update: Update, context: AppContext, name: str) -> None:
    """/newclient NAME: create at once, or warn first about a likely duplicate."""
    user = context.required_user
    if not user.can_write:
        raise NotAllowed()
    service = context.services.clients
    name = clean_name(name)
    similar = await service.similar(name)
    if similar:
        await context.services.steps.start(user.id, DUPLICATE_STEP, name=name)
        rows = [
            [
                (
                    context.t.plain("btn.open_existing", name=ref.name[:40]),
                    callbacks.data(CLIENT, "open", ref.id),
                )
            ]
            for ref in similar[:3]
        ]
        rows.append([(context.t("btn.create_anyway"), callbacks.data(CLIENT, "dup", "yes"))])
        names = ", ".join(esc(ref.name) for ref in similar[:3])
        await reply(update, context.t("clients.duplicate", names=Html(names)), keyboard(rows))
        return
    client = await service.create(user, name)
    await send_card(update, context, client.id, context.t("clients.created", name=client.name))


async def create_anyway(update: Update, context: AppContext) -> None:
    """cl:dup:yes: the user saw the duplicate warning and still wants the new client."""
    query = press_of(update)
    step = await context.services.steps.current(context.required_user.id)
    if step is None or step.kind != DUPLICATE_STEP:
        raise InvalidInput("clients.expired")
    await context.services.steps.end(step)
    name = step.data["name"]
    client = await context.services.clients.create(context.required_user, name)
    await query.answer()
    await send_card(update, context, client.id, context.t("clients.created", name=client.name))


# -- the list ---------------------------------------------------------------------------


async def list_clients(update: Update, context: AppContext) -> None:
    """/clients [all|mine] [small|medium|large|government] [N days without contact]."""
    scope, segment, days = "mine", "-", 0
    if context.required_user.role == "viewer":
        scope = "all"
    scopes = _filter_words(context.t, "clients.scope_", ("all", "mine"))
    segments = _filter_words(context.t, "clients.segment_", SEGMENTS)
    for arg in (a.lower() for a in context.args or []):
        if arg in scopes:
            scope = scopes[arg]
        elif arg in segments:
            segment = segments[arg]
        elif arg.isdigit() and 0 < int(arg) <= 3650:
            days = int(arg)
        else:
            raise InvalidInput("usage.clients")
    text, markup = await _list_view(context, scope, segment, days, 0)
    await reply(update, text, markup)


def _filter_words(t: Translator, prefix: str, values: tuple[str, ...]) -> dict[str, str]:
    """The words /clients accepts for `values`: the English ones and the user's language's
    (as /help lists them), lower-cased."""
    words = {value: value for value in values}
    words.update({t.plain(prefix + value).lower(): value for value in values})
    return words


async def page_clients(update: Update, context: AppContext) -> None:
    """cl:list:<scope>:<segment>:<days>:<page>: a filter or page button."""
    query = press_of(update)
    scope, segment, days, page = callbacks.fields(query.data)
    text, markup = await _list_view(context, scope, segment, days, page)
    await query.answer()
    await edit_or_send(update, context, text, markup)


async def _list_view(
    context: AppContext, scope: str, segment: str, days: int, page: int
) -> tuple[str, InlineKeyboardMarkup]:
    t = context.t
    result = await context.services.clients.page(
        context.required_user,
        scope=scope,
        segment=None if segment == "-" else segment,
        silent_days=days or None,
        page=page,
    )
    filters = [t(f"clients.scope_{scope}")]
    if segment != "-":
        filters.append(t(f"clients.segment_{segment}"))
    if days:
        filters.append(t("clients.silent_days", days=t("count.days", count=days)))
    title = t("clients.list_title", filters=", ".join(filters), page=page + 1)
    body = t("clients.list_empty") if not result.rows else t("clients.list_hint")

    def to(**change) -> str:
        state = {"scope": scope, "segment": segment, "days": days, "page": 0, **change}
        return callbacks.data(
            CLIENT, "list", state["scope"], state["segment"], state["days"], state["page"]
        )

    rows = [[(row.name[:60], callbacks.data(CLIENT, "open", row.id))] for row in result.rows]
    nav = []
    if page > 0:
        nav.append(("«", to(page=page - 1)))
    if result.has_next:
        nav.append(("»", to(page=page + 1)))
    if nav:
        rows.append(nav)
    other = "all" if scope == "mine" else "mine"
    rows.append(
        [
            (t(f"clients.scope_{other}"), to(scope=other)),
            (
                t.plain("clients.silent_days", days=t.plain("count.days", count=30)),
                to(days=0 if days == 30 else 30),
            ),
        ]
    )
    rows.append(
        [
            (t(f"clients.segment_{seg}"), to(segment="-" if seg == segment else seg))
            for seg in SEGMENTS
        ]
    )
    return f"{title}\n{body}", keyboard(rows)


# -- editing from the card ----------------------------------------------------------------


async def edit_menu(update: Update, context: AppContext) -> None:
    """cl:edit:<id>:<version>: which field to change."""
    query = press_of(update)
    cid, ver = callbacks.fields(query.data)
    client = await context.services.clients.writable(context.required_user, cid)
    t = context.t
    rows = []
    for field in (*TEXT_FIELDS, *CHOICE_FIELDS):
        action = "ef" if field in TEXT_FIELDS else "em"
        rows.append((t(f"field.{field}"), callbacks.data(CLIENT, action, cid, ver, field)))
    grid = [rows[i : i + 2] for i in range(0, len(rows), 2)]
    grid.append([(t("btn.back"), callbacks.data(CLIENT, "card", cid))])
    await query.answer()
    await edit_or_send(
        update, context, client_title(t, client) + "\n" + t("clients.edit_which"), keyboard(grid)
    )


async def choice_menu(update: Update, context: AppContext) -> None:
    """cl:em:<id>:<version>:<field>: buttons for segment, status or key account."""
    query = press_of(update)
    cid, ver, field = callbacks.fields(query.data)
    t = context.t
    rows = [
        [(t(f"choice.{field}.{value}"), callbacks.data(CLIENT, "ev", cid, ver, field, value))]
        for value in CHOICE_FIELDS[field]
    ]
    rows.append([(t("btn.back"), callbacks.data(CLIENT, "card", cid))])
    await query.answer()
    await edit_or_send(
        update, context, t("clients.choose_value", field=t(f"field.{field}")), keyboard(rows)
    )


async def set_choice(update: Update, context: AppContext) -> None:
    """cl:ev:<id>:<version>:<field>:<value>: save the choice (lost asks for a reason)."""
    query = press_of(update)
    cid, ver, field, value = callbacks.fields(query.data)  # the value fits its field
    await save_edit(update, context, cid, ver, field, value)


async def save_edit(
    update: Update, context: AppContext, cid: int, ver: int, field: str, value: str
) -> bool:
    """Apply an edit; on a version conflict say so and show the current card."""
    service = context.services.clients
    try:
        await service.edit(context.required_user, cid, ver, field, value)
    except Conflict:
        if update.callback_query:
            await update.callback_query.answer()
        await send_card(update, context, cid, context.t("error.conflict"))
        return False
    if update.callback_query:
        await update.callback_query.answer(context.t("settings.saved"))
    await send_card(update, context, cid, context.t("clients.saved"))
    return True


async def archive(update: Update, context: AppContext) -> None:
    """cl:arch:<id>:<version> archives; cl:unarch:<id>:<version> brings it back."""
    query = press_of(update)
    cid, ver = callbacks.fields(query.data)
    service = context.services.clients
    restore = callbacks.parts(query.data, CLIENT)[0] == "unarch"
    try:
        client = await service.archive(context.required_user, cid, ver, restore=restore)
    except Conflict:
        await query.answer()
        await send_card(update, context, cid, context.t("error.conflict"))
        return
    await query.answer()
    if restore:
        await send_card(update, context, client.id, context.t("clients.restored"))
        return
    undo = keyboard(
        [[(context.t("btn.restore"), callbacks.data(CLIENT, "unarch", cid, client.version))]]
    )
    await edit_or_send(update, context, context.t("clients.archived", name=client.name), undo)


async def reassign_menu(update: Update, context: AppContext) -> None:
    """cl:own:<id>:<version> (admin): choose the new owner."""
    query = press_of(update)
    cid, ver = callbacks.fields(query.data)
    if not context.required_user.is_admin:
        raise NotAllowed()
    people = [u for u in await users.list_active(context.services.db) if u.role != "viewer"]
    rows = [[(u.name[:40], callbacks.data(CLIENT, "ownto", cid, ver, u.id))] for u in people]
    rows.append([(context.t("btn.back"), callbacks.data(CLIENT, "card", cid))])
    await query.answer()
    await edit_or_send(update, context, context.t("clients.choose_owner"), keyboard(rows))


async def reassign(update: Update, context: AppContext) -> None:
    """cl:ownto:<id>:<version>:<user id>."""
    query = press_of(update)
    cid, ver, owner = callbacks.fields(query.data)
    try:
        await context.services.clients.reassign(context.required_user, cid, ver, owner)
    except Conflict:
        await query.answer()
        await send_card(update, context, cid, context.t("error.conflict"))
        return
    await query.answer(context.t("settings.saved"))
    await send_card(update, context, cid, context.t("clients.reassigned"))
