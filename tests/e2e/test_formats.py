"""Money, dates and counts as Babel writes them, in every language and every message kind.

Through the emulator, set up by user actions: a manager per language types four invoices
(JPY, EUR, KWD, HUF, all overdue), and the card, /overdue, the payment reminders, the daily
digest, the handoff to the deputy and /report must show each amount exactly as Babel's
`format_currency` writes it for that language (the currency's own decimals from Babel's
data). Counts (1, 2, 5, 21, 22, 25) take the plural form Babel's CLDR rules give.
"""

from __future__ import annotations

import asyncio
import re
from datetime import UTC, datetime, timedelta
from decimal import Decimal

import pytest
from babel import Locale
from babel.numbers import format_currency, format_decimal, get_currency_precision

from bot import fmt
from bot.i18n import Translator
from bot.reminders.render import plain
from bot.team.posting import post_absence_news
from sandbox.models import FakeUser
from tests.conftest import ADMIN

LANGS = ("en", "ru", "nl", "hu")
# what each user types: (currency, amount in the language's style, minor units)
TYPED = {
    "en": (("JPY", "1500", 1500), ("EUR", "1234.50", 123450), ("KWD", "12.345", 12345)),
    "ru": (("JPY", "1500", 1500), ("EUR", "1234,50", 123450), ("KWD", "12,345", 12345)),
    "nl": (("JPY", "1500", 1500), ("EUR", "1234,50", 123450), ("KWD", "12,345", 12345)),
    "hu": (("JPY", "1500", 1500), ("EUR", "1234,50", 123450), ("KWD", "12,345", 12345)),
}
HUF = ("HUF", "1850000", 1850000)
CLIENTS = {"en": "Acme Trading", "ru": "Ромашка", "nl": "Jansen BV", "hu": "Kovács Kft"}
MANAGERS = {lang: FakeUser(5100 + i, f"M{lang}", username=f"m{lang}", language_code=lang)
            for i, lang in enumerate(LANGS)}  # fmt: skip
DEPUTIES = {lang: FakeUser(5200 + i, f"D{lang}", username=f"d{lang}", language_code=lang)
            for i, lang in enumerate(LANGS)}  # fmt: skip


def babel_money(minor: int, currency: str, lang: str) -> str:
    """Babel's own writing of the amount, with Babel's decimals for the currency."""
    amount = Decimal(minor).scaleb(-get_currency_precision(currency))
    return format_currency(amount, currency, locale=fmt.LOCALES[lang])


def invoices(lang: str) -> tuple[tuple[str, str, int], ...]:
    return (*TYPED[lang], HUF)


async def new_client(bot, user: FakeUser, name: str) -> int:
    """/newclient NAME; the client's id from the card's buttons."""
    mark = bot.emu.mark()
    bot.emu.send_text(user, f"/newclient {name}")
    card = await bot.emu.wait_for_message(
        user.id, lambda m: any(d.startswith("cl:rem:") for d in m.callback_data), since=mark
    )
    data = next(d for d in card.callback_data if d.startswith("cl:rem:"))
    return int(data.split(":")[2])


async def go_away(bot, user: FakeUser, deputy: FakeUser) -> None:
    """/away for this week with `deputy`; once the deputy is told, the handoff is posted."""
    mark = bot.emu.mark()
    await bot.say(user, f"/away 2026-11-24 2026-11-30 @{deputy.username}")
    await bot.emu.wait_for_message(deputy.id, since=mark)
    await post_absence_news(bot.services)


def texts(bot, user: FakeUser, mark) -> str:
    return "\n".join(m.text for m in bot.emu.messages(user.id, since=mark))


@pytest.fixture
async def managers(bot):
    """A manager (digest at 08:00) and a deputy per language, each manager with a client
    and its four overdue invoices typed in the manager's language."""
    for lang in LANGS:
        await bot.add_user(
            MANAGERS[lang], language=lang, timezone="Europe/Amsterdam", digest_minute=8 * 60
        )
        await bot.add_user(DEPUTIES[lang], language=lang, timezone="Europe/Amsterdam")
        await new_client(bot, MANAGERS[lang], CLIENTS[lang])
        for currency, typed, _ in invoices(lang):
            reply = await bot.say(
                MANAGERS[lang], f"/invoice {CLIENTS[lang]} {typed} {currency} 2026-11-20"
            )
            assert "2026" in reply.text and "/invoice" not in reply.text, reply.text
    return MANAGERS


