"""Telegram's HTML parse mode, checked the way the Bot API checks it.

`parse_html` turns a message as the bot sends it into what Telegram stores: the plain text
and its entities (offsets in UTF-16 code units). It raises `EntityParseError` with Telegram's
wording for the mistakes that make Telegram answer 400 "can't parse entities": an unknown
tag, a tag closed in the wrong order or never closed, a `<` that starts no tag.

One deliberate difference: Telegram keeps a bare `&` that begins no entity ("AT&T"), but we
refuse it. It almost always means user text went into HTML without `html.escape`, and the
same text with `&lt;` in it would silently change on the real server.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

ENTITY_TYPES = {
    "a": "text_link",
    "b": "bold",
    "strong": "bold",
    "i": "italic",
    "em": "italic",
    "u": "underline",
    "ins": "underline",
    "s": "strikethrough",
    "strike": "strikethrough",
    "del": "strikethrough",
    "code": "code",
    "pre": "pre",
    "tg-spoiler": "spoiler",
    "span": "spoiler",
    "blockquote": "blockquote",
    "tg-emoji": "custom_emoji",
}
NAMED_ENTITIES = {"lt": "<", "gt": ">", "amp": "&", "quot": '"'}
_ENTITY = re.compile(r"&(?:#([0-9]{1,7})|#[xX]([0-9a-fA-F]{1,6})|([a-zA-Z]+));")
_ATTR_NAME = re.compile(r"[a-zA-Z0-9_-]+")


class EntityParseError(ValueError):
    """The text is not valid Telegram HTML; `str(error)` is Telegram's description tail."""


def utf16_len(text: str) -> int:
    """Length as Telegram counts it: characters outside the BMP (most emoji) count 2."""
    return len(text) + sum(1 for ch in text if ord(ch) > 0xFFFF)


@dataclass(slots=True)
class _Open:
    tag: str
    offset: int  # UTF-16 offset in the plain text
    attrs: dict[str, str] = field(default_factory=dict)


def _byte_offset(text: str, index: int) -> int:
    return len(text[:index].encode("utf-8"))


def _decode_entity(text: str, i: int) -> tuple[str, int] | None:
    """The character an HTML entity at text[i] stands for, and the index after it."""
    match = _ENTITY.match(text, i)
    if match is None:
        return None
    decimal, hexadecimal, name = match.groups()
    if name is not None:
        char = NAMED_ENTITIES.get(name)
        return (char, match.end()) if char is not None else None
    code = int(decimal) if decimal is not None else int(hexadecimal, 16)
    if code == 0 or code > 0x10FFFF or 0xD800 <= code <= 0xDFFF:
        return None
    return chr(code), match.end()


def _unescape(text: str, start: int, value: str) -> str:
    out: list[str] = []
    i = 0
    while i < len(value):
        if value[i] == "&":
            decoded = _decode_entity(value, i)
            if decoded is None:
                raise EntityParseError(
                    f"Character '&' at byte offset {_byte_offset(text, start)} "
                    "must be escaped as &amp;"
                )
            out.append(decoded[0])
            i = decoded[1]
        else:
            out.append(value[i])
            i += 1
    return "".join(out)


def _parse_attrs(text: str, i: int, tag: str, begin: int) -> tuple[dict[str, str], int]:
    """Attributes of a start tag from text[i]; returns them and the index after '>'."""
    attrs: dict[str, str] = {}
    n = len(text)
    while True:
        while i < n and text[i].isspace():
            i += 1
        if i >= n:
            raise EntityParseError(f"Unclosed start tag at byte offset {_byte_offset(text, begin)}")
        if text[i] == ">":
            return attrs, i + 1
        name_match = _ATTR_NAME.match(text, i)
        if name_match is None:
            raise EntityParseError(
                f'Empty attribute name in the tag "{tag}" at byte offset '
                f"{_byte_offset(text, begin)}"
            )
        name = name_match.group().lower()
        i = name_match.end()
        while i < n and text[i].isspace():
            i += 1
        if i >= n or text[i] != "=":
            if name == "expandable" and tag == "blockquote":
                attrs[name] = ""
                continue
            raise EntityParseError(
                "Expected equal sign in declaration of an attribute of the tag at byte offset "
                f"{_byte_offset(text, begin)}"
            )
        i += 1
        while i < n and text[i].isspace():
            i += 1
        if i < n and text[i] in "'\"":
            end = text.find(text[i], i + 1)
            if end < 0:
                raise EntityParseError(
                    f"Unclosed start tag at byte offset {_byte_offset(text, begin)}"
                )
            raw, value_start, i = text[i + 1 : end], i + 1, end + 1
        else:
            value_start = i
            while i < n and not text[i].isspace() and text[i] != ">":
                i += 1
            raw = text[value_start:i]
        attrs[name] = _unescape(text, value_start, raw)


