"""The headless Chromium the browser tests share (one per test, a fresh profile)."""

from __future__ import annotations

import pytest

from tests.sandbox.cdp import INSTALL_HINT, Browser, find_chromium


@pytest.fixture
async def browser(tmp_path):
    binary = find_chromium()
    if binary is None:
        pytest.fail(INSTALL_HINT)
    chromium = Browser(binary, tmp_path / "profile", tmp_path / "chromium.log")
    await chromium.start()
    try:
        yield chromium
    finally:
        await chromium.close()