class TestAmountsInEveryMessageKind:
    @pytest.mark.slow
    async def test_every_kind_shows_babels_amounts_in_every_language(self, bot, managers):
        mark = bot.emu.mark()
        await bot.runtime.time_moved()  # payment reminders and the 08:00 digest are due
        for lang, user in managers.items():
            t = Translator(lang)
            expected = [babel_money(minor, cur, lang) for cur, _, minor in invoices(lang)]
            card = await bot.say(user, f"/client {CLIENTS[lang]}")
            overdue = await bot.say(user, "/overdue")
            title = plain(t("obligation.digest_title"))
            digest = await bot.emu.wait_for_message(
                user.id, lambda m, title=title: m.text.startswith(title), since=mark
            )
            for amount in expected:
                assert amount in card.text, (lang, "card", amount, card.text)
                assert amount in overdue.text, (lang, "/overdue", amount, overdue.text)
                assert amount in digest.text, (lang, "digest", amount, digest.text)
                await bot.emu.wait_for_message(
                    user.id, lambda m, a=amount: "💶" in m.text and a in m.text, since=mark
                )  # the payment reminder (or the catch-up list holding it)
            labels = " ".join(label for row in overdue.buttons for label, _ in row)
            assert all(amount in labels for amount in expected), (lang, "buttons", labels)

            away = bot.emu.mark()
            await go_away(bot, user, DEPUTIES[lang])
            handoff = texts(bot, DEPUTIES[lang], away)
            for amount in expected:
                assert amount in handoff, (lang, "handoff", amount, handoff)

            menu = await bot.say(user, "/report")
            report_mark = bot.emu.mark()
            await bot.press(user, "rep:p:m:0", message_id=menu.message_id)
            report = await bot.emu.wait_for_message(
                user.id, lambda m: m.kind == "text", since=report_mark
            )
            for amount in expected:
                assert amount in report.text, (lang, "report", amount, report.text)


CLIENT_WORDS = {
    "en": {"one": "client", "other": "clients"},
    "ru": {"one": "клиент", "few": "клиента", "many": "клиентов"},
    "nl": {"one": "klant", "other": "klanten"},
    "hu": {"one": "ügyfél", "other": "ügyfél"},
}


class TestCounts:
    @pytest.mark.slow
    async def test_imported_counts_take_babels_plural_form(self, bot):
        for lang in LANGS:
            user = MANAGERS[lang]
            await bot.add_user(user, language=lang)
            locale = fmt.LOCALES[lang]
            for count in (1, 2, 5, 21, 22, 25):
                rows = "".join(f"Count {lang} {count} n{i}\n" for i in range(count))
                await bot.say(user, "/import")
                mark = bot.emu.mark()
                bot.emu.send_document(user, "clients.csv", f"Name\n{rows}".encode())
                report = await bot.emu.wait_for_message(user.id, since=mark)
                category = Locale.parse(locale).plural_form(count)
                phrase = f"{format_decimal(count, locale=locale)} {CLIENT_WORDS[lang][category]}"
                assert re.search(rf"(^|\s){re.escape(phrase)}[;\s]", report.text), (
                    lang,
                    count,
                    report.text,
                )


RU_ADMIN = FakeUser(5301, "Ирина", username="irina", language_code="ru")
NINA = FakeUser(5302, "Nina", username="nina", language_code="nl")
NILS = FakeUser(5303, "Nils", username="nils", language_code="nl")
RITA = FakeUser(5304, "Rita", username="rita", language_code="ru")


async def card_reminder(
    bot, user: FakeUser, client_id: int, when: str, what: str = "bellen"
) -> None:
    """The card's "Remind" button, the typed time, what to do, and Save on the card."""
    mark = bot.emu.mark()
    await bot.press(user, f"cl:rem:{client_id}")
    await bot.emu.wait_for_message(user.id, since=mark)  # "what and when?"
    await bot.say(user, when)  # only a date: the bot asks what to do
    confirm = await bot.say(user, what)
    save = next(d for d in confirm.callback_data if d.startswith("fu:s:"))
    await bot.press(user, save, message_id=confirm.message_id)


