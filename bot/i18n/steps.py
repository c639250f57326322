"""Leaving, expiring and repeating "type it next" steps; stale and repeated card presses."""

MESSAGES = {
    "steps.left": {
        "en": "↩️ You left the unfinished question; nothing more was saved from it.",
        "ru": "↩️ Вы вышли из незаконченного вопроса; из него больше ничего не сохранено.",
        "nl": "↩️ Je hebt de open vraag verlaten; daaruit is verder niets opgeslagen.",
        "hu": "↩️ Kilépett a befejezetlen kérdésből; abból több nem lett mentve.",
    },
    "steps.left_followup": {
        "en": "↩️ You left the unfinished question; I read this as a new follow-up.",
        "ru": "↩️ Вы вышли из незаконченного вопроса; читаю это как новое напоминание.",
        "nl": "↩️ Je hebt de open vraag verlaten; ik lees dit als een nieuwe opvolging.",
        "hu": "↩️ Kilépett a befejezetlen kérdésből; ezt új teendőként értelmezem.",
    },
    "newclient.name_is_followup": {
        "en": "That reads like a follow-up, not a client name.",
        "ru": "Это похоже на напоминание, а не на название клиента.",
        "nl": "Dat lijkt een opvolging, geen klantnaam.",
        "hu": "Ez teendőnek tűnik, nem ügyfélnévnek.",
    },
    "steps.expired": {
        "en": "⌛ The unfinished question expired after 15 minutes; reading this on its own.",
        "ru": "⌛ Незаконченный вопрос истёк через 15 минут; читаю это отдельно.",
        "nl": "⌛ De open vraag is na 15 minuten verlopen; ik lees dit los daarvan.",
        "hu": "⌛ A befejezetlen kérdés 15 perc után lejárt; ezt önmagában értelmezem.",
    },
    "steps.again": {
        "en": "Please type it again, send a command, or /cancel.",
        "ru": "Введите ещё раз, отправьте команду или /cancel.",
        "nl": "Typ het opnieuw, stuur een commando, of /cancel.",
        "hu": "Írja be újra, küldjön egy parancsot, vagy /cancel.",
    },
    "steps.import_file": {
        "en": "I am waiting for the CSV as a file (or send /cancel).",
        "ru": "Жду CSV-файл (или отправьте /cancel).",
        "nl": "Ik wacht op het CSV-bestand (of stuur /cancel).",
        "hu": "A CSV-fájlt várom (vagy küldje: /cancel).",
    },
    "drafts.out_of_date": {
        "en": "This card is out of date; here is the current one.",
        "ru": "Эта карточка устарела; вот актуальная.",
        "nl": "Deze kaart is verouderd; hier is de actuele.",
        "hu": "Ez a kártya elavult; itt az aktuális.",
    },
    "drafts.already_saved": {
        "en": "Already saved (reminder #{id}).",
        "ru": "Уже сохранено (напоминание №{id}).",
        "nl": "Al opgeslagen (herinnering #{id}).",
        "hu": "Már mentve (#{id}. emlékeztető).",
    },
}
