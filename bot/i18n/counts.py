"""Counted nouns ("1 day", "22 напоминания", "5 herinneringen"), each in the plural forms of
its language, for messages that show several counts or a count inside a phrase."""


def _ru(one: str, few: str, many: str) -> dict[str, str]:
    return {"one": one, "few": few, "many": many, "other": few}


def _two(one: str, other: str) -> dict[str, str]:
    return {"one": one, "other": other}


MESSAGES = {
    "count.days": {
        "en": _two("{count} day", "{count} days"),
        "ru": _ru("{count} день", "{count} дня", "{count} дней"),
        "nl": _two("{count} dag", "{count} dagen"),
        "hu": _two("{count} nap", "{count} nap"),
    },
    "count.clients": {
        "en": _two("{count} client", "{count} clients"),
        "ru": _ru("{count} клиент", "{count} клиента", "{count} клиентов"),
        "nl": _two("{count} klant", "{count} klanten"),
        "hu": _two("{count} ügyfél", "{count} ügyfél"),
    },
    "count.reminders": {
        "en": _two("{count} reminder", "{count} reminders"),
        "ru": _ru("{count} напоминание", "{count} напоминания", "{count} напоминаний"),
        "nl": _two("{count} herinnering", "{count} herinneringen"),
        "hu": _two("{count} emlékeztető", "{count} emlékeztető"),
    },
    "count.open_reminders": {
        "en": _two("{count} open reminder", "{count} open reminders"),
        "ru": _ru(
            "{count} открытое напоминание",
            "{count} открытых напоминания",
            "{count} открытых напоминаний",
        ),
        "nl": _two("{count} open herinnering", "{count} open herinneringen"),
        "hu": _two("{count} nyitott emlékeztető", "{count} nyitott emlékeztető"),
    },
    "count.invoices": {
        "en": _two("{count} invoice", "{count} invoices"),
        "ru": _ru("{count} счёт", "{count} счёта", "{count} счетов"),
        "nl": _two("{count} factuur", "{count} facturen"),
        "hu": _two("{count} számla", "{count} számla"),
    },
    "count.interactions": {
        "en": _two("{count} interaction", "{count} interactions"),
        "ru": _ru("{count} контакт", "{count} контакта", "{count} контактов"),
        "nl": _two("{count} contactmoment", "{count} contactmomenten"),
        "hu": _two("{count} kapcsolatfelvétel", "{count} kapcsolatfelvétel"),
    },
}
