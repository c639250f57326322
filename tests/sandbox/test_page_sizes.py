"""The sandbox page at a desktop's and a phone's size, doing what the README promises.

At 1280x800 and at 390x844 (a phone, the chats in a drawer): nothing wider than the screen
and every inline button wholly visible, a CSV attached with the paperclip and imported, a
multi-line /log (Shift+Enter) saved with its outcome, a warning instead of a silent cut past
4,096 characters, a day separator after the clock jumps a day, unread badges only for what
arrives while a chat is not open, and the page's own words and "/" menu in Hungarian once
the persona picks Magyar in /settings, its clock and times in the zone picked there.
Screenshots of both sizes go to test-artifacts/.
"""

from __future__ import annotations

import json

import pytest

from bot.clock import FakeClock
from sandbox.demo_data import ADMIN_ID, PERSONAS, RU_MANAGER_ID
from sandbox.labels import LABELS
from tests.sandbox.page_support import (
    ARTIFACTS,
    LAYOUT,
    assert_fits,
    last_bot_bubble,
)
from tests.sandbox.web_support import START, running_sandbox

SIZES = {"desktop": (1280, 800, False), "phone": (390, 844, True)}
CARD_CLIENT = "Van der Berg Logistiek BV"
IMPORTED = "Tölgyfa Ablak Kft"
CSV = f"name,phone,segment\n{IMPORTED},+36 1 555 0100,small\n"
READY = "document.body.dataset.ready === '1' && document.body.dataset.synced === '1'"
SIDEBAR_GONE = "document.getElementById('sidebar').getBoundingClientRect().right <= 0"
LIVE = "document.getElementById('status').classList.contains('live')"


def text_of(selector: str) -> str:
    return f"(document.querySelector({json.dumps(selector)})?.textContent ?? null)"


def newest_own_bubble() -> str:
    return """(() => {
        const all = document.querySelectorAll('#messages .msg.out .bubble');
        return all.length ? all[all.length - 1].innerText : null;
    })()"""


def newest_with_button(data: str, after: str = "0") -> str:
    """JS: the id of the newest message after `after` carrying a button with this data."""
    return f"""(() => {{
        const found = [...document.querySelectorAll('button.kb[data-data={json.dumps(data)}]')]
            .map(b => b.closest('.msg').dataset.id).filter(id => Number(id) > {after});
        return found.length ? found[found.length - 1] : null;
    }})()"""


async def fits(browser) -> None:
    assert_fits(await browser.evaluate(LAYOUT))


async def in_drawer(browser, phone: bool, selector: str) -> None:
    """Click something in the sidebar; on a phone the drawer is opened first."""
    if phone:
        await browser.click("#drawerbtn")
        await browser.wait_for(
            "document.getElementById('sidebar').getBoundingClientRect().left >= 0"
        )
    await browser.click(selector)


@pytest.mark.parametrize("size", SIZES)
async def test_the_page_works_at_desktop_and_phone_size(tmp_path, browser, size):
    width, height, phone = SIZES[size]
    await browser.set_viewport(width, height, mobile=phone)
    async with running_sandbox(tmp_path, FakeClock(START, frozen=False)) as sandbox:
        try:
            await use_the_page(tmp_path, browser, sandbox, size, phone)
        except BaseException:
            await browser.screenshot(ARTIFACTS / f"websandbox-{size}-failed.png")
            raise


