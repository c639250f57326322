"""Callback data is untrusted: forged, stale and garbage presses, through the emulator.

A modified client can send any callback data for a message that has an inline keyboard
(`emu.forge_press`). Every such press gets exactly one answer, the short refusal when the
data does not parse, never the internal-error alert, and leaves the database as it was.
"""

from __future__ import annotations

import logging
import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from telegram.ext import CallbackQueryHandler, ConversationHandler

from bot import callbacks
from bot.i18n import translate
from sandbox.models import FakeUser
from storage import schema
from tests.conftest import ADMIN

REFUSAL = translate("en", "callback.invalid")
INTERNAL = translate("en", "error.internal")
HUGE = "9" * 20  # beyond SQLite's integer range

# "What was seen", first bullet of issue 12: each of these used to end in a traceback or
# leave the phone's spinner turning.
SEEN = [
    "cl:open",
    "cl:open:abc",
    f"cl:open:{HUGE}",
    "cl:open:1\x00",
    "cl:edit:abc:def",
    "cl:em:1:1:bogus",
    "cl:ef:1:1:owner_id",
    "cl:list:x:y:0:0",
    f"cl:hist:1:{HUGE}",
    "cl:pick:abc",
    "cl:paid:abc",
    "cl:res:abc",
    "cl:fgt:abc",
    "cl:ownto:1:1:abc",
    "fu:",
    "fu:s",
    "fu:p:1:abc",
    f"rem:done:{HUGE}",
    "team:take:z:1",
    "team:take:r:abc",
    "team:taken",
    "x",
    "cl",
    "cl:",
    "team:away:x:y",
    "cl:open:٣",  # a digit, but not an ASCII one
    "z" * 64,
    "rem:done:" + "1" * 55,
]
# Well-formed, but pressed where no step waits for them.
OUT_OF_STEP = ["cl:nc:set:large", "cl:nc:skip", "team:away:why:sick", "team:away:dep:0"]


async def snapshot(db) -> dict[str, list[tuple]]:
    """Every row of every table: a refused press must leave all of them as they were."""
    found = {}
    for table in await schema.tables(db):
        rows = await db.fetch_all(f'SELECT * FROM "{table}"')  # noqa: S608 (names from the db)
        found[table] = sorted(tuple(r) for r in rows)
    return found


async def forged(bot, data: str, *, user=ADMIN, message_id: int | None = None) -> list[dict]:
    """Press `data` on the user's latest message with buttons; every answer it got."""
    query_id = bot.emu.forge_press(user, message_id, data)
    await bot.emu.wait_for_callback_answer(query_id)
    await bot.emu.wait_for_updates_confirmed()
    return bot.emu.callback_answers(query_id)


@pytest.fixture
async def menu(bot):
    """A message with buttons in the admin's chat to press forged data on."""
    return await bot.say(ADMIN, "/settings")


def errors_logged(caplog) -> list[str]:
    return [r.getMessage() for r in caplog.records if r.levelno >= logging.ERROR]


class TestForgedData:
    @pytest.mark.parametrize("data", SEEN + OUT_OF_STEP, ids=repr)
    async def test_a_press_that_does_not_fit_gets_one_short_refusal(self, bot, menu, caplog, data):
        before = await snapshot(bot.services.db)
        answers = await forged(bot, data, message_id=menu.message_id)
        assert [a["text"] for a in answers] == [REFUSAL]
        assert not errors_logged(caplog)
        assert await snapshot(bot.services.db) == before

    async def test_the_refusal_is_in_the_users_language(self, bot, menu):
        await bot.press_and_edit(ADMIN, "set:menu:lang", message_id=menu.message_id)
        await bot.press_and_edit(ADMIN, "set:lang:hu", message_id=menu.message_id)
        answers = await forged(bot, "cl:open:abc", message_id=menu.message_id)
        assert [a["text"] for a in answers] == [translate("hu", "callback.invalid")]

    async def test_a_refusal_is_logged_at_info_with_the_user_id_only(self, bot, menu, caplog):
        caplog.set_level(logging.INFO)
        await forged(bot, "cl:open:SECRETPAYLOAD", message_id=menu.message_id)
        lines = [r.getMessage() for r in caplog.records if r.name == "handlers.presses"]
        assert lines == [f"refused callback data that does not parse from user id {ADMIN.id}"]
        assert all(
            r.levelno == logging.INFO for r in caplog.records if r.name == "handlers.presses"
        )

    async def test_a_valid_press_on_a_missing_object_is_answered_without_a_traceback(
        self, bot, menu, caplog
    ):
        for data in ("cl:open:999", "rem:done:999", "cl:paid:999", "cl:hist:999:0"):
            answers = await forged(bot, data, message_id=menu.message_id)
            assert len(answers) == 1 and answers[0]["text"] != INTERNAL, data
        assert not errors_logged(caplog)


def _callback_handlers(app) -> list[CallbackQueryHandler]:
    found: list[CallbackQueryHandler] = []

    def visit(handler: object) -> None:
        if isinstance(handler, CallbackQueryHandler):
            found.append(handler)
        elif isinstance(handler, ConversationHandler):
            for inner in handler.entry_points + handler.fallbacks:
                visit(inner)
            for state_handlers in handler.states.values():
                for inner in state_handlers:
                    visit(inner)

    for group in app.handlers.values():
        for handler in group:
            visit(handler)
    return found


