"""Messages about delivery itself: a reminder given up, an answer that did not arrive."""

MESSAGES = {
    "delivery.gave_up": {
        "en": "⚠️ I could not deliver this reminder after {attempts} attempts, so I stopped "
        "trying: “{text}”.",
        "ru": "⚠️ Не удалось доставить это напоминание за {attempts} попыток, я прекратил "
        "попытки: «{text}».",
        "nl": "⚠️ Ik kon deze herinnering na {attempts} pogingen niet bezorgen en ben gestopt: "
        "“{text}”.",
        "hu": "⚠️ Ezt az emlékeztetőt {attempts} próbálkozás után sem tudtam kézbesíteni, "
        "ezért abbahagytam: „{text}”.",
    },
    "delivery.saved_answer_lost": {
        "en": "Your change is saved; only my answer did not get through. No need to do it again.",
        "ru": "Изменение сохранено; не дошёл только мой ответ. Повторять не нужно.",
        "nl": "Je wijziging is opgeslagen; alleen mijn antwoord kwam niet aan. "
        "Je hoeft het niet opnieuw te doen.",
        "hu": "A módosítás mentve; csak a válaszom nem érkezett meg. Nem kell megismételni.",
    },
    "delivery.saved_earlier": {
        "en": "(Earlier: “{what}” was saved, although my answer to it did not arrive.)",
        "ru": "(Ранее: «{what}» сохранено, хотя мой ответ на это не дошёл.)",
        "nl": "(Eerder: “{what}” is opgeslagen, al kwam mijn antwoord niet aan.)",
        "hu": "(Korábban: „{what}” mentve, bár a válaszom nem érkezett meg.)",
    },
    "delivery.retry_not_repeated": {
        "en": "✅ Already done a moment ago: “{what}”. I did not do it a second time. "
        "If you really want it twice, send it again in a minute.",
        "ru": "✅ Уже сделано только что: «{what}». Второй раз я это не выполнил. "
        "Если действительно нужно дважды, отправьте ещё раз через минуту.",
        "nl": "✅ Zojuist al gedaan: “{what}”. Ik heb het niet nog een keer gedaan. "
        "Wil je het echt twee keer, stuur het dan over een minuut opnieuw.",
        "hu": "✅ Az imént már megtörtént: „{what}”. Másodszor nem csináltam meg. "
        "Ha tényleg kétszer kell, küldd el újra egy perc múlva.",
    },
    "delivery.repeat_after_drop": {
        "en": "(repeat: the connection dropped and the previous attempt may have arrived)",
        "ru": "(повтор: соединение оборвалось, прошлая попытка могла дойти)",
        "nl": "(herhaling: de verbinding viel weg en de vorige poging is misschien aangekomen)",
        "hu": "(ismétlés: megszakadt a kapcsolat, az előző próbálkozás megérkezhetett)",
    },
    "delivery.only_planned": {
        "en": "You are not away now. Planned absences (to change one, cancel it and "
        "plan it again with /away):",
        "ru": "Сейчас вы не в отсутствии. Запланировано (чтобы изменить, отмените и "
        "запланируйте снова через /away):",
        "nl": "Je bent nu niet afwezig. Gepland (om er een te wijzigen: annuleer hem en "
        "plan opnieuw met /away):",
        "hu": "Most nincs távol. Tervezett távollétek (módosításhoz törölje, és tervezze "
        "újra az /away paranccsal):",
    },
    "delivery.absence_period": {
        "en": "{start} – {end}",
        "ru": "{start} – {end}",
        "nl": "{start} – {end}",
        "hu": "{start} – {end}",
    },
    "delivery.cancel_absence": {
        "en": "Cancel {period}",
        "ru": "Отменить {period}",
        "nl": "Annuleer {period}",
        "hu": "Törlés: {period}",
    },
    "delivery.absence_cancelled": {
        "en": "Planned absence {period} cancelled.",
        "ru": "Запланированное отсутствие {period} отменено.",
        "nl": "Geplande afwezigheid {period} geannuleerd.",
        "hu": "A tervezett távollét ({period}) törölve.",
    },
}
