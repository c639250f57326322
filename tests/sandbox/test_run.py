"""`python -m bot` without a token: the README's main command starts the sandbox page."""

from __future__ import annotations

import asyncio
import json
import os
import signal
import socket
import sys
from pathlib import Path

import aiohttp
import pytest

from bot.config import ConfigError, load_config
from sandbox.demo_data import ADMIN_ID
from sandbox.emulator import BotApiEmulator
from sandbox.run import sandbox_config
from tests.sandbox.web_support import event_stream, from_bot, post

ROOT = Path(__file__).resolve().parents[2]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


async def read_url(stream: asyncio.StreamReader) -> str:
    while True:
        line = (await stream.readline()).decode()
        if not line:
            raise AssertionError("the sandbox exited before printing its address")
        if "Open the chat in your browser:" in line:
            return line.split(": ", 1)[1].strip()


async def test_without_a_token_the_main_command_serves_the_chat_page(tmp_path):
    env = {
        "PATH": os.environ.get("PATH", ""),
        "HOME": str(tmp_path),
        "DATABASE_PATH": str(tmp_path / "production.sqlite3"),
        "SANDBOX_DATABASE_PATH": str(tmp_path / "sandbox.sqlite3"),
        "SANDBOX_PORT": str(free_port()),
        "SANDBOX_WEB_PORT": str(free_port()),
        "PYTHONUNBUFFERED": "1",
    }
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "bot",
        cwd=tmp_path,  # no .env from the checkout
        env={**env, "PYTHONPATH": str(ROOT)},
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.DEVNULL,
    )
    try:
        url = await asyncio.wait_for(read_url(process.stdout), 30)
        assert url == f"http://127.0.0.1:{env['SANDBOX_WEB_PORT']}/"
        async with aiohttp.ClientSession() as session, event_stream(session, url) as events:
            await post(session, url, "send", {"user": ADMIN_ID, "text": "/help"})
            reply = await events.wait_for("msg", from_bot, timeout=10)
        assert reply["text"].startswith("What I can do")
    finally:
        if process.returncode is None:
            process.send_signal(signal.SIGTERM)
        code = await asyncio.wait_for(process.wait(), 20)
    assert code == 0
    assert (tmp_path / "sandbox.sqlite3").exists()
    assert not (tmp_path / "production.sqlite3").exists()


async def test_a_busy_page_port_stops_start_up_with_one_clear_line(tmp_path):
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        process = await asyncio.create_subprocess_exec(
            sys.executable,
            "-m",
            "bot",
            cwd=tmp_path,
            env={
                "PATH": os.environ.get("PATH", ""),
                "PYTHONPATH": str(ROOT),
                "DATABASE_PATH": str(tmp_path / "production.sqlite3"),
                "SANDBOX_DATABASE_PATH": str(tmp_path / "sandbox.sqlite3"),
                "SANDBOX_PORT": str(free_port()),
                "SANDBOX_WEB_PORT": str(port),
            },
            stdout=asyncio.subprocess.DEVNULL,
            stderr=asyncio.subprocess.PIPE,
        )
        _, err = await asyncio.wait_for(process.communicate(), 30)
    assert process.returncode == 1
    assert f"SANDBOX_WEB_PORT: cannot listen on 127.0.0.1:{port}" in err.decode()


class TestWebPortSetting:
    def test_the_page_port_comes_from_sandbox_web_port(self):
        config = load_config({"SANDBOX_WEB_PORT": "9123"}, dotenv=None)
        assert (config.sandbox_web_port, config.sandbox_port) == (9123, 8765)

    def test_the_sandbox_never_uses_the_production_postgresql(self):
        config = load_config(
            {"DATABASE_URL": "postgresql://amb@127.0.0.1/amb", "SANDBOX_DATABASE_PATH": "s.db"},
            dotenv=None,
        )
        emulator = BotApiEmulator(token="1:x")
        sandboxed = sandbox_config(config, emulator)
        assert (sandboxed.database_url, sandboxed.database_path) == (None, Path("s.db"))

    def test_a_bad_page_port_names_the_setting(self):
        with pytest.raises(ConfigError, match="SANDBOX_WEB_PORT"):
            load_config({"SANDBOX_WEB_PORT": "80000"}, dotenv=None)


async def test_the_latency_benchmark_runs_on_a_tiny_size():
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        str(ROOT / "bench" / "websandbox_latency.py"),
        "3",
        cwd=ROOT,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )
    out, err = await asyncio.wait_for(process.communicate(), 60)
    assert process.returncode == 0, err.decode()
    [line] = out.decode().splitlines()
    figures = json.loads(line)
    assert figures["rounds"] == 3 and 0 < figures["reply_ms_p50"] <= figures["reply_ms_max"]
