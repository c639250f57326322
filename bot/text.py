"""Text helpers that know Telegram's limits but not Telegram's types."""

from __future__ import annotations

MAX_MESSAGE_UNITS = 4096


def utf16_len(text: str) -> int:
    """Telegram counts message length in UTF-16 code units (an emoji is often 2)."""
    return len(text.encode("utf-16-le")) // 2


def split_message(text: str, limit: int = MAX_MESSAGE_UNITS) -> list[str]:
    """Split at line boundaries into parts of at most `limit` UTF-16 units.

    Renderers keep each HTML tag on one line, so a line boundary is a safe cut; a single
    line longer than the limit is cut at a character boundary as a last resort, after
    backing off any `&entity;` so it is never split in half.
    """
    parts: list[str] = []
    current = ""
    for line in text.split("\n"):
        while utf16_len(line) > limit:
            head = _cut(line, limit)
            if current:
                parts.append(current)
                current = ""
            parts.append(head)
            line = line[len(head) :]
        candidate = f"{current}\n{line}" if current else line
        if utf16_len(candidate) > limit:
            parts.append(current)
            current = line
        else:
            current = candidate
    if current or not parts:
        parts.append(current)
    return [part for part in parts if part.strip()] or [text[:1] or " "]


def _cut(line: str, limit: int) -> str:
    units, end = 0, 0
    for index, char in enumerate(line):
        units += 2 if ord(char) > 0xFFFF else 1
        if units > limit:
            break
        end = index + 1
    head = line[:end]
    amp = head.rfind("&")
    if amp != -1 and ";" not in head[amp:] and amp > 0:
        head = head[:amp]
    return head