class TestPluralSentences:
    async def test_22_reminders_on_hold_are_told_in_russian(self, bot):
        await bot.say(ADMIN, "/help")
        await bot.add_user(RU_ADMIN, "admin", language="ru")
        await bot.say(RU_ADMIN, "/help")  # the admin's private chat becomes known
        await bot.add_user(RITA, language="ru", timezone="Europe/Amsterdam")
        client = await new_client(bot, RITA, "Лютик")
        await card_reminder(bot, RITA, client, "2026-11-24 11:00")
        for _ in range(21):
            await card_reminder(bot, RITA, client, "2026-11-25 11:00")
        bot.emu.set_fault(RITA.id, "forbidden")
        mark = bot.emu.mark()
        bot.clock.advance(timedelta(hours=2))
        await bot.runtime.time_moved()
        note = await bot.emu.wait_for_message(RU_ADMIN.id, "заблокировал", since=mark)
        assert note.text == (
            "⚠️ Rita заблокировал(а) бота. 22 напоминания ждут, пока бота не разблокируют."
        )

    async def test_the_dutch_return_summary_says_1_herinnering(self, bot):
        await bot.add_user(NINA, language="nl", timezone="Europe/Amsterdam")
        await bot.add_user(NILS, language="nl", timezone="Europe/Amsterdam")
        client = await new_client(bot, NINA, "Jansen BV")
        await card_reminder(bot, NINA, client, "2026-11-24 15:00")
        await go_away(bot, NINA, NILS)
        mark = bot.emu.mark()
        bot.clock.advance(timedelta(hours=6))
        await bot.runtime.time_moved()
        delivered = await bot.emu.wait_for_message(NILS.id, "Jansen BV", since=mark)
        done = next(d for d in delivered.callback_data if d.startswith("rem:done:"))
        await bot.press(NILS, done, message_id=delivered.message_id)
        mark = bot.emu.mark()
        await bot.say(NINA, "/back")
        await post_absence_news(bot.services)
        summary = await bot.emu.wait_for_message(NINA.id, "Jansen BV", since=mark, timeout=10)
        assert "1 herinnering afgehandeld" in summary.text
        assert "0 facturen" in summary.text and "herinneringen afgehandeld" not in summary.text


ANNA = FakeUser(5401, "Anna", username="anna_g", language_code="en")


async def posted_handoff(bot, group_id: int, mark) -> list:
    """Run the absence checks until the handoff is in the group (the absence is saved just
    after the /away reply); bounded."""
    for _ in range(100):
        await post_absence_news(bot.services)
        if posted := bot.emu.messages(group_id, since=mark):
            return posted
        await asyncio.sleep(0.02)
    raise AssertionError("no handoff posted in the group")


class TestTeamGroupLanguageAndZone:
    async def test_the_group_chooses_its_language_and_zone_and_handoffs_follow(self, bot):
        await bot.say(ADMIN, "/help")
        await bot.add_user(ANNA, language="en", timezone="Europe/Amsterdam")
        group = bot.emu.add_group("Sales")
        for member in (ADMIN, ANNA):
            bot.emu.set_member_status(group.id, member, "member")
        registered = await bot.say(ADMIN, "/register_team nl Europe/London", chat=group.id)
        assert registered.text.startswith("Deze groep is nu de teamchat")
        assert "in het Nederlands, met tijden voor Londen" in registered.text
        bad = await bot.say(ADMIN, "/team_settings Mars/Base", chat=group.id)
        assert bad.text.startswith("“Mars/Base” is neither a language")

        menu = await bot.say(ADMIN, "/team_settings", chat=group.id)
        assert menu.text.startswith("Teamgroep\nTaal: Nederlands\nTijdzone: Londen (Europe/London)")
        assert "team:gs:l:ru" in menu.callback_data and "team:gs:a:1" in menu.callback_data
        russian = await bot.press_and_edit(
            ADMIN, "team:gs:l:ru", message_id=menu.message_id, chat=group.id
        )
        assert russian.text.startswith("Командная группа\nЯзык: Русский")
        shown = await bot.press_and_edit(
            ADMIN, "team:gs:a:1", message_id=menu.message_id, chat=group.id
        )
        assert "Суммы в передачах дел: показываются" in shown.text
        refused = bot.emu.press_button(ANNA, menu.message_id, "team:gs:l:en", chat=group.id)
        assert (await bot.emu.wait_for_callback_answer(refused))["text"]
        assert (await bot.services.team.group(group.id)).language == "ru"

        client = await new_client(bot, ANNA, "Acme Trading")
        await card_reminder(bot, ANNA, client, "2026-11-26 09:00")
        await bot.say(ANNA, "/invoice Acme Trading 1500 JPY 2026-11-28")
        mark = bot.emu.mark()
        await bot.say(ANNA, "/away 2026-11-24 2026-11-30")
        posted = await posted_handoff(bot, group.id, mark)
        assert posted[0].text.startswith("🏖 Anna отсутствует")
        items = "\n".join(m.text for m in bot.emu.messages(group.id, since=mark))
        assert "09:00 Амстердам" in items  # Anna's wall clock, named: the group is in London
        assert babel_money(1500, "JPY", "ru") in items
        assert (
            f"💶 Счёт (без номера), срок 28 нояб. 2026\u202fг. · {babel_money(1500, 'JPY', 'ru')}"
            in items
        )

        mark = bot.emu.mark()  # Anna's reminder comes due while she is away, nobody covers
        bot.clock.set(datetime(2026, 11, 26, 8, 0, tzinfo=UTC))
        await bot.runtime.time_moved()
        due = await bot.emu.wait_for_message(group.id, "Acme Trading", since=mark)
        assert "🕒 срок чт, 26 нояб. 08:00" in due.text  # on the group's (London) clock


