"""Messages of the trust work: stale or forged buttons, edited messages, amounts."""

from __future__ import annotations

MESSAGES = {
    "callback.invalid": {
        "en": "This button is no longer valid.",
        "ru": "Эта кнопка больше не действует.",
        "nl": "Deze knop is niet meer geldig.",
        "hu": "Ez a gomb már nem érvényes.",
    },
    "team.not_in_handoff": {
        "en": "This item is not in an open handoff, so it cannot be taken.",
        "ru": "Этого пункта нет в открытой передаче дел, его нельзя взять.",
        "nl": "Dit item staat niet in een open overdracht en kan niet worden overgenomen.",
        "hu": "Ez a tétel nincs nyitott átadásban, ezért nem vehető át.",
    },
    "invoice.amount_ambiguous": {
        "en": "Is the amount {amount}, or is the client “{name}”? Please type the amount without spaces, e.g. 1200.50.",
        "ru": "Сумма {amount} или клиент «{name}»? Напишите, пожалуйста, сумму без пробелов, например 1200,50.",
        "nl": "Is het bedrag {amount}, of heet de klant “{name}”? Typ het bedrag zonder spaties, bv. 1200,50.",
        "hu": "Az összeg {amount}, vagy az ügyfél neve „{name}”? Kérlek, írd az összeget szóközök nélkül, pl. 1200,50.",
    },
    "edit.not_applied": {
        "en": "Edits to a sent message are not applied. Please send a new message instead.",
        "ru": "Изменения в отправленном сообщении не применяются. Отправьте, пожалуйста, новое сообщение.",
        "nl": "Wijzigingen in een verzonden bericht worden niet toegepast. Stuur liever een nieuw bericht.",
        "hu": "Az elküldött üzenet szerkesztését nem alkalmazom. Kérlek, küldj új üzenetet.",
    },
}