def _entity(opened: _Open, length: int) -> dict[str, Any] | None:
    kind = ENTITY_TYPES[opened.tag]
    entity: dict[str, Any] = {"type": kind, "offset": opened.offset, "length": length}
    if opened.tag == "a":
        entity["url"] = opened.attrs.get("href", "")
    elif opened.tag == "blockquote" and "expandable" in opened.attrs:
        entity["type"] = "expandable_blockquote"
    elif opened.tag == "pre" and opened.attrs.get("language"):
        entity["language"] = opened.attrs["language"]
    elif opened.tag == "tg-emoji":
        entity["custom_emoji_id"] = opened.attrs.get("emoji-id", "")
    return entity if length > 0 else None


def _check_start_tag(opened: _Open, text: str, begin: int) -> None:
    where = f"at byte offset {_byte_offset(text, begin)}"
    if opened.tag == "span" and opened.attrs.get("class") != "tg-spoiler":
        raise EntityParseError(f'Tag "span" must have class "tg-spoiler" {where}')
    if opened.tag == "tg-emoji" and not opened.attrs.get("emoji-id"):
        raise EntityParseError(f'Custom emoji entity must contain a tag "emoji-id" {where}')


def parse_html(text: str) -> tuple[str, list[dict[str, Any]]]:
    """Plain text and entities of an HTML message; raises EntityParseError like Telegram."""
    out: list[str] = []
    position = 0  # UTF-16 length of out
    stack: list[_Open] = []
    entities: list[dict[str, Any]] = []
    i, n = 0, len(text)
    while i < n:
        char = text[i]
        if char == "&":
            decoded = _decode_entity(text, i)
            if decoded is None:
                raise EntityParseError(
                    f"Character '&' at byte offset {_byte_offset(text, i)} does not begin an "
                    "HTML entity; escape it as &amp;"
                )
            out.append(decoded[0])
            position += utf16_len(decoded[0])
            i = decoded[1]
            continue
        if char != "<":
            out.append(char)
            position += 2 if ord(char) > 0xFFFF else 1
            i += 1
            continue
        begin = i
        if text.startswith("</", i):
            end = text.find(">", i)
            if end < 0:
                raise EntityParseError(f"Unclosed end tag at byte offset {_byte_offset(text, i)}")
            name = text[i + 2 : end].strip().lower()
            if not stack:
                raise EntityParseError(f"Unexpected end tag at byte offset {_byte_offset(text, i)}")
            if name != stack[-1].tag:
                raise EntityParseError(
                    f"Unmatched end tag at byte offset {_byte_offset(text, i)}, "
                    f'expected "</{stack[-1].tag}>", found "</{name}>"'
                )
            opened = stack.pop()
            inside_pre = opened.tag == "code" and bool(stack) and stack[-1].tag == "pre"
            entity = None if inside_pre else _entity(opened, position - opened.offset)
            if entity is not None:
                entities.append(entity)
            i = end + 1
            continue
        j = i + 1
        while j < n and not text[j].isspace() and text[j] != ">":
            j += 1
        if j >= n:
            raise EntityParseError(f"Unclosed start tag at byte offset {_byte_offset(text, i)}")
        tag = text[i + 1 : j].lower()
        if tag not in ENTITY_TYPES:
            raise EntityParseError(
                f'Unsupported start tag "{tag}" at byte offset {_byte_offset(text, i)}'
            )
        attrs, i = _parse_attrs(text, j, tag, begin)
        opened = _Open(tag, position, attrs)
        _check_start_tag(opened, text, begin)
        if tag == "code" and stack and stack[-1].tag == "pre":
            language = attrs.get("class", "")
            if language.startswith("language-"):
                stack[-1].attrs["language"] = language.removeprefix("language-")
        stack.append(opened)
    if stack:
        raise EntityParseError(f'Can\'t find end tag corresponding to start tag "{stack[-1].tag}"')
    entities.sort(key=lambda e: (e["offset"], -e["length"]))
    return "".join(out), entities
