"""The sandbox page's own words (buttons, placeholders, clock controls), in every language.

Same shape as the bot's catalogues ({"key": {"en": ..., "ru": ..., "nl": ..., "hu": ...}}),
but kept apart from them: the page shows these, the bot never sends them. The page picks
the set of the persona it acts as, so a persona who switches to Hungarian in /settings sees
a Hungarian page. `{name}`-style fields are filled in by the page.
"""

from __future__ import annotations

LABELS: dict[str, dict[str, str]] = {
    "brand": {
        "en": "Account manager bot",
        "ru": "Бот аккаунт-менеджера",
        "nl": "Accountmanager-bot",
        "hu": "Ügyfélmenedzser-bot",
    },
    "tag": {"en": "sandbox", "ru": "песочница", "nl": "sandbox", "hu": "homokozó"},
    "you_are": {"en": "You are", "ru": "Вы", "nl": "Je bent", "hu": "Ön"},
    "chats": {"en": "Chats", "ru": "Чаты", "nl": "Chats", "hu": "Csevegések"},
    "clock": {
        "en": "Sandbox clock",
        "ru": "Часы песочницы",
        "nl": "Sandboxklok",
        "hu": "A homokozó órája",
    },
    "plus_hour": {"en": "+1 h", "ru": "+1 ч", "nl": "+1 u", "hu": "+1 óra"},
    "plus_day": {"en": "+1 day", "ru": "+1 день", "nl": "+1 dag", "hu": "+1 nap"},
    "next_reminder": {
        "en": "Next reminder",
        "ru": "След. напоминание",
        "nl": "Volgende herinnering",
        "hu": "Következő emlékeztető",
    },
    "moved": {
        "en": "Moved {span} forward.",
        "ru": "Часы переведены вперёд на {span}.",
        "nl": "{span} vooruitgezet.",
        "hu": "Előreállítva: {span}.",
    },
    "no_pending": {
        "en": "No pending reminder.",
        "ru": "Нет ожидающих напоминаний.",
        "nl": "Geen openstaande herinnering.",
        "hu": "Nincs függő emlékeztető.",
    },
    "unit_day": {"en": "d", "ru": "д", "nl": "d", "hu": "n"},
    "unit_hour": {"en": "h", "ru": "ч", "nl": "u", "hu": "ó"},
    "unit_minute": {"en": "min", "ru": "мин", "nl": "min", "hu": "p"},
    "unit_second": {"en": "s", "ru": "с", "nl": "s", "hu": "mp"},
    "hint": {
        "en": "Nothing here talks to Telegram: the bot runs against a local emulator "
        "with its own demo database.",
        "ru": "Здесь ничего не уходит в Telegram: бот работает с локальным эмулятором "
        "и своей демо-базой.",
        "nl": "Niets hier praat met Telegram: de bot draait tegen een lokale emulator "
        "met een eigen demodatabase.",
        "hu": "Semmi sem megy a Telegramra: a bot egy helyi emulátorral és saját "
        "bemutató adatbázissal fut.",
    },
    "role_admin": {"en": "admin", "ru": "админ", "nl": "beheerder", "hu": "admin"},
    "role_manager": {"en": "manager", "ru": "менеджер", "nl": "manager", "hu": "menedzser"},
    "role_viewer": {"en": "viewer", "ru": "наблюдатель", "nl": "kijker", "hu": "megtekintő"},
    "private_chat": {
        "en": "private chat",
        "ru": "личный чат",
        "nl": "privéchat",
        "hu": "privát csevegés",
    },
    "team_group": {
        "en": "team group",
        "ru": "группа команды",
        "nl": "teamgroep",
        "hu": "csapatcsoport",
    },
    "bot": {"en": "bot", "ru": "бот", "nl": "bot", "hu": "bot"},
    "acting_as": {
        "en": "you are {name}",
        "ru": "вы — {name}",
        "nl": "je bent {name}",
        "hu": "Ön: {name}",
    },
    "members": {
        "en": "{count} members and the bot",
        "ru": "участников: {count}, и бот",
        "nl": "{count} leden en de bot",
        "hu": "{count} tag és a bot",
    },
    "empty_private": {
        "en": "Say /start or /help to begin, or press / for the command menu.",
        "ru": "Напишите /start или /help, или нажмите / для списка команд.",
        "nl": "Zeg /start of /help om te beginnen, of druk op / voor het menu met opdrachten.",
        "hu": "Írja be: /start vagy /help, vagy nyomja meg a / gombot a parancsok listájához.",
    },
    "empty_team": {
        "en": "The team group: the bot posts handoffs and reminders for absent colleagues here.",
        "ru": "Группа команды: бот публикует здесь передачи дел и напоминания "
        "отсутствующих коллег.",
        "nl": "De teamgroep: de bot plaatst hier overdrachten en herinneringen van afwezige "
        "collega's.",
        "hu": "A csapat csoportja: a bot ide teszi a távol lévő kollégák átadásait "
        "és emlékeztetőit.",
    },
    "placeholder": {
        "en": "Write a message as {name}…",
        "ru": "Сообщение от имени {name}…",
        "nl": "Schrijf een bericht als {name}…",
        "hu": "Üzenet {name} nevében…",
    },
    "placeholder_short": {"en": "Message", "ru": "Сообщение", "nl": "Bericht", "hu": "Üzenet"},
    "send": {"en": "Send", "ru": "Отправить", "nl": "Verstuur", "hu": "Küldés"},
    "commands": {"en": "Commands", "ru": "Команды", "nl": "Opdrachten", "hu": "Parancsok"},
    "attach": {
        "en": "Send a file",
        "ru": "Отправить файл",
        "nl": "Bestand versturen",
        "hu": "Fájl küldése",
    },
    "open_chats": {
        "en": "Chats and clock",
        "ru": "Чаты и часы",
        "nl": "Chats en klok",
        "hu": "Csevegések és óra",
    },
    "edited": {"en": "edited", "ru": "изменено", "nl": "bewerkt", "hu": "szerkesztve"},
    "too_long": {
        "en": "Too long for one Telegram message: {count} of {max} characters. Shorten it to send.",
        "ru": "Слишком длинно для одного сообщения Telegram: {count} из {max} символов. "
        "Сократите, чтобы отправить.",
        "nl": "Te lang voor één Telegram-bericht: {count} van {max} tekens. "
        "Maak het korter om te versturen.",
        "hu": "Túl hosszú egy Telegram-üzenethez: {count} / {max} karakter. "
        "Rövidítse le a küldéshez.",
    },
    "file_too_big": {
        "en": "This file is larger than the sandbox accepts ({max} MB).",
        "ru": "Файл больше, чем принимает песочница ({max} МБ).",
        "nl": "Dit bestand is groter dan de sandbox aanneemt ({max} MB).",
        "hu": "A fájl nagyobb, mint amit a homokozó elfogad ({max} MB).",
    },
    "cannot_load": {
        "en": "Cannot load the sandbox: {error}",
        "ru": "Не удалось загрузить песочницу: {error}",
        "nl": "Kan de sandbox niet laden: {error}",
        "hu": "A homokozó nem tölthető be: {error}",
    },
    "ok": {"en": "OK", "ru": "OK", "nl": "OK", "hu": "OK"},
    "live": {
        "en": "live connection",
        "ru": "связь в реальном времени",
        "nl": "live verbinding",
        "hu": "élő kapcsolat",
    },
}
