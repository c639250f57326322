"""`python -m bot` as an operator runs it: a whole session, its logs, a second instance."""

from __future__ import annotations

import asyncio
import re
import sys

from tests.conftest import ADMIN, ROOT, TOKEN, TOKEN_PATTERN, bot_env


async def converse(emulator, text: str) -> str:
    mark = emulator.mark()
    emulator.send_text(ADMIN, text)
    reply = await emulator.wait_for_message(ADMIN.id, since=mark, timeout=15)
    return reply.text


class TestWholeSession:
    async def test_a_whole_session_leaves_no_token_in_any_log(self, emulator, bot_process):
        """DEBUG logging of a real session (httpx, PTB, our own) must never carry the token."""
        assert (await converse(emulator, "/help")).startswith("What I can do")
        invite = await converse(emulator, "/invite manager")
        code = re.search(r"start=([A-Za-z0-9_-]+)", invite).group(1)
        assert (await converse(emulator, "/settings")).startswith("Settings")
        mark = emulator.mark()
        emulator.send_text(999_999, "/start not-a-code")  # a stranger's attempt is logged too
        await emulator.wait_for_message(999_999, since=mark, timeout=15)
        assert bot_process.stop() == 0
        log = bot_process.log_text()
        assert "is running" in log and "999999" in log  # the logs did capture the session
        assert TOKEN not in log
        assert TOKEN_PATTERN.search(log) is None
        assert code not in log  # an unused invite code is a way in, too


class TestSingleInstance:
    async def test_a_second_process_on_the_same_database_is_refused(self, config, bot_process):
        second = await asyncio.create_subprocess_exec(
            sys.executable,
            "-m",
            "bot",
            cwd=ROOT,
            env=bot_env(config, LOG_LEVEL="INFO"),
            stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.PIPE,
        )
        _out, err = await asyncio.wait_for(second.communicate(), 30)
        assert second.returncode == 1
        message = err.decode().strip().splitlines()
        assert message == [
            f"cannot start: another bot process (pid {bot_process.proc.pid}) is already using "
            f"{config.database_path}"
        ]
        assert bot_process.proc.poll() is None  # the first one keeps running