async def use_the_page(tmp_path, browser, sandbox, size: str, phone: bool) -> None:
    """Everything a newcomer tries, at one size (the screenshot is named after it)."""
    url = f"{sandbox.web.url}?as={ADMIN_ID}"
    await browser.open(url)
    await browser.wait_for(READY)
    await browser.wait_for(LIVE)
    sidebar_left = "document.getElementById('sidebar').getBoundingClientRect().left"
    if phone:  # one column: the chat fills the screen, the chats wait in a drawer
        assert await browser.evaluate(f"{sidebar_left} < 0")
        await browser.click("#drawerbtn")
        await browser.wait_for(f"{sidebar_left} >= 0")
        await fits(browser)
        await browser.screenshot(ARTIFACTS / "websandbox-phone-drawer.png")
        await browser.click('[data-chat="private"]')
        await browser.wait_for(SIDEBAR_GONE)  # slid away: it no longer covers the chat
    else:
        assert await browser.evaluate(f"{sidebar_left} >= 0")

    # A card and the settings menu: rows of buttons, all on screen.
    await browser.type("#input", f"/client {CARD_CLIENT}")
    await browser.wait_for(last_bot_bubble(CARD_CLIENT))
    await browser.type("#input", "/settings")
    menu_id = await browser.wait_for(newest_with_button("set:menu:lang"))
    await fits(browser)

    # /import, then the paperclip and a CSV file from the disk.
    await browser.type("#input", "/import")
    await browser.wait_for(last_bot_bubble("CSV"))
    csv = tmp_path / "clients.csv"
    csv.write_text(CSV, encoding="utf-8")
    replies = "document.querySelectorAll('#messages .msg.in').length"
    before = await browser.evaluate(replies)
    await browser.choose_file("#filebtn", csv)
    await browser.wait_for(
        "document.querySelector('#messages .msg.out .doc .name')?.textContent === 'clients.csv'"
    )
    await browser.wait_for(f"{replies} > {before}")
    await browser.type("#input", f"/client {IMPORTED}")
    await browser.wait_for(last_bot_bubble("+36 1 555 0100"))

    # /log over three lines: Shift+Enter breaks the line, Enter sends.
    await browser.type("#input", f"/log {IMPORTED} call Talked about the renewal", enter=False)
    await browser.enter(shift=True)
    await browser.send("Input.insertText", text="outcome: agreed on a demo")
    await browser.enter(shift=True)
    await browser.send("Input.insertText", text="next: send the offer")
    assert await browser.evaluate("document.getElementById('input').value.split('\\n')") == [
        f"/log {IMPORTED} call Talked about the renewal",
        "outcome: agreed on a demo",
        "next: send the offer",
    ]
    await browser.enter()
    sent = await browser.wait_for(
        f"(() => {{ const t = {newest_own_bubble()}; "
        "return t && t.includes('next: send the offer') ? t : null; })()"
    )
    assert "\noutcome: agreed on a demo\n" in sent
    db = sandbox.runtime.services.db
    row = None
    for _ in range(100):
        row = await db.fetch_one(
            "SELECT i.kind, i.summary, i.outcome, i.next_step FROM interactions i "
            "JOIN clients c ON c.id = i.client_id WHERE c.name = ?",
            (IMPORTED,),
        )
        if row is not None:
            break
        await browser.wait_for("true")  # one round trip to the page, then look again
    assert row is not None and tuple(row) == (
        "call",
        "Talked about the renewal",
        "agreed on a demo",
        "send the offer",
    )
    await browser.wait_for(last_bot_bubble("Talked about the renewal"))

    # Past 4,096 characters: a warning, Send disabled, Enter sends nothing.
    await browser.type("#input", "x" * 4100, enter=False)
    warning = await browser.wait_for(
        "!document.getElementById('warn').hidden && document.getElementById('warn').textContent"
    )
    assert "4,100" in warning and "4,096" in warning
    assert await browser.evaluate("document.getElementById('send').disabled")
    await browser.enter()
    assert await browser.evaluate("document.getElementById('input').value.length") == 4100
    await fits(browser)
    await browser.evaluate(
        "(() => { const i = document.getElementById('input'); i.value = '';"
        " i.dispatchEvent(new Event('input')); })()"
    )
    assert await browser.evaluate("document.getElementById('warn').hidden")

    # The clock jumps a day: the next message sits under a new day's separator.
    days = "document.querySelectorAll('#messages .day').length"
    assert await browser.evaluate(days) == 1
    await in_drawer(browser, phone, 'button[data-jump="day"]')
    await browser.wait_for(text_of("#clocknote"))
    if phone:  # back to the chat: the drawer slides away
        await browser.click('[data-chat="private"]')
        await browser.wait_for(SIDEBAR_GONE)
    await browser.type("#input", "/help")
    await browser.wait_for(f"{days} === 2")

    # Magyar in /settings: the page's words and the "/" menu follow.
    await browser.type("#input", "/settings")
    settings = await browser.wait_for(newest_with_button("set:menu:lang", after=menu_id))
    await browser.click(f'.msg[data-id="{settings}"] button.kb[data-data="set:menu:lang"]')
    await browser.wait_for(newest_with_button("set:lang:hu", after=menu_id))
    await browser.click(f'.msg[data-id="{settings}"] button.kb[data-data="set:lang:hu"]')
    hu = {key: texts["hu"] for key, texts in LABELS.items()}
    await browser.wait_for(f"{text_of('#send')} === {json.dumps(hu['send'])}")
    assert await browser.evaluate("document.documentElement.lang") == "hu"
    assert await browser.evaluate(text_of('button[data-jump="day"]')) == hu["plus_day"]
    assert await browser.evaluate(text_of('[data-label="chats"]')) == hu["chats"]
    assert await browser.evaluate("document.getElementById('input').placeholder") == hu[
        "placeholder_short" if phone else "placeholder"
    ].format(name=next(p.name for p in PERSONAS if p.id == ADMIN_ID))
    await browser.click("#menubtn")
    menu = await browser.wait_for(
        "[...document.querySelectorAll('#menu .desc')].map(n => n.textContent)"
    )
    assert menu == [c["description"] for c in sandbox.emulator.commands("hu")]
    await browser.click("#menubtn")

    # A new zone in /settings: the clock and the messages' times follow (London -> Budapest).
    own_time = "document.querySelector('#messages .msg.out .meta').textContent.slice(-5)"
    assert (await browser.evaluate(own_time)).startswith("09:")
    await browser.wait_for(newest_with_button("set:menu:tz", after=menu_id))
    await browser.click(f'.msg[data-id="{settings}"] button.kb[data-data="set:menu:tz"]')
    zone = "set:tz:Europe/Budapest"
    await browser.wait_for(newest_with_button(zone, after=menu_id))
    await browser.click(f'.msg[data-id="{settings}"] button.kb[data-data="{zone}"]')
    await browser.wait_for(f"{text_of('#clock')}.includes('(Europe/Budapest)')")
    assert (await browser.evaluate(own_time)).startswith("10:")
    await fits(browser)
    await browser.screenshot(ARTIFACTS / f"websandbox-{size}.png")

    # Unread: what arrives for another persona while their chat is not open counts
    # (the day's jump delivered their reminders too); a reload replays history without
    # calling it unread.
    persona = f"document.querySelector('[data-persona=\"{RU_MANAGER_ID}\"] .badge')"
    badge = f"Number({persona}?.textContent ?? 0)"
    unread = await browser.evaluate(badge)
    await sandbox.runtime.app.bot.send_message(RU_MANAGER_ID, "Напоминание: позвонить")
    await browser.wait_for(f"{badge} === {unread + 1}")
    if phone:
        total = await browser.evaluate("Number(document.getElementById('drawerbadge').textContent)")
        assert total >= unread + 1
    await browser.open(url)
    await browser.wait_for(READY)
    assert await browser.evaluate("document.querySelectorAll('.badge:not([hidden])').length") == 0
    await fits(browser)
