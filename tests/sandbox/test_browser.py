"""The sandbox chat in headless Chromium, used the way a newcomer uses it.

Never skipped: without Chromium the test fails and says how to install it (CI installs
Debian's package in .ci/run). The last screenshot is kept in test-artifacts/.
"""

from __future__ import annotations

import json

from bot.clock import FakeClock
from sandbox.demo_data import ADMIN_ID, NL_MANAGER_ID, RU_MANAGER_ID
from tests.sandbox.page_support import (
    ARTIFACTS,
    COUNT_MESSAGES,
    button_in_bubble,
    last_bot_bubble,
    message_with_button,
)
from tests.sandbox.web_support import START, running_sandbox, tiny_png


async def test_a_newcomer_chats_presses_buttons_and_fast_forwards(tmp_path, browser):
    async with running_sandbox(tmp_path, FakeClock(START, frozen=False)) as sandbox:
        await browser.open(f"{sandbox.web.url}?as={ADMIN_ID}")
        await browser.wait_for("document.body.dataset.ready === '1'")
        await browser.wait_for("document.getElementById('status').classList.contains('live')")

        # /help: the reply arrives live, its HTML rendered as formatting, not as tags.
        await browser.type("#input", "/help")
        await browser.wait_for(last_bot_bubble("What I can do"))
        assert await browser.evaluate(
            "[...document.querySelectorAll('#messages .msg.in .bubble b')].length > 0"
        )

        # /settings (a link in the help text, as in Telegram's apps) -> Language ->
        # Nederlands: the same bubble is edited in place.
        await browser.click('#messages .msg.in a.cmdlink[data-command="/settings"]')
        menu_id = await browser.wait_for(message_with_button("set:menu:lang"))
        count = await browser.evaluate(COUNT_MESSAGES)
        await browser.click('button.kb[data-data="set:menu:lang"]')
        assert await browser.wait_for(message_with_button("set:lang:nl")) == menu_id
        await browser.click('button.kb[data-data="set:lang:nl"]')
        edited = await browser.wait_for(
            f"""(() => {{
                const b = document.querySelector('.msg[data-id="{menu_id}"] .bubble');
                return b && b.textContent.startsWith('Instellingen') ? b.textContent : null;
            }})()"""
        )
        assert "bewerkt" in edited  # the page's own words follow the persona's language
        assert await browser.evaluate(COUNT_MESSAGES) == count

        # Typed text that looks like HTML stays text.
        await browser.click('button.kb[data-data="set:menu:tz"]')
        await browser.click('button.kb[data-data="set:tzother"]')
        await browser.type("#input", "Europe/<img src=x onerror=alert(1)>")
        echoed = await browser.wait_for(last_bot_bubble("<img src=x"))
        assert "Europe/<img src=x onerror=alert(1)>" in echoed
        assert await browser.evaluate("document.querySelectorAll('#messages img').length") == 0

        # Fast-forward one day: the bot's clock and the page's clock jump together.
        before_ms = int(await browser.evaluate("document.getElementById('clock').dataset.ms"))
        bot_before = sandbox.runtime.services.clock.timestamp()
        await browser.click('button[data-jump="day"]')
        await browser.wait_for(
            f"Number(document.getElementById('clock').dataset.ms) >= {before_ms + 86_390_000}"
        )
        assert sandbox.runtime.services.clock.timestamp() - bot_before >= 86400
        # The note comes with the button's answer, which may follow the stream's clock event.
        await browser.wait_for(
            "document.getElementById('clocknote').textContent.includes('1 d vooruitgezet')"
        )
        await browser.screenshot(ARTIFACTS / "websandbox.png")

        # Another persona, another language, another private chat, where the follow-up that
        # fell due during the jump has already been delivered by the reminder engine.
        await browser.click(f'[data-persona="{RU_MANAGER_ID}"]')
        await browser.wait_for(last_bot_bubble("Позвонить Ольге Смирновой насчёт продления"))
        await browser.type("#input", "/help")
        await browser.wait_for(last_bot_bubble("Что я умею"))

        # What the bot sends on its own (reminders, exports, charts) arrives without a reload;
        # a message for a persona not on screen shows as an unread badge.
        bot = sandbox.runtime.app.bot
        await bot.send_message(ADMIN_ID, "<b>Reminder</b>: call Acme", parse_mode="HTML")
        await browser.wait_for(
            f"document.querySelector('[data-persona=\"{ADMIN_ID}\"] .badge')?.textContent === '1'"
        )
        await bot.send_message(
            RU_MANAGER_ID, "<b>Напоминание</b>: позвонить в «Ромашку»", parse_mode="HTML"
        )
        pushed = await browser.wait_for(last_bot_bubble("позвонить в «Ромашку»"))
        assert pushed.startswith("Напоминание: позвонить в «Ромашку»")  # <b> rendered as bold
        await bot.send_document(RU_MANAGER_ID, b"client;overdue\n", filename="overdue.csv")
        await bot.send_photo(RU_MANAGER_ID, tiny_png(40, 20), caption="Chart")
        assert (
            await browser.wait_for(
                "document.querySelector('#messages a.doc')?.getAttribute('download')"
            )
            == "overdue.csv"
        )
        assert (
            await browser.wait_for("document.querySelector('#messages img.photo')?.naturalWidth")
            == 40
        )
        await browser.screenshot(ARTIFACTS / "websandbox-ru.png")

    assert browser.exceptions == []
    assert [e for e in browser.console_errors if "Content Security Policy" in e] == []