class TestSpecs:
    async def test_every_registered_button_handler_has_a_spec(self, bot):
        """A new button must declare its shape in bot.callbacks.SPECS to be reachable."""
        handlers = _callback_handlers(bot.runtime.app)
        examples = [e for spec in callbacks.SPECS for e in spec.examples()]
        for handler in handlers:
            if not isinstance(handler.pattern, re.Pattern):
                continue  # the refusal and the catch-all
            assert any(handler.pattern.match(e) for e in examples), handler.pattern.pattern

    async def test_every_spec_reaches_a_handler(self, bot):
        patterns = [
            h.pattern
            for h in _callback_handlers(bot.runtime.app)
            if isinstance(h.pattern, re.Pattern)
        ]
        for spec in callbacks.SPECS:
            for example in spec.examples():
                assert any(p.match(example) for p in patterns), example

    def test_every_spec_has_examples_that_parse_within_64_bytes(self):
        for spec in callbacks.SPECS:
            assert spec.examples(), spec
            for example in spec.examples():
                assert callbacks.parse(example) is not None, example


# -- the fuzz test ------------------------------------------------------------------------

_PREFIXES = sorted({spec.prefix for spec in callbacks.SPECS} | {"x", "", "clx"})
_ACTIONS = sorted({spec.action for spec in callbacks.SPECS} | {"", "zz"})
_FIELD = st.one_of(
    st.integers(min_value=-(2**70), max_value=2**70).map(str),
    st.sampled_from(["0", "1", "2", "42", str(2**63 - 1), str(2**63), "-1", "01", "", "no"]),
    st.text(max_size=12),
    st.text(alphabet="0123456789\x00٣²:", max_size=22),
)


@st.composite
def callback_data(draw) -> str:
    """Near-misses of every spec plus plain garbage, at most 64 bytes."""
    kind = draw(st.integers(0, 3))
    if kind == 0:
        return draw(st.text(max_size=64))
    if kind == 1:
        spec = draw(st.sampled_from(callbacks.SPECS))
        prefix, action = spec.prefix, spec.action
        count = draw(st.integers(0, len(spec.fields) + 1))
    else:
        prefix, action = draw(st.sampled_from(_PREFIXES)), draw(st.sampled_from(_ACTIONS))
        count = draw(st.integers(0, 5))
    fields = [draw(_FIELD) for _ in range(count)]
    value = ":".join([prefix, action, *fields]) if draw(st.booleans()) or fields else prefix
    while len(value.encode("utf-8", "surrogatepass")) > 64:
        value = value[:-1]
    return value


def _draw_inputs(count: int) -> list[str]:
    drawn: list[str] = []

    @settings(
        max_examples=count,
        database=None,
        derandomize=True,
        suppress_health_check=list(HealthCheck),
        deadline=None,
    )
    @given(callback_data())
    def collect(value: str) -> None:
        drawn.append(value)

    collect()
    return drawn


FUZZ_INPUTS = _draw_inputs(300)


MANAGER = FakeUser(2501, "Mia", language_code="nl")
VIEWER = FakeUser(2502, "Vik", language_code="ru")


class TestFuzz:
    @pytest.mark.parametrize(
        ("user", "role"), [(ADMIN, "admin"), (MANAGER, "manager"), (VIEWER, "viewer")]
    )
    async def test_no_traceback_every_query_answered_nothing_changed_on_refusal(
        self, bot, caplog, user, role
    ):
        """Random prefixes, fields, huge ints, NUL and non-ASCII, as an admin (who may do
        the most), a manager and a viewer: one answer each, never the internal-error alert,
        no error logged, and a refused press writes nothing."""
        if user is not ADMIN:
            await bot.add_user(user, role, language=user.language_code)
        await bot.say(ADMIN, "/newclient Fuzz Target Ltd")
        menu = await bot.say(user, "/settings")
        refusal = translate(user.language_code, "callback.invalid")
        tried = refused = 0
        for data in dict.fromkeys(FUZZ_INPUTS + SEEN):
            try:
                data.encode("utf-8")
            except UnicodeEncodeError:
                continue  # a lone surrogate cannot travel as JSON text
            before = await snapshot(bot.services.db)
            answers = await forged(bot, data, user=user, message_id=menu.message_id)
            tried += 1
            assert len(answers) == 1, data
            assert answers[0]["text"] != translate(user.language_code, "error.internal"), data
            if answers[0]["text"] == refusal:
                refused += 1
                assert await snapshot(bot.services.db) == before, data
            if not bot.emu.message(user.id, menu.message_id).buttons:
                menu = await bot.say(user, "/settings")  # a cancel ("team:mv:no") closed it
        assert not errors_logged(caplog)
        assert tried >= 250 and refused >= tried * 0.8


class TestBuilding:
    def test_a_button_without_a_spec_cannot_be_built(self):
        """callbacks.data refuses what callbacks.parse would refuse, so the whole suite
        checks every button the bot sends against SPECS."""
        assert callbacks.data("cl", "open", 7) == "cl:open:7"
        for bad in (("cl", "open", "x"), ("cl", "nope", 1), ("rem", "done", 2**63)):
            with pytest.raises(ValueError):
                callbacks.data(*bad)
