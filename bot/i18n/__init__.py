"""Message catalogues in en, ru, nl, hu and the one function that renders them.

Each feature keeps its messages in its own module here, every key with all four languages
side by side, so a missing translation is visible in review (and a test fails on it).
Parameters are HTML-escaped when rendered: replies use HTML parse mode, and a client named
`<b>Acme</b>` must show as typed. Pass `Html(...)` for a fragment that is already safe.
Button labels are plain text (Telegram does not parse HTML in them): `Translator.plain`
renders without escaping, so `Bakker & Zonen` never shows as `Bakker &amp; Zonen`.

A text may depend on a count: its value in a language is then a dict of CLDR plural
categories ({"one": ..., "few": ..., "many": ..., "other": ...}, those the language uses),
chosen by the `count` parameter with Babel's plural rules; `count` is shown as a number in
the language's style.
"""

from __future__ import annotations

import html
import string
from collections.abc import Mapping
from typing import Any

from bot import fmt
from bot.config import LANGUAGES as LANGUAGES  # the one list, re-exported
from bot.i18n import (
    access,
    clients,
    core,
    counts,
    delivery,
    followups,
    groups,
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

FALLBACK = "en"
LANGUAGE_NAMES = {"en": "English", "ru": "Русский", "nl": "Nederlands", "hu": "Magyar"}


class Html(str):
    """A fragment that is already valid Telegram HTML; not escaped again."""


Text = str | Mapping[str, str]  # one text, or one per plural category


def _merge(*catalogues: Mapping[str, object]) -> dict[str, Mapping[str, Text]]:
    """One catalogue of all; each entry checked to map languages to a text or to its plural
    forms (a catalogue literal that mixes both is only `dict[str, object]` to mypy)."""
    merged: dict[str, Mapping[str, Text]] = {}
    for catalogue in catalogues:
        duplicate = merged.keys() & catalogue.keys()
        if duplicate:
            raise RuntimeError(f"i18n keys defined twice: {sorted(duplicate)}")
        for key, entry in catalogue.items():
            if not isinstance(entry, Mapping):
                raise TypeError(f"i18n {key}: a dict of languages, not {entry!r}")
            merged[key] = {lang: _text(key, value) for lang, value in entry.items()}
    return merged


def _text(key: str, value: object) -> Text:
    if isinstance(value, str):
        return value
    if isinstance(value, Mapping) and all(isinstance(v, str) for v in value.values()):
        return value
    raise TypeError(f"i18n {key}: a text or a dict of plural forms, not {value!r}")


MESSAGES = _merge(
    core.MESSAGES,
    counts.MESSAGES,
    access.MESSAGES,
    settings.MESSAGES,
    clients.MESSAGES,
    team.MESSAGES,
    reports.MESSAGES,
    reminders.MESSAGES,
    obligations.MESSAGES,
    followups.MESSAGES,
    groups.MESSAGES,
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
    return _render(lang, key, {name: _escape(value) for name, value in params.items()})


def translate_plain(lang: str, key: str, /, **params: Any) -> str:
    """Render `key` as plain text (a button label): parameters are not escaped."""
    return _render(lang, key, params)


def _render(lang: str, key: str, params: dict[str, Any]) -> str:
    entry = MESSAGES[key]
    if lang not in entry:
        lang = FALLBACK
    template = entry[lang]
    if isinstance(template, Mapping):  # a count that is not a whole number reads as "other"
        count = params.get("count")
        form = fmt.plural(count, lang) if isinstance(count, int) else "other"
        template = template.get(form) or template["other"]
    if isinstance(params.get("count"), int) and not isinstance(params["count"], bool):
        params = {**params, "count": fmt.number(params["count"], lang)}
    if not params and "{" not in template:
        return template
    return _fill(template, params)


_FORMATTER = string.Formatter()


def _fill(template: str, params: dict[str, Any]) -> str:
    """`template.format(**params)`, except that a sentence ending in a value that ends in a
    period ("срок 15 дек. 2026 г.", "2026. dec. 15.") takes no second one, even when an
    empty value stands between them."""
    out, after_value = "", False
    for literal, field, spec, conversion in _FORMATTER.parse(template):
        if after_value and literal.startswith(".") and out.endswith("."):
            literal = literal[1:]
        out += literal
        if field is None:
            continue
        value = _FORMATTER.convert_field(_FORMATTER.get_field(field, (), params)[0], conversion)
        text = _FORMATTER.format_field(value, spec or "")
        out += text
        after_value = bool(text) or (after_value and not literal)
    return out


def _escape(value: Any) -> Any:
    if isinstance(value, Html):
        return value
    if isinstance(value, str):
        return html.escape(value, quote=False)
    return value


def forms(text: Text) -> list[str]:
    """The texts of one language's entry: itself, or each of its plural forms."""
    return list(text.values()) if isinstance(text, Mapping) else [text]


def placeholders(text: Text) -> set[str]:
    return {
        name
        for template in forms(text)
        for _, name, _, _ in string.Formatter().parse(template)
        if name
    }


class Translator:
    """Bound to one language: `t("key", name=...)`, what handlers use via `context.t`."""

    __slots__ = ("lang",)

    def __init__(self, lang: str) -> None:
        self.lang = lang if lang in LANGUAGES else FALLBACK

    def __call__(self, key: str, /, **params: Any) -> str:
        return translate(self.lang, key, **params)

    def plain(self, key: str, /, **params: Any) -> str:
        """The text as a button label: plain, parameters not escaped."""
        return translate_plain(self.lang, key, **params)
