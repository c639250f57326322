"""The one place where SQLite's SQL becomes PostgreSQL's.

Repositories write plain SQLite SQL with `?` (or `:name`) placeholders. On PostgreSQL the
connection boundary (storage/pg.py) passes every statement through `to_postgres`, which
numbers the placeholders (`$1`, `$2`, ...) and, for the few statements whose meaning needs
a different spelling, swaps in the PostgreSQL twin written next to it in `TWINS` below. So
a dialect difference lives here, side by side with its SQLite original, and never as an
`if postgres` inside a repository; tests/storage/test_dialect.py checks that every
SQLite key still matches a statement a repository really runs.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from functools import lru_cache
from typing import Any

Params = Sequence[Any] | Mapping[str, Any]


def _key(sql: str) -> str:
    return " ".join(sql.split())


# SQLite statement (whitespace-insensitive) -> the PostgreSQL statement(s) that do the same.
TWINS: dict[str, tuple[str, ...]] = {
    # storage/schema.py: the tables, from the catalogue each engine has.
    _key(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
        "ORDER BY name"
    ): (
        "SELECT table_name AS name FROM information_schema.tables "
        "WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' ORDER BY name",
    ),
    # A group became a supergroup and both ids are registered: SQLite's OR REPLACE drops the
    # row in the way. PostgreSQL has no UPDATE OR REPLACE: delete the row in the way (only
    # when there is a row to move), then move.
    _key("UPDATE OR REPLACE team_chats SET chat_id = ? WHERE chat_id = ?"): (
        "DELETE FROM team_chats WHERE chat_id = ? "
        "AND EXISTS (SELECT 1 FROM team_chats WHERE chat_id = ?)",
        "UPDATE team_chats SET chat_id = ? WHERE chat_id = ?",
    ),
    # storage/reminders.py CLAIM: several workers claim rows with FOR UPDATE SKIP LOCKED, so
    # a row another transaction holds is passed over at once (it is being sent or changed),
    # never waited for; SQLite has one writer and no row locks to skip.
    _key(
        "UPDATE reminders SET status = 'sending', claimed_at = ?, attempts = attempts + 1, "
        "updated_at = ? WHERE id = ? AND status = 'pending'"
    ): (
        "UPDATE reminders SET status = 'sending', claimed_at = ?, attempts = attempts + 1, "
        "updated_at = ? WHERE id = (SELECT id FROM reminders WHERE id = ? AND status = "
        "'pending' FOR UPDATE SKIP LOCKED)",
    ),
}

# Spellings that differ inside otherwise portable statements.
_FRAGMENTS: tuple[tuple[re.Pattern[str], str], ...] = (
    # `col = ? COLLATE NOCASE`: ASCII case-insensitive equality.
    (re.compile(r"(\w+) = \? COLLATE NOCASE"), r"lower(\1) = lower(?)"),
    # `a IS b` / `a IS NOT b` compare NULL-safely in SQLite, for any b, not only NULL.
    (re.compile(r"\bIS NOT (?!NULL\b|DISTINCT\b|TRUE\b|FALSE\b)", re.I), "IS DISTINCT FROM "),
    (re.compile(r"\bIS (?!NOT\b|NULL\b|DISTINCT\b|TRUE\b|FALSE\b)", re.I), "IS NOT DISTINCT FROM "),
)

# SQLite takes any value anywhere; PostgreSQL must know each parameter's type, and cannot
# guess it in `CASE WHEN ... THEN ?` or `? IS NULL`. The Python value says it.
_CASTS = {int: "::bigint", bool: "::bigint", str: "::text", float: "::float8"}

_SCALAR = {"max": "GREATEST", "min": "LEAST"}
_MAX_MIN = re.compile(r"\b(max|min)\(", re.I)


def _scalar_max_min(sql: str) -> str:
    """SQLite's max(a, b) / min(a, b) with two or more arguments are scalar functions;
    PostgreSQL spells them GREATEST / LEAST (its max/min are aggregates only)."""
    out, pos = [], 0
    for match in _MAX_MIN.finditer(sql):
        if match.start() < pos:
            continue
        depth, commas, end = 0, 0, match.end()
        for end in range(match.end(), len(sql)):
            char = sql[end]
            if char == "(":
                depth += 1
            elif char == ")":
                if depth == 0:
                    break
                depth -= 1
            elif char == "," and depth == 0:
                commas += 1
        if commas:
            out.append(sql[pos : match.start()])
            out.append(_SCALAR[match.group(1).lower()] + "(")
            pos = match.end()
    out.append(sql[pos:])
    return "".join(out)


_TOKENS = re.compile(r"'(?:[^']|'')*'|\"[^\"]*\"|--[^\n]*|::|\?|:[A-Za-z_]\w*")


@lru_cache(maxsize=1024)
def _translate(sql: str) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """(PostgreSQL statement, names of its named parameters in `$n` order) per statement."""
    statements = TWINS.get(_key(sql), (sql,))
    out = []
    for statement in statements:
        for pattern, replacement in _FRAGMENTS:
            statement = pattern.sub(replacement, statement)
        statement = _scalar_max_min(statement)
        out.append(_number_placeholders(statement))
    return tuple(out)


def _number_placeholders(sql: str) -> tuple[str, tuple[str, ...]]:
    names: list[str] = []
    counter = 0

    def replace(match: re.Match[str]) -> str:
        nonlocal counter
        part = match.group(0)
        if part == "?":
            counter += 1
            return f"${counter}"
        if part.startswith(":") and part != "::":
            name = part[1:]
            if name not in names:
                names.append(name)
            return f"${names.index(name) + 1}"
        return part  # a string literal, a quoted name, a comment, a cast

    return _TOKENS.sub(replace, sql), tuple(names)


_PLACEHOLDER = re.compile(r"\$(\d+)\b")
_NULL_TEST = re.compile(r"\s+IS\s+(?:NOT\s+)?NULL\b", re.I)


@lru_cache(maxsize=4096)
def _typed(statement: str, types: tuple[type, ...]) -> str:
    """Cast each placeholder to its value's type; a NULL that is only tested with IS NULL
    (`? IS NULL OR col = ?`: an optional filter) has no type to infer, so it gets text."""

    def cast(match: re.Match[str]) -> str:
        kind = types[int(match.group(1)) - 1]
        if kind is type(None) and _NULL_TEST.match(statement, match.end()):
            return match.group(0) + "::text"
        return match.group(0) + _CASTS.get(kind, "")

    return _PLACEHOLDER.sub(cast, statement)


def to_postgres(sql: str, params: Params = ()) -> list[tuple[str, list[Any]]]:
    """The PostgreSQL statements (usually one) and their positional arguments for `sql`.

    Each statement of a twin takes the caller's arguments from the first, as many as it has
    placeholders.
    """
    result = []
    for statement, names in _translate(sql):
        if names:
            assert isinstance(params, Mapping), f"named placeholders need a mapping: {sql}"
            args = [params[name] for name in names]
        else:
            args = list(params)[: len(set(_PLACEHOLDER.findall(statement)))]
        args = [int(arg) if isinstance(arg, bool) else arg for arg in args]
        result.append((_typed(statement, tuple(type(arg) for arg in args)), args))
    return result
