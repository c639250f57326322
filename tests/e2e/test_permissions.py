"""Who may do what, now: every cell of the README's actions x roles table, end to end.

The world is built through the chat: Anna owns Acme GmbH (two invoices, two reminders), is
away with Boris as her deputy, the handoff is posted in the team group and Carl has taken
the invoice due during the absence. Dan is a colleague with no part in it, Vera a viewer,
Alice the admin. Each cell is one user trying one action, typed or pressed (a forged press
where the button is not on their screen: a modified client can send any callback data);
the test looks at the database to see whether it happened.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass

import pytest

from bot.team.posting import post_absence_news
from sandbox.models import FakeUser
from tests.conftest import ADMIN

ANNA = FakeUser(2301, "Anna", username="anna", language_code="en")
BORIS = FakeUser(2302, "Boris", username="boris", language_code="ru")
CARL = FakeUser(2303, "Carl", username="carl", language_code="nl")
DAN = FakeUser(2304, "Dan", username="dan", language_code="hu")
VERA = FakeUser(2305, "Vera", username="vera", language_code="en")
ROLES = {
    "owner": ANNA,
    "colleague": DAN,
    "deputy": BORIS,
    "taker": CARL,
    "admin": ADMIN,
    "viewer": VERA,
}


@dataclass
class World:
    bot: object
    group: int
    client: int
    invoice: int  # due during the absence: in the handoff, taken by Carl
    later_invoice: int  # due after the absence: in no handoff
    reminder: int  # Anna's, due during the absence
    spare_reminder: int  # Anna's too, in the handoff, not taken

    async def value(self, sql: str, *params: object) -> object:
        row = await self.bot.services.db.fetch_one(sql, params)
        return row[0] if row else None

    async def version(self) -> int:
        return int(await self.value("SELECT version FROM clients WHERE id = ?", self.client))

    async def forge(self, user: FakeUser, data: str, *, chat: int | None = None) -> None:
        """Press `data` on the user's latest message with buttons; wait for the answer."""
        query = self.bot.emu.forge_press(user, None, data, chat=chat)
        await self.bot.emu.wait_for_callback_answer(query)
        await self.bot.emu.wait_for_updates_confirmed()


async def say(bot, user: FakeUser, text: str, *, chat: int | None = None):
    return await bot.say(user, text, chat=chat, timeout=10)


async def saved_follow_up(bot, user: FakeUser, text: str) -> int | None:
    """/remind TEXT then Save; the new reminder's id (None when refused)."""
    card = await say(bot, user, f"/remind {text}")
    save = [d for d in card.callback_data if d.startswith("fu:s:")]
    if not save:
        return None
    await bot.press_and_edit(user, save[0], message_id=card.message_id)
    row = await bot.services.db.fetch_one(
        "SELECT MAX(id) FROM reminders WHERE owner_id = ?", (user.id,)
    )
    return row[0]


@pytest.fixture
async def world(bot) -> World:
    bot.emu.flood = None
    await say(bot, ADMIN, "/help")
    for fake, role in ((ANNA, "manager"), (BORIS, "manager"), (CARL, "manager")):
        await bot.add_user(fake, role, language=fake.language_code)
    await bot.add_user(DAN, "manager", language="hu")
    await bot.add_user(VERA, "viewer")
    group = bot.emu.add_group("Sales team")
    for member in (ADMIN, ANNA, BORIS, CARL, DAN, VERA):
        bot.emu.set_member_status(group.id, member, "member")
    await say(bot, ADMIN, "/register_team", chat=group.id)
    await say(bot, ANNA, "/newclient Acme GmbH")
    client = await bot.services.db.fetch_one("SELECT id FROM clients")
    await say(bot, ANNA, "/invoice Acme 100 EUR due 2026-11-27")
    await say(bot, ANNA, "/invoice Acme 200 EUR due 2027-03-01")
    invoices = await bot.services.db.fetch_all("SELECT id FROM invoices ORDER BY id")
    reminder = await saved_follow_up(bot, ANNA, "call Acme on 26 November at 10:00")
    spare = await saved_follow_up(bot, ANNA, "call Acme about the offer on 27 November at 11:00")
    await say(bot, ANNA, "/away 2026-11-24 2026-11-30 deputy @boris")
    await post_absence_news(bot.services)
    taken = f"team:take:i:{invoices[0][0]}"
    query = bot.emu.press_button(CARL, None, taken, chat=group.id)
    await bot.emu.wait_for_callback_answer(query)
    found = World(bot, group.id, client[0], invoices[0][0], invoices[1][0], reminder, spare)
    assert await found.value("SELECT assignee_id FROM invoices WHERE id = ?", found.invoice) == (
        CARL.id
    )
    return found


# -- the actions: each returns whether it happened ----------------------------------------

Action = Callable[[World, FakeUser], Awaitable[bool]]


async def read_card(w: World, user: FakeUser) -> bool:
    card = await say(w.bot, user, "/client Acme")
    return "Acme GmbH" in card.text and bool(card.callback_data)


