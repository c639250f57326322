"""Who may use the bot: bootstrap admins, invites, registration.

Deny by default: a user exists only after redeeming an invite (or being a configured admin).
A refused attempt is logged by numeric id only; the reply never says why, so a stranger
cannot tell a wrong code from a used or expired one.
"""

from __future__ import annotations

import hashlib
import logging
import secrets
from dataclasses import dataclass

from bot.clock import Clock
from bot.config import Config
from bot.errors import InvalidInput, NotAllowed
from storage import invites, users
from storage.db import Database
from storage.users import User

log = logging.getLogger(__name__)

ROLES = ("admin", "manager", "viewer")
INVITE_TTL_SECONDS = 24 * 3600


@dataclass(frozen=True, slots=True)
class Invite:
    code: str  # shown once to the admin, never stored
    role: str
    expires_at: int


def hash_code(code: str) -> str:
    return hashlib.sha256(code.encode()).hexdigest()


class AccessService:
    def __init__(self, db: Database, clock: Clock, config: Config) -> None:
        self._db = db
        self._clock = clock
        self._config = config

    async def bootstrap_admins(self) -> None:
        async with self._db.transaction() as tx:
            for admin_id in self._config.admin_ids:
                await users.ensure_admin(
                    tx,
                    admin_id,
                    language=self._config.default_language,
                    timezone=self._config.default_timezone,
                    working_minute=self._config.working_hour * 60,
                    now=self._clock.timestamp(),
                )

    async def user(self, user_id: int) -> User | None:
        found = await users.get(self._db, user_id)
        return found if found and found.active else None

    async def seen(
        self, user: User, *, name: str, username: str | None, chat_id: int | None
    ) -> None:
        """Keep the stored name and private chat current; writes only when something changed."""
        if (user.name, user.username) == (name, username) and chat_id in (None, user.chat_id):
            return
        async with self._db.transaction() as tx:
            await users.touch_profile(
                tx,
                user.id,
                name=name,
                username=username,
                chat_id=chat_id,
                now=self._clock.timestamp(),
            )

    async def create_invite(self, admin: User, role: str) -> Invite:
        if not admin.is_admin:
            raise NotAllowed()
        if role not in ROLES:
            raise InvalidInput("access.invite_usage")
        code = secrets.token_urlsafe(16)
        now = self._clock.timestamp()
        expires_at = now + INVITE_TTL_SECONDS
        async with self._db.transaction() as tx:
            await invites.insert(
                tx,
                code_sha256=hash_code(code),
                role=role,
                created_by=admin.id,
                now=now,
                expires_at=expires_at,
            )
        log.info("user %d created a %s invite", admin.id, role)
        return Invite(code=code, role=role, expires_at=expires_at)

    async def join(
        self,
        user_id: int,
        code: str,
        *,
        name: str,
        username: str | None,
        chat_id: int,
        language: str,
    ) -> User | None:
        """Register with an invite code; None (and a log line) when the code is no good."""
        now = self._clock.timestamp()
        async with self._db.transaction() as tx:
            role = await invites.redeem(tx, code_sha256=hash_code(code), user_id=user_id, now=now)
            if role is None:
                log.warning("refused invite redemption from user id %d", user_id)
                return None
            await users.insert(
                tx,
                user_id=user_id,
                name=name,
                username=username,
                role=role,
                language=language,
                timezone=self._config.default_timezone,
                working_minute=self._config.working_hour * 60,
                chat_id=chat_id,
                now=now,
                digest_minute=self._config.working_hour * 60,  # on, at the working hour
            )
        log.info("user id %d joined as %s", user_id, role)
        return await users.get(self._db, user_id)
