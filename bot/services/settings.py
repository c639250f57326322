"""Per-user settings: language, time zone, working hour, morning digest time."""

from __future__ import annotations

import re
from functools import cache
from zoneinfo import available_timezones

from bot.clock import Clock
from bot.config import LANGUAGES, is_timezone
from bot.errors import InvalidInput
from storage import users
from storage.db import Database
from storage.users import User

COMMON_TIMEZONES = (
    "Europe/Amsterdam",
    "Europe/Budapest",
    "Europe/Moscow",
    "Europe/London",
    "Europe/Berlin",
    "Europe/Kyiv",
    "Asia/Yekaterinburg",
    "America/New_York",
    "UTC",
)
WORKING_HOURS = (7, 8, 9, 10, 11)
DIGEST_MINUTES = (7 * 60, 8 * 60, 9 * 60, 10 * 60)  # the buttons; any other time can be typed
_CLOCK = re.compile(r"([01]?\d|2[0-3])(?:[:.h]([0-5]\d))?")


@cache
def _zone_names() -> dict[str, str]:
    return {zone.casefold(): zone for zone in available_timezones()}


class SettingsService:
    def __init__(self, db: Database, clock: Clock) -> None:
        self._db = db
        self._clock = clock

    async def set_language(self, user: User, language: str) -> User:
        if language not in LANGUAGES:
            raise InvalidInput()
        return await self._set(user, "language", language)

    async def set_timezone(self, user: User, name: str) -> User:
        """An IANA zone typed in any case ("europe/budapest") is stored as spelled there."""
        name = _zone_names().get(name.strip().casefold(), name.strip())
        if not is_timezone(name):
            raise InvalidInput("settings.bad_timezone", value=name[:64])
        return await self._set(user, "timezone", name)

    async def set_working_hour(self, user: User, hour: int) -> User:
        if not 0 <= hour <= 23:
            raise InvalidInput()
        return await self._set(user, "working_minute", hour * 60)

    async def set_digest(self, user: User, minute: int | None) -> User:
        """The local time of the morning digest; None switches it off."""
        if minute is not None and not 0 <= minute < 24 * 60:
            raise InvalidInput()
        return await self._set(user, "digest_minute", minute)

    @staticmethod
    def minute_of(text: str) -> int:
        """Minutes after midnight of a typed time of day ("7", "07:30", "7.30")."""
        found = _CLOCK.fullmatch((text or "").strip())
        if found is None:
            raise InvalidInput("settings.bad_clock", value=(text or "").strip()[:20])
        return int(found.group(1)) * 60 + int(found.group(2) or 0)

    async def _set(self, user: User, column: str, value: object) -> User:
        async with self._db.transaction() as tx:
            await users.update_setting(tx, user.id, column, value, self._clock.timestamp())
        updated = await users.get(self._db, user.id)
        assert updated is not None
        return updated