FORMATTED = (
    "<b>bold</b> <i>italic</i> <u>under</u> <s>struck</s> <code>x = 1</code>\n"
    '<pre><code class="language-python">print(1)</code></pre>'
    '<a href="https://example.org/a?b=1&amp;c=2">site</a> '
    '<a href="javascript:alert(1)">trap</a> '
    "<tg-spoiler>secret</tg-spoiler>\n<blockquote>quoted &lt;b&gt;</blockquote>"
)


async def test_telegram_html_is_rendered_as_formatting_and_nothing_else(tmp_path, browser):
    async with running_sandbox(tmp_path) as sandbox:
        await browser.open(f"{sandbox.web.url}?as={ADMIN_ID}")
        await browser.wait_for("document.body && document.body.dataset.ready === '1'")
        sent = await sandbox.runtime.app.bot.send_message(ADMIN_ID, FORMATTED, parse_mode="HTML")
        await browser.wait_for(last_bot_bubble("secret"))
        count = await browser.evaluate(COUNT_MESSAGES)  # the morning digest may be there too
        shape = await browser.evaluate(
            """(() => {
                const b = [...document.querySelectorAll('#messages .msg.in .bubble')]
                    .find(b => b.textContent.includes('secret'));
                const text = (sel) => [...b.querySelectorAll(sel)].map(n => n.textContent);
                return {
                    b: text('b'), i: text('i'), u: text('u'), s: text('s'),
                    code: text(':not(pre) > code, code:not(pre code)'), pre: text('pre'),
                    links: [...b.querySelectorAll('a:not(.cmdlink)')].map(a => a.href),
                    spoiler: text('.spoiler:not(.shown)'), quote: text('blockquote'),
                    scripts: b.querySelectorAll('script, [onclick], [onerror]').length,
                };
            })()"""
        )
        assert shape["b"] == ["bold"] and shape["i"] == ["italic"]
        assert shape["u"] == ["under"] and shape["s"] == ["struck"]
        assert "x = 1" in shape["code"] and shape["pre"] == ["print(1)"]
        assert shape["links"] == ["https://example.org/a?b=1&c=2"]  # javascript: is no link
        assert shape["spoiler"] == ["secret"] and shape["quote"] == ["quoted <b>"]
        assert shape["scripts"] == 0
        await browser.click("#messages .spoiler")
        assert await browser.wait_for("document.querySelector('#messages .spoiler.shown') !== null")
        await sent.delete()  # as in Telegram, a deleted message just goes away
        await browser.wait_for(f"{COUNT_MESSAGES} === {count - 1}")
    assert browser.exceptions == []


