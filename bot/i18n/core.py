"""Messages shared by every feature: errors, help, command descriptions."""

MESSAGES = {
    "error.generic": {
        "en": "Something went wrong. Please try again.",
        "ru": "Что-то пошло не так. Попробуйте ещё раз.",
        "nl": "Er ging iets mis. Probeer het opnieuw.",
        "hu": "Valami hiba történt. Kérjük, próbálja újra.",
    },
    "error.internal": {
        "en": "Sorry, that failed on my side. Nothing was changed; please try again.",
        "ru": "Извините, ошибка на моей стороне. Ничего не изменено, попробуйте ещё раз.",
        "nl": "Sorry, dat ging bij mij mis. Er is niets gewijzigd; probeer het opnieuw.",
        "hu": "Elnézést, hiba történt nálam. Semmi sem változott; próbálja újra.",
    },
    "error.not_allowed": {
        "en": "You are not allowed to do that.",
        "ru": "У вас нет прав на это действие.",
        "nl": "Dat mag je niet doen.",
        "hu": "Ehhez nincs jogosultsága.",
    },
    "error.not_found": {
        "en": "Not found.",
        "ru": "Не найдено.",
        "nl": "Niet gevonden.",
        "hu": "Nem található.",
    },
    "error.invalid_input": {
        "en": "I could not understand that.",
        "ru": "Не удалось разобрать ввод.",
        "nl": "Dat begreep ik niet.",
        "hu": "Ezt nem értettem.",
    },
    "error.conflict": {
        "en": "This card is out of date: it was changed since. Here is the current version.",
        "ru": "Эта карточка устарела: её уже изменили. Вот текущая версия.",
        "nl": "Deze kaart is verouderd: ze is intussen gewijzigd. Hier is de huidige versie.",
        "hu": "Ez a kártya elavult: azóta módosult. Íme a jelenlegi változat.",
    },
    "error.ambiguous_client": {
        "en": "Several clients match. Which one?",
        "ru": "Подходят несколько клиентов. Какой именно?",
        "nl": "Meerdere klanten passen. Welke bedoel je?",
        "hu": "Több ügyfél is illeszkedik. Melyikre gondol?",
    },
    "help.title": {
        "en": "<b>What I can do</b>",
        "ru": "<b>Что я умею</b>",
        "nl": "<b>Wat ik kan</b>",
        "hu": "<b>Mire vagyok képes</b>",
    },
    "help.line": {
        "en": "/{command} — {description}",
        "ru": "/{command} — {description}",
        "nl": "/{command} — {description}",
        "hu": "/{command} — {description}",
    },
    "help.footer": {
        "en": "You can also just type a follow-up, e.g. “call Acme tuesday 10:00”.",
        "ru": "Можно просто написать напоминание, например «позвонить Ромашке завтра в 10».",
        "nl": "Je kunt ook gewoon een follow-up typen, bv. “morgen om 9 uur Jansen BV bellen”.",
        "hu": "Egyszerűen be is írhat egy teendőt, pl. „holnap 10:00 hívjam fel a Kovács Kft-t”.",
    },
    "cmd.start": {
        "en": "start or join with an invite code",
        "ru": "начать или войти по коду приглашения",
        "nl": "starten of aanmelden met een uitnodigingscode",
        "hu": "indítás vagy csatlakozás meghívókóddal",
    },
    "cmd.help": {
        "en": "list the commands",
        "ru": "список команд",
        "nl": "lijst met opdrachten",
        "hu": "parancsok listája",
    },
    "cmd.settings": {
        "en": "language, time zone, working hour",
        "ru": "язык, часовой пояс, рабочее время",
        "nl": "taal, tijdzone, werkuur",
        "hu": "nyelv, időzóna, munkakezdés",
    },
    "cmd.invite": {
        "en": "invite a colleague (admins)",
        "ru": "пригласить коллегу (админы)",
        "nl": "een collega uitnodigen (beheerders)",
        "hu": "kolléga meghívása (adminok)",
    },
    "cmd.cancel": {
        "en": "cancel the current step",
        "ru": "отменить текущий шаг",
        "nl": "de huidige stap annuleren",
        "hu": "az aktuális lépés megszakítása",
    },
    "common.cancelled": {
        "en": "Cancelled.",
        "ru": "Отменено.",
        "nl": "Geannuleerd.",
        "hu": "Megszakítva.",
    },
    "common.nothing_to_cancel": {
        "en": "There is nothing to cancel.",
        "ru": "Нечего отменять.",
        "nl": "Er is niets om te annuleren.",
        "hu": "Nincs mit megszakítani.",
    },
}
