"""Errors a user can cause, translated to a reply once, in the error handler.

BotError                 .key is the i18n key shown to the user, .params fill it
├── NotAllowed           role or ownership does not permit the action
├── NotFound             the thing named does not exist (or is not visible to the user)
├── InvalidInput         a value the user typed is unusable; .params say which
├── Conflict             changed meanwhile (optimistic version check failed)
└── AmbiguousClient      several clients match; .candidates for buttons

Storage turns sqlite3 errors into these (e.g. IntegrityError -> Conflict); anything that is
not a BotError is a bug: logged with its traceback and answered with "error.internal".
"""

from __future__ import annotations

from typing import Any


class BotError(Exception):
    key = "error.generic"

    def __init__(self, key: str | None = None, **params: Any) -> None:
        super().__init__(key or self.key)
        if key:
            self.key = key
        self.params = params


class NotAllowed(BotError):
    key = "error.not_allowed"


class NotFound(BotError):
    key = "error.not_found"


class InvalidInput(BotError):
    key = "error.invalid_input"


class Conflict(BotError):
    key = "error.conflict"


class AmbiguousClient(BotError):
    key = "error.ambiguous_client"

    def __init__(self, candidates: list[Any], **params: Any) -> None:
        super().__init__(None, **params)
        self.candidates = candidates