async def log_interaction(w: World, user: FakeUser) -> bool:
    before = await w.value("SELECT COUNT(*) FROM interactions")
    await say(w.bot, user, "/log Acme call Discussed the renewal")
    return await w.value("SELECT COUNT(*) FROM interactions") > before


async def add_invoice(w: World, user: FakeUser) -> bool:
    before = await w.value("SELECT COUNT(*) FROM invoices")
    await say(w.bot, user, "/invoice Acme 50 EUR due 2026-12-20")
    return await w.value("SELECT COUNT(*) FROM invoices") > before


async def edit_field(w: World, user: FakeUser) -> bool:
    await say(w.bot, user, "/client Acme")
    await w.forge(user, f"cl:ev:{w.client}:{await w.version()}:segment:large")
    return await w.value("SELECT segment FROM clients WHERE id = ?", w.client) == "large"


async def mark_taken_invoice_paid(w: World, user: FakeUser) -> bool:
    await say(w.bot, user, "/client Acme")
    await w.forge(user, f"cl:paid:{w.invoice}")
    return await w.value("SELECT paid_at FROM invoices WHERE id = ?", w.invoice) is not None


async def done_owners_reminder(w: World, user: FakeUser) -> bool:
    await say(w.bot, user, "/client Acme")
    await w.forge(user, f"rem:done:{w.reminder}")
    return await w.value("SELECT status FROM reminders WHERE id = ?", w.reminder) == "done"


async def log_call_from_own_follow_up(w: World, user: FakeUser) -> bool:
    mine = await saved_follow_up(w.bot, user, "call Acme tomorrow at 11:00")
    if mine is None or await w.value("SELECT owner_id FROM reminders WHERE id = ?", mine) != (
        user.id
    ):
        return False
    before = await w.value("SELECT COUNT(*) FROM interactions WHERE user_id = ?", user.id)
    await say(w.bot, user, "/client Acme")  # Save took the card's buttons away
    await w.forge(user, f"rem:log:{mine}")
    return await w.value("SELECT COUNT(*) FROM interactions WHERE user_id = ?", user.id) > before


async def take_from_open_handoff(w: World, user: FakeUser) -> bool:
    await w.forge(user, f"team:take:r:{w.spare_reminder}", chat=w.group)
    taker = await w.value("SELECT assignee_id FROM reminders WHERE id = ?", w.spare_reminder)
    return taker == user.id


async def take_outside_a_handoff(w: World, user: FakeUser) -> bool:
    await say(w.bot, user, "/client Acme")
    await w.forge(user, f"team:take:i:{w.later_invoice}")
    taker = await w.value("SELECT assignee_id FROM invoices WHERE id = ?", w.later_invoice)
    return taker == user.id


async def reassign_client(w: World, user: FakeUser) -> bool:
    await say(w.bot, user, "/client Acme")
    await w.forge(user, f"cl:ownto:{w.client}:{await w.version()}:{DAN.id}")
    return await w.value("SELECT owner_id FROM clients WHERE id = ?", w.client) == DAN.id


Y, N = True, False
# The README's table (section "Team and permissions"), row by row:
#                                     owner colleague deputy taker admin viewer
TABLE: dict[str, tuple[Action, tuple[bool, ...]]] = {
    "read a client card": (read_card, (Y, Y, Y, Y, Y, Y)),
    "log an interaction": (log_interaction, (Y, N, Y, N, Y, N)),
    "add an invoice": (add_invoice, (Y, N, Y, N, Y, N)),
    "edit a field": (edit_field, (Y, N, Y, N, Y, N)),
    "mark the taken invoice paid": (mark_taken_invoice_paid, (Y, N, Y, Y, Y, N)),
    "Done on the owner's reminder": (done_owners_reminder, (Y, N, Y, N, Y, N)),
    "Log call from own follow-up": (log_call_from_own_follow_up, (Y, N, Y, N, Y, N)),
    "Take it (open handoff)": (take_from_open_handoff, (Y, Y, Y, Y, Y, N)),
    "Take it (no open handoff)": (take_outside_a_handoff, (N, N, N, N, N, N)),
    "reassign the client": (reassign_client, (N, N, N, N, Y, N)),
}
CELLS = [
    pytest.param(action, role, expected[i], id=f"{name}-{role}")
    for name, (action, expected) in TABLE.items()
    for i, role in enumerate(ROLES)
]


@pytest.mark.parametrize(("action", "role", "allowed"), CELLS)
async def test_every_cell_of_the_permission_table(world, action, role, allowed):
    assert await action(world, ROLES[role]) is allowed


def test_the_readme_table_matches_this_one():
    from tests.conftest import ROOT

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for name, (_, expected) in TABLE.items():
        cells = " | ".join("yes" if cell else "no" for cell in expected)
        assert f"| {name} | {cells} |" in readme, name


