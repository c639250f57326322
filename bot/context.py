"""The typed CallbackContext every handler receives.

PTB builds one context per update and passes it to every handler group, so the gate
(group -2) can load the user once and later handlers read `context.user`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from telegram.ext import CallbackContext, ContextTypes, ExtBot

from bot.i18n import Translator, pick_language

if TYPE_CHECKING:
    from bot.services import Services
    from storage.users import User


class BotData:
    """Application-wide state: the services, set once at start-up."""

    __slots__ = ("services",)

    def __init__(self) -> None:
        self.services: Services | None = None


class AppContext(CallbackContext[ExtBot, dict, dict, BotData]):
    user: User | None = None  # set by the gate for registered users

    @property
    def services(self) -> Services:
        services = self.bot_data.services
        assert services is not None, "services are attached before polling starts"
        return services

    @property
    def t(self) -> Translator:
        """Translator in the user's language (the default language for strangers)."""
        if self.user is not None:
            return Translator(self.user.language)
        return Translator(pick_language(self.services.config.default_language))

    @property
    def required_user(self) -> User:
        assert self.user is not None, "the gate lets only registered users reach this handler"
        return self.user


CONTEXT_TYPES = ContextTypes(context=AppContext, bot_data=BotData)
