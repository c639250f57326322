"""Message catalogues in en, ru, nl, hu and the one function that renders them.

Each feature keeps its messages in its own module here, every key with all four languages
side by side, so a missing translation is visible in review (and a test fails on it).
Parameters are HTML-escaped when rendered: replies use HTML parse mode, and a client named
`<b>Acme</b>` must show as typed. Pass `Html(...)` for a fragment that is already safe.
"""

from __future__ import annotations

import html
import string
from collections.abc import Mapping
from typing import Any

from bot.i18n import (
    access,
    clients,
    core,
    delivery,
    followups,
    nlu,
    obligations,
    paths,
    reminders,
    renewals,
    reports,
    settings,
    steps,
    team,
    trust,
)

LANGUAGES = ("en", "ru", "nl", "hu")
FALLBACK = "en"
LANGUAGE_NAMES = {"en": "English", "ru": "Русский", "nl": "Nederlands", "hu": "Magyar"}


class Html(str):
    """A fragment that is already valid Telegram HTML; not escaped again."""


def _merge(*catalogues: Mapping[str, Mapping[str, str]]) -> dict[str, Mapping[str, str]]:
    merged: dict[str, Mapping[str, str]] = {}
    for catalogue in catalogues:
        duplicate = merged.keys() & catalogue.keys()
        if duplicate:
            raise RuntimeError(f"i18n keys defined twice: {sorted(duplicate)}")
        merged.update(catalogue)
    return merged


MESSAGES = _merge(
    core.MESSAGES,
    access.MESSAGES,
    settings.MESSAGES,
    clients.MESSAGES,
    team.MESSAGES,
    reports.MESSAGES,
    reminders.MESSAGES,
    obligations.MESSAGES,
    followups.MESSAGES,
    renewals.MESSAGES,
    steps.MESSAGES,
    delivery.MESSAGES,
    nlu.MESSAGES,
    paths.MESSAGES,
    trust.MESSAGES,
)


def pick_language(*candidates: str | None) -> str:
    """The first supported language among user setting, Telegram's language_code, default."""
    for candidate in candidates:
        if candidate:
            code = candidate.lower().split("-")[0]
            if code in LANGUAGES:
                return code
    return FALLBACK


def translate(lang: str, key: str, /, **params: Any) -> str:
    """Render `key` in `lang`; parameters are escaped unless they are `Html`."""
    entry = MESSAGES[key]
    template = entry.get(lang) or entry[FALLBACK]
    safe = {name: _escape(value) for name, value in params.items()}
    return template.format(**safe) if params or "{" in template else template


def _escape(value: Any) -> Any:
    if isinstance(value, Html):
        return value
    if isinstance(value, str):
        return html.escape(value, quote=False)
    return value


def placeholders(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


class Translator:
    """Bound to one language: `t("key", name=...)`, what handlers use via `context.t`."""

    __slots__ = ("lang",)

    def __init__(self, lang: str) -> None:
        self.lang = lang if lang in LANGUAGES else FALLBACK

    def __call__(self, key: str, /, **params: Any) -> str:
        return translate(self.lang, key, **params)
