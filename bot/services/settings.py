"""Per-user settings: language, time zone, working hour."""

from __future__ import annotations

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


class SettingsService:
    def __init__(self, db: Database, clock: Clock) -> None:
        self._db = db
        self._clock = clock

    async def set_language(self, user: User, language: str) -> User:
        if language not in LANGUAGES:
            raise InvalidInput()
        return await self._set(user, "language", language)

    async def set_timezone(self, user: User, name: str) -> User:
        name = name.strip()
        if not is_timezone(name):
            raise InvalidInput("settings.bad_timezone", value=name[:64])
        return await self._set(user, "timezone", name)

    async def set_working_hour(self, user: User, hour: int) -> User:
        if not 0 <= hour <= 23:
            raise InvalidInput()
        return await self._set(user, "working_minute", hour * 60)

    async def _set(self, user: User, column: str, value: object) -> User:
        async with self._db.transaction() as tx:
            await users.update_setting(tx, user.id, column, value, self._clock.timestamp())
        updated = await users.get(self._db, user.id)
        assert updated is not None
        return updated
