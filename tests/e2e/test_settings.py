"""/settings end to end: language, time zone, working hour; /help and the command menus."""

import pytest

from bot.app import registered_commands
from bot.commands import COMMANDS
from bot.i18n import translate
from tests.conftest import ADMIN

HELP_TITLES = {
    "en": "What I can do",
    "ru": "Что я умею",
    "nl": "Wat ik kan",
    "hu": "Mire vagyok képes",
}
MENU_TITLES = {"en": "Settings", "ru": "Настройки", "nl": "Instellingen", "hu": "Beállítások"}


async def open_settings(bot):
    return await bot.say(ADMIN, "/settings")


class TestLanguage:
    @pytest.mark.parametrize("lang", ["ru", "nl", "hu", "en"])
    async def test_choosing_a_language_switches_the_next_reply(self, bot, lang):
        menu = await open_settings(bot)
        await bot.press_and_edit(ADMIN, "set:menu:lang", message_id=menu.message_id)
        edited = await bot.press_and_edit(ADMIN, f"set:lang:{lang}", message_id=menu.message_id)
        assert edited.text.startswith(MENU_TITLES[lang])
        reply = await bot.say(ADMIN, "/help")
        assert reply.text.startswith(HELP_TITLES[lang])
        assert (await bot.services.access.user(ADMIN.id)).language == lang

    async def test_the_command_menu_is_set_in_every_language(self, bot):
        for lang in ("en", "ru", "nl", "hu"):
            menu = {c["command"]: c["description"] for c in bot.emu.commands(language_code=lang)}
            assert menu["help"] == translate(lang, "cmd.help")
        default = {c["command"] for c in bot.emu.commands()}
        assert "settings" in default and "start" not in default


class TestTimezone:
    async def test_a_common_zone_is_chosen_with_a_button(self, bot):
        menu = await open_settings(bot)
        await bot.press_and_edit(ADMIN, "set:menu:tz", message_id=menu.message_id)
        edited = await bot.press_and_edit(
            ADMIN, "set:tz:Europe/Budapest", message_id=menu.message_id
        )
        assert "Europe/Budapest" in edited.text
        assert (await bot.services.access.user(ADMIN.id)).timezone == "Europe/Budapest"

    async def test_a_typed_zone_is_validated_and_saved(self, bot):
        menu = await open_settings(bot)
        await bot.press_and_edit(ADMIN, "set:menu:tz", message_id=menu.message_id)
        await bot.press_and_edit(ADMIN, "set:tzother", message_id=menu.message_id)
        bad = await bot.say(ADMIN, "Europe/<b>Nowhere")
        assert "“Europe/<b>Nowhere” is not a time zone I know" in bad.text
        assert (await bot.services.access.user(ADMIN.id)).timezone == "Europe/Amsterdam"
        good = await bot.say(ADMIN, "Asia/Almaty")
        assert good.text.startswith("Saved.")
        assert (await bot.services.access.user(ADMIN.id)).timezone == "Asia/Almaty"

    async def test_cancel_ends_the_typing_step(self, bot):
        menu = await open_settings(bot)
        await bot.press_and_edit(ADMIN, "set:menu:tz", message_id=menu.message_id)
        await bot.press_and_edit(ADMIN, "set:tzother", message_id=menu.message_id)
        assert (await bot.say(ADMIN, "/cancel")).text == "Cancelled."
        assert (await bot.say(ADMIN, "/cancel")).text == "There is nothing to cancel."


class TestWorkingHour:
    async def test_working_hour_is_saved_and_shown(self, bot):
        menu = await open_settings(bot)
        await bot.press_and_edit(ADMIN, "set:menu:hour", message_id=menu.message_id)
        edited = await bot.press_and_edit(ADMIN, "set:hour:8", message_id=menu.message_id)
        assert "08:00" in edited.text
        assert (await bot.services.access.user(ADMIN.id)).working_minute == 480

    async def test_a_forged_hour_is_refused_without_change(self, bot):
        menu = await open_settings(bot)
        await bot.press_and_edit(ADMIN, "set:menu:hour", message_id=menu.message_id)
        with pytest.raises(ValueError):  # the emulator refuses a button the message lacks
            bot.emu.press_button(ADMIN, menu.message_id, "set:hour:99")
        assert (await bot.services.access.user(ADMIN.id)).working_minute == 540


class TestHelp:
    def test_every_registered_command_is_in_the_command_list(self, bot):
        listed = {command.name for command in COMMANDS}
        assert registered_commands(bot.runtime.app) == listed

    async def test_help_hides_admin_commands_from_managers(self, bot):
        from sandbox.models import FakeUser

        manager = FakeUser(2010, "Mia", language_code="hu")
        await bot.add_user(manager, "manager", language="hu")
        reply = await bot.say(manager, "/help")
        assert reply.text.startswith("Mire vagyok képes")
        assert "/invite" not in reply.text and "/settings" in reply.text
