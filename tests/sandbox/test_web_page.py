"""The page's newer API: files sent by a persona, personas that follow /settings, labels."""

from __future__ import annotations

import base64
import re

import aiohttp
import pytest

from bot.config import LANGUAGES
from sandbox.demo_data import ADMIN_ID, NL_MANAGER_ID, TEAM_CHAT_ID
from sandbox.labels import LABELS
from sandbox.web import MAX_UPLOAD
from tests.sandbox.web_support import event_stream, from_bot, post, running_sandbox

CSV = b"name,phone\nTest Upload Ltd,+44 20 7946 0000\n"


@pytest.fixture
async def sandbox(tmp_path):
    async with running_sandbox(tmp_path) as running:
        yield running


@pytest.fixture
async def session():
    async with aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=30)) as client:
        yield client


def upload(name: str, content: bytes, **extra) -> dict:
    return {
        "user": ADMIN_ID,
        "name": name,
        "mime": "text/csv",
        "base64": base64.b64encode(content).decode(),
        **extra,
    }


async def test_a_file_sent_after_import_is_imported(session, sandbox):
    url = sandbox.web.url
    async with event_stream(session, url) as events:
        await post(session, url, "send", {"user": ADMIN_ID, "text": "/import"})
        # The admin persona's morning digest may arrive meanwhile: wait for these answers.
        await events.wait_for("msg", lambda m: from_bot(m) and "CSV" in m["text"])
        await post(session, url, "upload", upload("clients.csv", CSV))
        mine = await events.wait_for("msg", lambda m: m["kind"] == "document")
        report = await events.wait_for("msg", lambda m: from_bot(m) and "Imported" in m["text"])
    assert mine["from"]["id"] == ADMIN_ID and mine["file"]["name"] == "clients.csv"
    assert "Imported 1 client;" in report["text"]
    found = await sandbox.runtime.services.db.fetch_one(
        "SELECT phone FROM clients WHERE name = ?", ("Test Upload Ltd",)
    )
    assert found is not None and found[0] == "+44 20 7946 0000"


@pytest.mark.parametrize(
    ("body", "error"),
    [
        (upload("a.csv", b"x", user=4242), "unknown persona"),
        (upload("", b"x"), "needs a name"),
        (upload("a.csv", b""), "empty"),
        ({**upload("a.csv", b"x"), "base64": "%%%"}, "not valid base64"),
        (upload("a.csv", b"x", chat_id=NL_MANAGER_ID), "unknown chat"),
        ({"user": ADMIN_ID, "name": "a.csv"}, "missing field 'base64'"),
    ],
)
async def test_bad_uploads_are_refused_with_a_reason(session, sandbox, body, error):
    async with session.post(f"{sandbox.web.url}api/upload", json=body) as response:
        assert response.status == 400
        assert error in (await response.json())["error"]
    for chat_id in (ADMIN_ID, NL_MANAGER_ID, TEAM_CHAT_ID):
        assert sandbox.emulator.user_messages(chat_id) == []


async def test_a_file_over_the_limit_is_refused(session, sandbox):
    body = upload("big.csv", b"x" * (MAX_UPLOAD + 1))
    async with session.post(f"{sandbox.web.url}api/upload", json=body) as response:
        assert response.status == 400
        assert "at most" in (await response.json())["error"]
    assert sandbox.emulator.user_messages(ADMIN_ID) == []


async def test_the_personas_follow_settings_live(session, sandbox):
    url = sandbox.web.url
    async with event_stream(session, url) as events:
        await events.wait_for("synced")
        await post(session, url, "send", {"user": NL_MANAGER_ID, "text": "/settings"})
        menu = await events.wait_for("msg", lambda m: from_bot(m) and bool(m["buttons"]))
        press = {"user": NL_MANAGER_ID, "message_id": menu["message_id"]}
        await post(session, url, "press", {**press, "data": "set:menu:lang"})
        await events.wait_for(
            "msg",
            lambda m: any(b.get("data") == "set:lang:hu" for row in m["buttons"] for b in row),
        )
        await post(session, url, "press", {**press, "data": "set:lang:hu"})
        changed = await events.wait_for("personas", timeout=15)
    eva = next(p for p in changed["personas"] if p["id"] == NL_MANAGER_ID)
    assert eva["language"] == "hu"
    async with session.get(f"{url}api/state") as response:
        state = await response.json()
    assert next(p for p in state["personas"] if p["id"] == NL_MANAGER_ID)["language"] == "hu"
    assert set(state["commands"]) == set(LANGUAGES) == set(state["labels"])
    assert state["commands"]["hu"] == sandbox.emulator.commands("hu")


def test_every_page_label_is_in_every_language_with_the_same_fields():
    for key, texts in LABELS.items():
        assert set(texts) == set(LANGUAGES), key
        assert all(text.strip() for text in texts.values()), key
        fields = {lang: set(re.findall(r"\{(\w+)\}", text)) for lang, text in texts.items()}
        assert len({frozenset(f) for f in fields.values()}) == 1, (key, fields)


def test_the_page_uses_only_labels_that_exist():
    """Every data-label in the page and every L("key") in its scripts has a label."""
    from sandbox.web import STATIC

    html = (STATIC / "index.html").read_text(encoding="utf-8")
    script = "".join(
        (STATIC / name).read_text(encoding="utf-8")
        for name in ("app.js", "render.js", "composer.js")
    )
    words = re.findall(r'\b(?:L|word)\("(\w+)"', script)
    used = set(re.findall(r'data-label="(\w+)"', html)) | set(words)
    assert used and used <= set(LABELS), used - set(LABELS)