async def test_the_whole_product_as_a_russian_manager(tmp_path, browser):
    """Issue 8's walk-through: /start, a button, a new client, a follow-up typed in Russian
    and confirmed, the clock fast-forwarded, the reminder arriving live, Done pressed."""
    async with running_sandbox(tmp_path, FakeClock(START, frozen=False)) as sandbox:
        await browser.open(f"{sandbox.web.url}?as={RU_MANAGER_ID}")
        await browser.wait_for("document.body.dataset.ready === '1'")
        await browser.wait_for("document.getElementById('status').classList.contains('live')")

        await browser.type("#input", "/start")
        await browser.wait_for(last_bot_bubble("Снова здравствуйте"))
        await browser.type("#input", "/settings")
        await browser.wait_for(message_with_button("set:menu:hour"))
        await browser.click('button.kb[data-data="set:menu:hour"]')
        await browser.wait_for(message_with_button("set:hour:9"))

        await browser.type("#input", "/newclient ООО Снежинка")
        await browser.wait_for(last_bot_bubble("«ООО Снежинка» добавлен"))

        await browser.type("#input", "напомни позвонить Снежинке завтра в 10")
        save = await browser.wait_for(button_in_bubble("fu:s:", "ООО Снежинка"))
        await browser.click(f'button.kb[data-data="{save}"]')
        await browser.wait_for(last_bot_bubble("Сохранено"))

        await browser.click('button[data-jump="day"]')
        done = await browser.wait_for(button_in_bubble("rem:done:", "позвонить"), timeout=30)
        await browser.click(f'button.kb[data-data="{done}"]')
        await browser.wait_for(last_bot_bubble("✅ Выполнено: Дмитрий"))
        await browser.screenshot(ARTIFACTS / "websandbox-walkthrough.png")
        reminder_id = int(done.split(":")[2])
        row = await sandbox.runtime.services.db.fetch_one(
            "SELECT status, done_by, client_id IS NOT NULL FROM reminders WHERE id = ?",
            (reminder_id,),
        )
        assert tuple(row) == ("done", RU_MANAGER_ID, 1)
    assert browser.exceptions == []


def count_bubbles(contains: str) -> str:
    return f"""[...document.querySelectorAll('#messages .msg.in .bubble')]
        .filter(b => b.textContent.includes({json.dumps(contains)})).length"""


async def test_the_morning_digest_switched_on_in_settings_arrives_after_a_day(tmp_path, browser):
    """Issue 11: the README's "+1 day shows the morning digest", as a Dutch manager who sets
    the digest to 07:00 in /settings first."""
    async with running_sandbox(tmp_path, FakeClock(START, frozen=False)) as sandbox:
        await browser.open(f"{sandbox.web.url}?as={NL_MANAGER_ID}")
        await browser.wait_for("document.body.dataset.ready === '1'")
        await browser.wait_for("document.getElementById('status').classList.contains('live')")

        await browser.type("#input", "/settings")
        menu_id = await browser.wait_for(message_with_button("set:menu:digest"))
        await browser.click('button.kb[data-data="set:menu:digest"]')
        assert await browser.wait_for(message_with_button("set:digest:420")) == menu_id
        await browser.click('button.kb[data-data="set:digest:420"]')
        await browser.wait_for(last_bot_bubble("Ochtendoverzicht: 07:00"))

        before = await browser.evaluate(count_bubbles("Goedemorgen"))
        await browser.click('button[data-jump="day"]')
        await browser.wait_for(f"{count_bubbles('Goedemorgen')} > {before}", timeout=30)
        digest = await browser.evaluate(last_bot_bubble("Goedemorgen"))
        assert "Goedemorgen! Je dag:" in digest
        await browser.screenshot(ARTIFACTS / "websandbox-digest.png")
    assert browser.exceptions == []


