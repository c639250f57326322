"""Application services: the use cases handlers call. No Telegram types in here."""

from __future__ import annotations

from dataclasses import dataclass

from bot.clock import Clock
from bot.config import Config
from bot.reminders.obligations import ObligationsService
from bot.reminders.service import ReminderService
from bot.services.access import AccessService
from bot.services.settings import SettingsService
from storage.db import Database


@dataclass(slots=True)
class Services:
    config: Config
    clock: Clock
    db: Database
    access: AccessService
    settings: SettingsService
    reminders: ReminderService
    obligations: ObligationsService

    @classmethod
    def create(cls, config: Config, clock: Clock, db: Database) -> Services:
        return cls(
            config=config,
            clock=clock,
            db=db,
            access=AccessService(db, clock, config),
            settings=SettingsService(db, clock),
            reminders=ReminderService(db, clock, config),
            obligations=ObligationsService(db, clock),
        )