CARL = FakeUser(5402, "Carl", username="carl_g", language_code="nl")


class TestEscapingOnce:
    async def test_names_show_as_typed_in_text_and_labels_and_rtl_names_are_isolated(self, bot):
        await bot.add_user(ANNA, language="en", timezone="Europe/Amsterdam")
        await new_client(bot, ANNA, "<b>X</b>")
        card = await bot.say(ANNA, "/client <b>X</b>")
        assert card.text.startswith("<b>X</b> · active")
        bakker = await new_client(bot, ANNA, "Bakker & Zonen")
        warning = await bot.say(ANNA, "/newclient bakker & zonen")
        labels = [label for row in warning.buttons for label, _ in row]
        assert any(label.endswith("Bakker & Zonen") for label in labels), labels
        assert not any("&amp;" in label for label in labels)
        await bot.say(ANNA, "/cancel")
        await new_client(bot, ANNA, "شركة النور")
        arabic = await bot.say(ANNA, "/client شركة")
        assert arabic.text.startswith("\u2068شركة النور\u2069 · active")

        await new_client(bot, ANNA, "Smit & Zn")  # renewal buttons are named by the client
        await bot.say(ANNA, "/contract Smit & Zn ends 2026-12-20 notice 10")
        listing = await bot.say(ANNA, "/renewals")
        labels = [label for row in listing.buttons for label, _ in row]
        assert labels == ["✅ Renewed: Smit & Zn", "✖️ Not: Smit & Zn"], labels
        mark = bot.emu.mark()
        not_renewing = next(d for d in listing.callback_data if d.startswith("ct:not:"))
        bot.emu.press_button(ANNA, listing.message_id, not_renewing)
        await bot.emu.wait_for_message(ANNA.id, since=mark)  # why?
        ended = await bot.say(ANNA, "went to a competitor")
        assert [label for row in ended.buttons for label, _ in row] == ["Mark Smit & Zn as lost"]

        card = await bot.say(ANNA, "call Vos & Co tomorrow 10:00")  # an unknown client
        create = next(d for d in card.callback_data if d.startswith("fu:nc:"))
        mark = bot.emu.mark()
        bot.emu.press_button(ANNA, card.message_id, create)
        ask = await bot.emu.wait_for_message(ANNA.id, since=mark)  # the name may be changed
        assert [label for row in ask.buttons for label, _ in row] == ["➕ Create client Vos & Co"]
        await bot.say(ANNA, "/cancel")

        await bot.say(ADMIN, "/help")
        await bot.add_user(CARL, language="nl", timezone="Europe/Amsterdam")
        group = bot.emu.add_group("Sales")
        for member in (ADMIN, ANNA, CARL):
            bot.emu.set_member_status(group.id, member, "member")
        await bot.say(ADMIN, "/register_team en", chat=group.id)
        await card_reminder(bot, ANNA, bakker, "2026-11-26 09:00", "Bakker & Zonen <b>bellen</b>")
        mark = bot.emu.mark()
        await bot.say(ANNA, "/away 2026-11-24 2026-11-30")
        await posted_handoff(bot, group.id, mark)
        post = next(m for m in bot.emu.messages(group.id, since=mark) if m.buttons)
        assert post.text.startswith("Bakker & Zonen\n")
        (label, take), *_ = post.buttons[0]
        assert label == "🙋 Take it: Bakker & Zonen <b>bellen</b>"
        edited = await bot.press_and_edit(CARL, take, message_id=post.message_id, chat=group.id)
        assert edited.buttons[0][0][0] == "✅ Carl: Bakker & Zonen <b>bellen</b>"