async def test_a_renewal_reminder_renewed_in_dutch(tmp_path, browser):
    """Issue 11: a contract typed with /contract, the clock fast-forwarded, its renewal
    reminder arriving live with Renewed, the renewed end (a year on) pressed."""
    async with running_sandbox(tmp_path, FakeClock(START, frozen=False)) as sandbox:
        await browser.open(f"{sandbox.web.url}?as={NL_MANAGER_ID}")
        await browser.wait_for("document.body.dataset.ready === '1'")
        await browser.wait_for("document.getElementById('status').classList.contains('live')")

        await browser.type("#input", "/newclient Sneeuwvlok BV")
        await browser.wait_for(last_bot_bubble("Sneeuwvlok BV"))
        await browser.type("#input", "/contract Sneeuwvlok BV einde 2026-12-14 opzeg 0")
        await browser.wait_for(
            last_bot_bubble("Contract van Sneeuwvlok BV loopt af op 14 dec 2026")
        )

        await browser.click('button[data-jump="day"]')
        renewed = await browser.wait_for(button_in_bubble("ct:ren:", "Sneeuwvlok BV"), timeout=30)
        await browser.click(f'button.kb[data-data="{renewed}"]')
        year_on = await browser.wait_for(button_in_bubble("ct:rdef:", "Sneeuwvlok BV"))
        await browser.click(f'button.kb[data-data="{year_on}"]')
        done = await browser.wait_for(last_bot_bubble("✅ Sneeuwvlok BV verlengd"))
        assert "14 dec 2027" in done
        await browser.screenshot(ARTIFACTS / "websandbox-renewed.png")
        await browser.type("#input", "/client Sneeuwvlok")
        card = await browser.wait_for(last_bot_bubble("Verlenging: 14 dec 2027"))
        assert "14 dec 2026" not in card


async def test_a_pending_step_is_left_with_a_command_and_with_a_follow_up(tmp_path, browser):
    """Issue 11: after Time zone -> Other…, /help leaves the question and answers; a typed
    follow-up leaves it too and gets its confirmation card instead of "not a time zone"."""
    async with running_sandbox(tmp_path, FakeClock(START, frozen=False)) as sandbox:
        await browser.open(f"{sandbox.web.url}?as={ADMIN_ID}")
        await browser.wait_for("document.body.dataset.ready === '1'")
        await browser.wait_for("document.getElementById('status').classList.contains('live')")

        async def other_time_zone() -> None:
            await browser.type("#input", "/settings")
            await browser.wait_for(message_with_button("set:menu:tz"))
            await browser.click('button.kb[data-data="set:menu:tz"]')
            await browser.wait_for(message_with_button("set:tzother"))
            await browser.click('button.kb[data-data="set:tzother"]')
            await browser.wait_for(last_bot_bubble("Type a time zone name"))

        await other_time_zone()
        await browser.type("#input", "/help")
        await browser.wait_for(last_bot_bubble("You left the unfinished question"))
        await browser.wait_for(last_bot_bubble("What I can do"))

        await other_time_zone()
        await browser.type("#input", "call Acme tomorrow at 10")
        await browser.wait_for(last_bot_bubble("I read this as a new follow-up"))
        save = await browser.wait_for(button_in_bubble("fu:s:", "Acme Supplies"))
        await browser.click(f'button.kb[data-data="{save}"]')
        await browser.wait_for(last_bot_bubble("Saved as reminder"))
        await browser.screenshot(ARTIFACTS / "websandbox-steps-left.png")
        assert await browser.evaluate(last_bot_bubble("is not a time zone I know")) is None
        user = await sandbox.runtime.services.access.user(ADMIN_ID)
        assert user.timezone == "Europe/London"
    assert browser.exceptions == []
