"""Messages of the team group's own settings: its language, time zone and amounts."""

MESSAGES = {
    "cmd.team_settings": {
        "en": "the team group's language, time zone and amounts (admins, in the group)",
        "ru": "язык, часовой пояс и суммы командной группы (админы, в группе)",
        "nl": "taal, tijdzone en bedragen van de teamgroep (beheerders, in de groep)",
        "hu": "a csapatcsoport nyelve, időzónája és összegei (adminok, a csoportban)",
    },
    "group.settings": {
        "en": "<b>Team group</b>\nLanguage: {language}\nTime zone: {zone}\nAmounts in handoffs: {amounts}\nChoose below, or type e.g. <code>/team_settings nl Europe/London</code>.",
        "ru": "<b>Командная группа</b>\nЯзык: {language}\nЧасовой пояс: {zone}\nСуммы в передачах дел: {amounts}\nВыберите ниже или введите, например, <code>/team_settings ru Europe/Moscow</code>.",
        "nl": "<b>Teamgroep</b>\nTaal: {language}\nTijdzone: {zone}\nBedragen in overdrachten: {amounts}\nKies hieronder, of typ bijv. <code>/team_settings nl Europe/Amsterdam</code>.",
        "hu": "<b>Csapatcsoport</b>\nNyelv: {language}\nIdőzóna: {zone}\nÖsszegek az átadásokban: {amounts}\nVálasszon lent, vagy írja be pl. <code>/team_settings hu Europe/Budapest</code>.",
    },
    "group.amounts_shown": {
        "en": "shown",
        "ru": "показываются",
        "nl": "getoond",
        "hu": "láthatók",
    },
    "group.amounts_hidden": {
        "en": "hidden",
        "ru": "скрыты",
        "nl": "verborgen",
        "hu": "rejtettek",
    },
    "group.btn_show_amounts": {
        "en": "Show amounts",
        "ru": "Показывать суммы",
        "nl": "Bedragen tonen",
        "hu": "Összegek mutatása",
    },
    "group.btn_hide_amounts": {
        "en": "Hide amounts",
        "ru": "Скрыть суммы",
        "nl": "Bedragen verbergen",
        "hu": "Összegek elrejtése",
    },
    "group.bad_setting": {
        "en": "“{value}” is neither a language (en, ru, nl, hu) nor a time zone such as Europe/Amsterdam.",
        "ru": "«{value}» — не язык (en, ru, nl, hu) и не часовой пояс вроде Europe/Moscow.",
        "nl": "“{value}” is geen taal (en, ru, nl, hu) en geen tijdzone zoals Europe/Amsterdam.",
        "hu": "„{value}” se nem nyelv (en, ru, nl, hu), se nem időzóna, mint az Europe/Budapest.",
    },
    "group.only_in_team_group": {
        "en": "Run /team_settings inside the registered team group.",
        "ru": "Выполните /team_settings в зарегистрированной командной группе.",
        "nl": "Gebruik /team_settings in de geregistreerde teamgroep.",
        "hu": "A /team_settings parancsot a regisztrált csapatcsoportban futtassa.",
    },
}