async def test_a_forged_take_in_a_private_chat_gives_nothing_to_act_on(world):
    """Issue 12: `team:take` / `team:taken` pressed in a private chat on a colleague's
    reminder in no handoff took it over, and the taker could then press Done on it."""
    bot = world.bot
    outside = await saved_follow_up(bot, ANNA, "call Acme on 10 December at 10:00")
    await say(bot, DAN, "/client Acme")
    for data in (f"team:take:r:{outside}", f"team:taken:r:{outside}", f"rem:done:{outside}"):
        await world.forge(DAN, data)
    row = await bot.services.db.fetch_one(
        "SELECT assignee_id, status FROM reminders WHERE id = ?", (outside,)
    )
    assert tuple(row) == (None, "pending")


PROTECTED = (
    "SELECT * FROM clients",
    "SELECT id, paid_at, amount_minor, due_on FROM invoices",
    "SELECT * FROM interactions",
    "SELECT * FROM contracts",
    "SELECT id, owner_id, status, due_at, client_id FROM reminders",
)


async def protected(bot) -> list:
    """Anna's data as a colleague or a viewer must never change it ("Take it" on an item
    of the open handoff sets only an assignee, which is not in here). Sorted by id: without
    ORDER BY, PostgreSQL returns an updated row (even one updated elsewhere) in a new place."""
    return [sorted(tuple(row) for row in await bot.services.db.fetch_all(sql)) for sql in PROTECTED]


class TestAdversarialPresses:
    async def test_every_button_kind_on_real_objects_by_every_role(self, world, caplog):
        """Every spec's shape with the ids of real objects (a client, invoices, reminders,
        people), pressed by a colleague, a viewer and the deputy: each press is answered
        exactly once, never with the internal-error alert, nothing logs an error, and
        the colleague's and the viewer's presses change nothing of Anna's."""
        from bot import callbacks
        from bot.i18n import LANGUAGES, translate

        bot = world.bot
        ids = [world.client, world.later_invoice, world.spare_reminder, ANNA.id]
        internal = {translate(lang, "error.internal") for lang in LANGUAGES}
        examples = sorted({e for spec in callbacks.SPECS for e in spec.examples()})
        tried = unanswered = failed = unauthorized = 0
        for user in (DAN, VERA, BORIS):
            await say(bot, user, "/client Acme")
            for example in examples:
                for value in ids:
                    data = example.replace(":42", f":{value}")
                    if len(data.encode()) > 64:
                        continue
                    before = await protected(bot)
                    query = bot.emu.forge_press(user, None, data)
                    await bot.emu.wait_for_callback_answer(query, timeout=10)
                    await bot.emu.wait_for_updates_confirmed()
                    tried += 1
                    answers = bot.emu.callback_answers(query)
                    unanswered += len(answers) != 1
                    failed += any(a["text"] in internal for a in answers)
                    if user is not BORIS:
                        unauthorized += await protected(bot) != before
                if not any(m.callback_data for m in bot.emu.messages(user.id)):
                    await say(bot, user, "/client Acme")
        errors = [
            f"{r.getMessage()}: {r.exc_info[1]!r}" if r.exc_info else r.getMessage()
            for r in caplog.records
            if r.levelno >= 40 and r.name != "sandbox.server"
        ]
        assert (unanswered, failed, unauthorized, errors) == (0, 0, 0, [])
        assert tried > 1000


async def test_a_press_in_a_group_no_longer_served_is_answered_and_takes_nothing(world):
    """The bot left the team group; a "Take it" pressed on its old handoff post still
    stops the presser's spinner, and nothing is taken."""
    bot = world.bot
    bot.emu.chat_member_update(world.group, ADMIN, "member", "left")
    await say(bot, ADMIN, "/help")  # the membership update has been handled
    query = bot.emu.press_button(DAN, None, f"team:take:r:{world.spare_reminder}", chat=world.group)
    await bot.emu.wait_for_callback_answer(query)
    assert len(bot.emu.callback_answers(query)) == 1
    assert (
        await world.value("SELECT assignee_id FROM reminders WHERE id = ?", world.spare_reminder)
        is None
    )


async def test_the_card_offers_edit_buttons_exactly_to_who_may_write(world):
    """The deputy covering Anna sees Log call / Edit on her client's card; a colleague
    with no part in it and the viewer see the read-only card."""
    edit = f"cl:edit:{world.client}:"
    for user, allowed in ((BORIS, True), (ADMIN, True), (DAN, False), (VERA, False)):
        card = await say(world.bot, user, "/client Acme")
        assert any(d.startswith(edit) for d in card.callback_data) is allowed, user.first_name


async def test_after_back_the_deputy_and_the_taker_are_colleagues_again(world):
    """Covering and "Take it" last as long as the absence: after /back Boris may no longer
    log on Anna's client, and the rest of her handoff can no longer be taken."""
    bot = world.bot
    await say(bot, ANNA, "/back")
    assert await log_interaction(world, BORIS) is False
    assert await take_from_open_handoff(world, CARL) is False
    assert await log_interaction(world, ANNA) is True
