"""Messages of /settings: language, time zone, working hour."""

MESSAGES = {
    "settings.menu": {
        "en": (
            "<b>Settings</b>\nLanguage: {language}\nTime zone: {timezone} (now {local_time})\n"
            "Working hour for reminders: {working_hour}"
        ),
        "ru": (
            "<b>Настройки</b>\nЯзык: {language}\nЧасовой пояс: {timezone} (сейчас {local_time})\n"
            "Рабочее время для напоминаний: {working_hour}"
        ),
        "nl": (
            "<b>Instellingen</b>\nTaal: {language}\nTijdzone: {timezone} (nu {local_time})\n"
            "Werkuur voor herinneringen: {working_hour}"
        ),
        "hu": (
            "<b>Beállítások</b>\nNyelv: {language}\nIdőzóna: {timezone} (most {local_time})\n"
            "Emlékeztetők munkakezdési ideje: {working_hour}"
        ),
    },
    "settings.btn_language": {"en": "Language", "ru": "Язык", "nl": "Taal", "hu": "Nyelv"},
    "settings.btn_timezone": {
        "en": "Time zone",
        "ru": "Часовой пояс",
        "nl": "Tijdzone",
        "hu": "Időzóna",
    },
    "settings.btn_hour": {
        "en": "Working hour",
        "ru": "Рабочее время",
        "nl": "Werkuur",
        "hu": "Munkakezdés",
    },
    "settings.btn_other_tz": {
        "en": "Other… (type it)",
        "ru": "Другой… (ввести)",
        "nl": "Andere… (typen)",
        "hu": "Másik… (beírás)",
    },
    "settings.btn_back": {"en": "« Back", "ru": "« Назад", "nl": "« Terug", "hu": "« Vissza"},
    "settings.choose_language": {
        "en": "Choose your language:",
        "ru": "Выберите язык:",
        "nl": "Kies je taal:",
        "hu": "Válasszon nyelvet:",
    },
    "settings.choose_timezone": {
        "en": "Choose your time zone:",
        "ru": "Выберите часовой пояс:",
        "nl": "Kies je tijdzone:",
        "hu": "Válasszon időzónát:",
    },
    "settings.choose_hour": {
        "en": "When should reminders without a time arrive?",
        "ru": "Во сколько присылать напоминания без указанного времени?",
        "nl": "Wanneer moeten herinneringen zonder tijd komen?",
        "hu": "Mikor érkezzenek az időpont nélküli emlékeztetők?",
    },
    "settings.type_timezone": {
        "en": "Type a time zone name, e.g. <code>Europe/Vienna</code> or <code>Asia/Almaty</code>. /cancel to stop.",
        "ru": "Введите название часового пояса, например <code>Europe/Samara</code> или <code>Asia/Almaty</code>. /cancel — отмена.",
        "nl": "Typ de naam van een tijdzone, bv. <code>Europe/Brussels</code> of <code>America/Curacao</code>. /cancel om te stoppen.",
        "hu": "Írja be az időzóna nevét, pl. <code>Europe/Vienna</code> vagy <code>Europe/Bucharest</code>. /cancel a megszakításhoz.",
    },
    "settings.bad_timezone": {
        "en": "“{value}” is not a time zone I know. Try e.g. <code>Europe/Berlin</code>, or /cancel.",
        "ru": "«{value}» — неизвестный часовой пояс. Попробуйте, например, <code>Europe/Moscow</code> или /cancel.",
        "nl": "“{value}” ken ik niet als tijdzone. Probeer bv. <code>Europe/Amsterdam</code>, of /cancel.",
        "hu": "„{value}” nem ismert időzóna. Próbálja pl. így: <code>Europe/Budapest</code>, vagy /cancel.",
    },
    "settings.saved": {
        "en": "Saved.",
        "ru": "Сохранено.",
        "nl": "Opgeslagen.",
        "hu": "Mentve.",
    },
}
