"""The command list: /help and the Telegram command menu are both rendered from it.

A test checks that every registered CommandHandler appears here, so /help cannot go stale.
"""

from __future__ import annotations

from dataclasses import dataclass

ALL_ROLES = ("admin", "manager", "viewer")


@dataclass(frozen=True, slots=True)
class Command:
    name: str
    roles: tuple[str, ...] = ALL_ROLES
    in_menu: bool = True

    @property
    def description_key(self) -> str:
        return f"cmd.{self.name}"


COMMANDS: tuple[Command, ...] = (
    Command("help"),
    Command("settings"),
    Command("invite", roles=("admin",)),
    Command("away", roles=("admin", "manager")),
    Command("back", roles=("admin", "manager")),
    Command("deputy", roles=("admin",)),
    Command("reassign", roles=("admin",)),
    Command("register_team", roles=("admin",)),
    Command("team_settings", roles=("admin",)),
    Command("newclient", roles=("admin", "manager")),
    Command("client"),
    Command("clients"),
    Command("log", roles=("admin", "manager")),
    Command("history"),
    Command("invoice", roles=("admin", "manager")),
    Command("overdue"),
    Command("complaints"),
    Command("contract", roles=("admin", "manager")),
    Command("import", roles=("admin", "manager")),
    Command("export"),
    Command("forget", roles=("admin",)),
    Command("report"),
    Command("agenda"),
    Command("week"),
    Command("upcoming"),
    Command("renewals"),
    Command("cold"),
    Command("done", roles=("admin", "manager")),
    Command("snooze", roles=("admin", "manager")),
    Command("remind", roles=("admin", "manager")),
    Command("cancel"),
    Command("start", in_menu=False),
)


def visible_to(role: str) -> list[Command]:
    return [command for command in COMMANDS if role in command.roles]
