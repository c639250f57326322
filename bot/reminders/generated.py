"""Texts of the reminders the bot generates (payment, renewal, cadence), stored as a message
key with its raw values and written in the reader's language when shown.

A payment reminder for Anna's invoice is read by Anna, by her deputy and by the team group,
each in their own language, so its text cannot be rendered once when it is created: the row
keeps `i18n:{"key": ..., values}` and `show` renders it for whoever reads it. Texts typed by
users are stored as typed and shown unchanged.
"""

from __future__ import annotations

import json
from typing import Any

from bot import fmt
from bot.i18n import translate_plain

PREFIX = "i18n:"


def encode(key: str, **values: Any) -> str:
    return PREFIX + json.dumps({"key": key, **values}, ensure_ascii=False, sort_keys=True)


def show(text: str, lang: str) -> str:
    """The reminder's text as plain text in `lang` (escape it where HTML is sent)."""
    if not text.startswith(PREFIX):
        return text
    try:
        values = json.loads(text[len(PREFIX) :])
        key = values.pop("key")
        return translate_plain(lang, key, **_words(key, values, lang))
    except (ValueError, KeyError, TypeError, AttributeError):
        return text


def _words(key: str, values: dict[str, Any], lang: str) -> dict[str, str]:
    """The stored raw values (minor units, ISO dates, day counts) written for `lang`."""
    if key == "obligation.payment_text":
        number = values["number"] or translate_plain(lang, "obligation.no_number")
        amount = fmt.money(values["amount_minor"], values["currency"], lang)
        return {"number": number, "amount": amount, "due_on": fmt.iso_day(values["due_on"], lang)}
    if key == "obligation.renewal_text":
        return {
            "title": values["title"] or translate_plain(lang, "obligation.no_title"),
            "end_on": fmt.iso_day(values["end_on"], lang),
            "deadline": fmt.iso_day(values["deadline"], lang),
        }
    if key == "obligation.cadence_text":
        return {
            "days": translate_plain(lang, "count.days", count=values["days"]),
            "cadence": translate_plain(lang, "count.days", count=values["cadence"]),
        }
    raise KeyError(key)
