"""Secrets stay out of output (issue 12): start-up failures never print the token (a
rejected token exited with a traceback quoting `InvalidToken: The token ... was
rejected`), and an invite code typed in any form never reaches the DEBUG log."""

from __future__ import annotations

import asyncio
import os
import re
import signal
import socket
import stat
import sys

import pytest

from tests.conftest import ADMIN, ROOT, TOKEN, TOKEN_PATTERN, bot_env, replace_config


async def run_bot(env: dict[str, str]) -> tuple[int, str]:
    """`python -m bot` until it exits; its return code and everything it printed."""
    proc = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "bot",
        cwd=ROOT,
        env=env,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.STDOUT,
    )
    out, _ = await asyncio.wait_for(proc.communicate(), 60)
    return proc.returncode, out.decode("utf-8", "replace")


def closed_loopback_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def assert_no_secret(output: str) -> None:
    assert TOKEN not in output
    assert TOKEN.split(":", 1)[1] not in output
    assert TOKEN_PATTERN.search(output) is None


class TestStartupFailures:
    @pytest.mark.parametrize("status", [401, 404])
    async def test_a_rejected_token_exits_with_a_clear_line_and_no_token(
        self, emulator, config, status
    ):
        emulator.reset()
        emulator.token_rejected = status
        code, output = await run_bot(bot_env(config))
        assert code == 1
        assert_no_secret(output)
        assert "Traceback" not in output
        assert "cannot start: Telegram rejected the token" in output

    async def test_telegram_unreachable_at_start_exits_without_the_token(self, config):
        down = replace_config(config, api_base_url=f"http://127.0.0.1:{closed_loopback_port()}/bot")
        code, output = await run_bot(bot_env(down))
        assert code == 1
        assert_no_secret(output)
        assert "Traceback" not in output
        assert "cannot start: Telegram is not reachable" in output


class TestInviteCodesInLogs:
    async def test_a_code_typed_in_any_form_never_reaches_the_debug_log(
        self, emulator, bot_process
    ):
        """A stranger pastes the invite code every way people do; DEBUG logs (PTB quotes
        every update) must not carry it in any of them."""
        mark = emulator.mark()
        emulator.send_text(ADMIN, "/invite manager")
        invite = (await emulator.wait_for_message(ADMIN.id, since=mark, timeout=15)).text
        code = re.search(r"start=([A-Za-z0-9_-]+)", invite).group(1)
        stranger = 999_998
        forms = [
            code,
            f"start {code}",
            f"my code is {code}, thanks",
            f"code:{code}",
            f"https://t.me/amb_test_bot?start={code}",
            f"«{code}»",
            f"/START {code}x",
        ]
        for text in forms:
            mark = emulator.mark()
            emulator.send_text(stranger, text)
            await emulator.wait_for_message(stranger, since=mark, timeout=15)
        assert bot_process.stop() == 0
        log = bot_process.log_text()
        assert "999998" in log and "DEBUG" in log  # the session was logged at DEBUG
        assert code not in log
        assert code[:16] not in log


class TestFileModes:
    async def test_data_folder_0700_and_database_files_0600_under_umask_022(
        self, emulator, config, tmp_path
    ):
        """`python -m bot` started with the default umask creates nothing readable by others."""
        emulator.reset()
        data = tmp_path / "fresh" / "data"
        env = bot_env(config, DATABASE_PATH=str(data / "bot.sqlite3"))
        mark = emulator.mark()
        proc = await asyncio.create_subprocess_exec(
            sys.executable,
            "-m",
            "bot",
            cwd=ROOT,
            env=env,
            stdout=asyncio.subprocess.DEVNULL,
            stderr=asyncio.subprocess.DEVNULL,
            preexec_fn=lambda: os.umask(0o022),
        )
        try:
            await emulator.wait_for_call("deleteWebhook", since=mark, timeout=30)
            modes = {
                path.name: stat.S_IMODE(path.stat().st_mode)
                for path in (data.parent, data, *sorted(data.iterdir()))
            }
        finally:
            proc.send_signal(signal.SIGTERM)
            await asyncio.wait_for(proc.wait(), 30)
        assert modes == {
            "fresh": 0o700,
            "data": 0o700,
            "bot.sqlite3": 0o600,
            "bot.sqlite3-shm": 0o600,
            "bot.sqlite3-wal": 0o600,
            "bot.sqlite3.lock": 0o600,
        }
