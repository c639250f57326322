"""Messages of the follow-up parser's questions added by issue 14 (unread words, zones)."""

MESSAGES = {
    "nlu.q.unread_time": {
        "en": "I did not understand “{span}” as a time. Which do you mean? Pick one, or press “Change time”.",
        "ru": "Я не понял «{span}» как время. Какое вы имеете в виду? Выберите или нажмите «Изменить время».",
        "nl": "Ik begreep “{span}” niet als tijd. Welke bedoel je? Kies er een, of druk op “Tijd wijzigen”.",
        "hu": "A(z) „{span}” időpontként nem volt érthető. Melyikre gondol? Válasszon, vagy nyomja meg az „Időpont módosítása” gombot.",
    },
    "nlu.typed_zone": {
        "en": "🌐 as typed: {typed}",
        "ru": "🌐 как написано: {typed}",
        "nl": "🌐 zoals getypt: {typed}",
        "hu": "🌐 ahogy írta: {typed}",
    },
}  # fmt: skip
