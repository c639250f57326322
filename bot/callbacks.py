"""Callback-data prefixes, all in one place so two features never collide.

Callback data is `<prefix>:<arg>...`, at most 64 bytes (Telegram's limit).
"""

from __future__ import annotations

SETTINGS = "set"  # set:menu | set:lang | set:tz | set:tzother | set:hour (+ value)
CLIENT = "cl"  # client list, card and its buttons
FOLLOW_UP = "fu"  # natural-language follow-up confirmation (Save / Change time / ...)
REMINDER = "rem"  # buttons under a delivered reminder and in the agenda lists
TEAM = "team"  # team group: handoffs, "Take it", absences
REPORT = "rep"  # /report periods and filters
DATE = "dt"  # dt:<choice id>:<index>: a date offered instead of an impossible or past one

MAX_BYTES = 64


def data(prefix: str, *parts: object) -> str:
    value = ":".join([prefix, *(str(part) for part in parts)])
    if len(value.encode()) > MAX_BYTES:
        raise ValueError(f"callback data over {MAX_BYTES} bytes: {value!r}")
    return value


def parts(value: str | None, prefix: str) -> list[str]:
    """The arguments after `prefix:`; [] when the data belongs to another prefix."""
    if not value or not value.startswith(prefix + ":"):
        return []
    return value.split(":")[1:]


def pattern(prefix: str, *first: str) -> str:
    """Regex for CallbackQueryHandler: the prefix and optionally its first argument."""
    head = prefix + (":" + first[0] if first else "")
    return f"^{head}(:|$)"
