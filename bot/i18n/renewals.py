"""Renewals closing the loop (Renewed / Not renewing, /contract terms, /renewals for the
team) and interactions as people log them (backdating, next steps, contacts, cadence)."""

MESSAGES = {
    "renewals.btn_renewed": {
        "en": "✅ Renewed",
        "ru": "✅ Продлён",
        "nl": "✅ Verlengd",
        "hu": "✅ Megújítva",
    },
    "renewals.btn_not_renewing": {
        "en": "✖️ Not renewing",
        "ru": "✖️ Не продлевают",
        "nl": "✖️ Geen verlenging",
        "hu": "✖️ Nem újítják meg",
    },
    "renewals.btn_renewed_one": {
        "en": "✅ Renewed: {client}",
        "ru": "✅ Продлён: {client}",
        "nl": "✅ Verlengd: {client}",
        "hu": "✅ Megújítva: {client}",
    },
    "renewals.btn_not_renewing_one": {
        "en": "✖️ Not: {client}",
        "ru": "✖️ Нет: {client}",
        "nl": "✖️ Niet: {client}",
        "hu": "✖️ Nem: {client}",
    },
    "renewals.btn_default": {
        "en": "📅 {day}",
        "ru": "📅 {day}",
        "nl": "📅 {day}",
        "hu": "📅 {day}",
    },
    "renewals.ask_end": {
        "en": "{client}: the contract ends {end}. Until when is it renewed? Type a date "
        "(“31 March 2028”, “in a year”) or press {default}. /cancel to stop.",
        "ru": "{client}: договор действует до {end}. До какого числа продлён? Напишите дату "
        "(«31 марта 2028», «через год») или нажмите {default}. /cancel — отмена.",
        "nl": "{client}: het contract loopt af op {end}. Tot wanneer is het verlengd? Typ een "
        "datum (“31 maart 2028”, “over een jaar”) of kies {default}. /cancel om te stoppen.",
        "hu": "{client}: a szerződés lejárata {end}. Meddig újították meg? Írjon dátumot "
        "(„2028. március 31.”, „egy év múlva”) vagy nyomja meg: {default}. /cancel a "
        "megszakításhoz.",
    },
    "renewals.renewed": {
        "en": "✅ {client} renewed: the contract now ends {end}. {remind}",
        "ru": "✅ {client}: договор продлён до {end}. {remind}",
        "nl": "✅ {client} verlengd: het contract loopt nu af op {end}. {remind}",
        "hu": "✅ {client} megújítva: a szerződés lejárta most {end}. {remind}",
    },
    "renewals.remind_on": {
        "en": "I will remind you on {day} (notice deadline {deadline}).",
        "ru": "Напомню {day} (уведомить до {deadline}).",
        "nl": "Ik herinner je op {day} (opzeggen vóór {deadline}).",
        "hu": "Emlékeztetem ekkor: {day} (felmondási határidő: {deadline}).",
    },
    "renewals.ask_reason": {
        "en": "Why is {client} not renewing? Type the reason. /cancel to stop.",
        "ru": "Почему {client} не продлевает? Напишите причину. /cancel — отмена.",
        "nl": "Waarom verlengt {client} niet? Typ de reden. /cancel om te stoppen.",
        "hu": "Miért nem újítja meg: {client}? Írja be az okát. /cancel a megszakításhoz.",
    },
    "renewals.ended": {
        "en": "{client} is not renewing ({reason}). The renewal reminders of this contract "
        "are stopped.",
        "ru": "{client} не продлевает ({reason}). Напоминания о продлении этого договора "
        "остановлены.",
        "nl": "{client} verlengt niet ({reason}). De verlengherinneringen van dit contract "
        "zijn gestopt.",
        "hu": "{client} nem újítja meg ({reason}). A szerződés megújítási emlékeztetői leálltak.",
    },
    "renewals.btn_lost": {
        "en": "Mark {client} as lost",
        "ru": "Отметить {client} как потерянного",
        "nl": "{client} als verloren markeren",
        "hu": "{client} elveszettnek jelölése",
    },
    "renewals.lost": {
        "en": "{client} is now marked as lost.",
        "ru": "{client} отмечен как потерянный клиент.",
        "nl": "{client} staat nu als verloren.",
        "hu": "{client} mostantól elveszett ügyfél.",
    },
    "renewals.settled": {
        "en": "The contract of {name} is already settled (renewed or not renewing).",
        "ru": "Договор с {name} уже закрыт (продлён или не продлевается).",
        "nl": "Het contract van {name} is al afgehandeld (verlengd of niet).",
        "hu": "{name} szerződése már le van zárva (megújítva vagy nem).",
    },
    "renewals.gone": {
        "en": "This contract no longer exists.",
        "ru": "Этого договора больше нет.",
        "nl": "Dit contract bestaat niet meer.",
        "hu": "Ez a szerződés már nem létezik.",
    },
    "renewals.bad_date": {
        "en": "I could not read a date in “{value}”. Try “31 March 2028” or “in a year”.",
        "ru": "Не вижу даты в «{value}». Например: «31 марта 2028» или «через год».",
        "nl": "Ik zie geen datum in “{value}”. Probeer “31 maart 2028” of “over een jaar”.",
        "hu": "Nem találok dátumot ebben: „{value}”. Például: „2028. március 31.” vagy „egy év "
        "múlva”.",
    },
    "renewals.not_later": {
        "en": "The renewed contract must end after {end}.",
        "ru": "Продлённый договор должен заканчиваться позже {end}.",
        "nl": "Het verlengde contract moet na {end} aflopen.",
        "hu": "A megújított szerződésnek {end} után kell lejárnia.",
    },
    "renewals.needs_end": {
        "en": "This client has no contract yet: give its end date, e.g. "
        "<code>/contract Acme ends 31 March 2027</code>.",
        "ru": "У клиента ещё нет договора: укажите дату окончания, например "
        "<code>/contract Ромашка до 31.03.2027</code>.",
        "nl": "Deze klant heeft nog geen contract: geef de einddatum, bv. "
        "<code>/contract Jansen einde 31 maart 2027</code>.",
        "hu": "Az ügyfélnek még nincs szerződése: adja meg a lejáratát, pl. "
        "<code>/contract Minta vége 2027-03-31</code>.",
    },
    "renewals.no_contract": {
        "en": "That client has no contract end date yet. Say when it ends (“Acme contract ends "
        "1 March, remind me 30 days before”) or use /contract.",
        "ru": "У этого клиента нет даты окончания договора. Напишите её («договор с Ромашкой "
        "до 1 марта, напомни за 30 дней до») или используйте /contract.",
        "nl": "Die klant heeft nog geen einddatum van een contract. Zeg wanneer het afloopt of "
        "gebruik /contract.",
        "hu": "Ennek az ügyfélnek még nincs szerződés-lejárata. Írja meg, mikor jár le, vagy "
        "használja a /contract parancsot.",
    },
    "renewals.bad_value": {
        "en": "“{value}” is not an amount with a currency. Write it like 12000 EUR.",
        "ru": "«{value}» — не сумма с валютой. Пишите так: 12000 EUR.",
        "nl": "“{value}” is geen bedrag met valuta. Schrijf bv. 12000 EUR.",
        "hu": "„{value}” nem összeg pénznemmel. Így írja: 12000 EUR.",
    },
    "renewals.terms": {
        "en": {
            "one": "Title: {title}; value: {value}; renewal reminder {count} day before the "
            "notice deadline.",
            "other": "Title: {title}; value: {value}; renewal reminder {count} days before the "
            "notice deadline.",
        },
        "ru": {
            "one": "Название: {title}; сумма: {value}; напоминание о продлении за {count} день "
            "до срока уведомления.",
            "few": "Название: {title}; сумма: {value}; напоминание о продлении за {count} дня "
            "до срока уведомления.",
            "many": "Название: {title}; сумма: {value}; напоминание о продлении за {count} дней "
            "до срока уведомления.",
            "other": "Название: {title}; сумма: {value}; напоминание о продлении за {count} дня "
            "до срока уведомления.",
        },
        "nl": {
            "one": "Titel: {title}; waarde: {value}; verlengherinnering {count} dag vóór de "
            "opzegdatum.",
            "other": "Titel: {title}; waarde: {value}; verlengherinnering {count} dagen vóór de "
            "opzegdatum.",
        },
        "hu": "Megnevezés: {title}; érték: {value}; megújítási emlékeztető {count} nappal a "
        "felmondási határidő előtt.",
    },
    "renewals.team_title": {
        "en": "<b>Team renewals in the next 90 days</b>",
        "ru": "<b>Продления команды в ближайшие 90 дней</b>",
        "nl": "<b>Verlengingen van het team in de komende 90 dagen</b>",
        "hu": "<b>A csapat megújításai a következő 90 napban</b>",
    },
    "renewals.owner": {
        "en": " · {name}",
        "ru": " · {name}",
        "nl": " · {name}",
        "hu": " · {name}",
    },
    "renewals.notice_passed": {
        "en": "⚠️ notice deadline passed",
        "ru": "⚠️ срок уведомления прошёл",
        "nl": "⚠️ opzegtermijn verstreken",
        "hu": "⚠️ a felmondási határidő lejárt",
    },
    "renewals.card_cadence": {
        "en": {"one": "Contact every day", "other": "Contact every {count} days"},
        "ru": {
            "one": "Связываться каждый {count} день",
            "few": "Связываться каждые {count} дня",
            "many": "Связываться каждые {count} дней",
            "other": "Связываться каждые {count} дня",
        },
        "nl": {"one": "Contact elke dag", "other": "Contact elke {count} dagen"},
        "hu": "Kapcsolatfelvétel {count} naponta",
    },
    "field.cadence_days": {
        "en": "Contact every (days)",
        "ru": "Частота контакта (дни)",
        "nl": "Contact elke (dagen)",
        "hu": "Kapcsolattartás (napok)",
    },
    "clients.bad_cadence": {
        "en": "“{value}” is not a number of days from 1 to 3650.",
        "ru": "«{value}» — не число дней от 1 до 3650.",
        "nl": "“{value}” is geen aantal dagen van 1 tot 3650.",
        "hu": "„{value}” nem 1 és 3650 közötti napszám.",
    },
    "renewals.q_needs_client": {
        "en": "Which client's contract? Press “Change client”.",
        "ru": "Договор какого клиента? Нажмите «Другой клиент».",
        "nl": "Het contract van welke klant? Kies “Andere klant”.",
        "hu": "Melyik ügyfél szerződése? Nyomja meg: „Másik ügyfél”.",
    },
    "renewals.q_no_contract": {
        "en": "{client} has no contract end date yet: say when it ends, or use /contract.",
        "ru": "У {client} нет даты окончания договора: напишите её или используйте /contract.",
        "nl": "{client} heeft nog geen einddatum van een contract: zeg wanneer, of gebruik "
        "/contract.",
        "hu": "{client} szerződésének nincs lejárata: írja meg, mikor jár le, vagy használja a "
        "/contract parancsot.",
    },
    "renewals.draft_contract": {
        "en": {
            "one": "contract ends {end}, reminder {count} day before",
            "other": "contract ends {end}, reminder {count} days before",
        },
        "ru": {
            "one": "договор до {end}, напомнить за {count} день",
            "few": "договор до {end}, напомнить за {count} дня",
            "many": "договор до {end}, напомнить за {count} дней",
            "other": "договор до {end}, напомнить за {count} дня",
        },
        "nl": {
            "one": "contract loopt af op {end}, herinnering {count} dag ervoor",
            "other": "contract loopt af op {end}, herinnering {count} dagen ervoor",
        },
        "hu": "a szerződés lejár: {end}, emlékeztető {count} nappal előtte",
    },
    "renewals.followup_saved": {
        "en": "✅ Saved: the contract of {client} ends {end}; the renewal reminder comes {when}.",
        "ru": "✅ Сохранено: договор с {client} до {end}; напоминание о продлении — {when}.",
        "nl": "✅ Opgeslagen: het contract van {client} loopt af op {end}; de "
        "verlengherinnering komt {when}.",
        "hu": "✅ Mentve: {client} szerződése lejár: {end}; a megújítási emlékeztető: {when}.",
    },
    "log.future": {
        "en": "That has not happened yet. Log what happened, or type it as a follow-up.",
        "ru": "Это ещё не произошло. Записывайте то, что было, или напишите это как напоминание.",
        "nl": "Dat is nog niet gebeurd. Leg vast wat er gebeurd is, of typ het als opvolging.",
        "hu": "Ez még nem történt meg. Azt rögzítse, ami megtörtént, vagy írja be teendőként.",
    },
    "log.bad_moment": {
        "en": "I could not read when “{value}” was.",
        "ru": "Не понял, когда это было: «{value}».",
        "nl": "Ik begrijp niet wanneer “{value}” was.",
        "hu": "Nem értem, mikor volt: „{value}”.",
    },
    "log.ask_summary": {
        "en": "What was said in the call with {client}? Type it (or /cancel).",
        "ru": "О чём говорили с {client}? Напишите (или /cancel).",
        "nl": "Wat is er besproken met {client}? Typ het (of /cancel).",
        "hu": "Miről beszéltek ezzel: {client}? Írja be (vagy /cancel).",
    },
    "log.call_saved": {
        "en": "Call logged.",
        "ru": "Звонок записан.",
        "nl": "Gesprek vastgelegd.",
        "hu": "Hívás rögzítve.",
    },
    "log.ask_next": {
        "en": "Next step? Type it (e.g. “call again Friday 10:00”), or /cancel if there is none.",
        "ru": "Следующий шаг? Напишите его (например, «перезвонить в пятницу в 10»), или "
        "/cancel, если его нет.",
        "nl": "Volgende stap? Typ hem (bv. “vrijdag 10:00 terugbellen”), of /cancel als er geen "
        "is.",
        "hu": "Következő lépés? Írja be (pl. „péntek 10:00 visszahívni”), vagy /cancel, ha nincs.",
    },
    "invoice.number_line": {
        "en": "Invoice no. {number}",
        "ru": "Счёт № {number}",
        "nl": "Factuurnummer {number}",
        "hu": "Számlaszám: {number}",
    },
    "contacts.btn": {
        "en": "👥 Contacts",
        "ru": "👥 Контакты",
        "nl": "👥 Contacten",
        "hu": "👥 Kapcsolattartók",
    },
    "contacts.pick": {
        "en": "Contacts of {name}: ✏️ to edit, 🗑 to delete.",
        "ru": "Контакты {name}: ✏️ — изменить, 🗑 — удалить.",
        "nl": "Contacten van {name}: ✏️ wijzigen, 🗑 verwijderen.",
        "hu": "{name} kapcsolattartói: ✏️ szerkesztés, 🗑 törlés.",
    },
    "contacts.btn_delete": {
        "en": "🗑 Yes, delete",
        "ru": "🗑 Да, удалить",
        "nl": "🗑 Ja, verwijderen",
        "hu": "🗑 Igen, törlés",
    },
    "contacts.ask_delete": {
        "en": "Delete the contact {name}?",
        "ru": "Удалить контакт {name}?",
        "nl": "Contact {name} verwijderen?",
        "hu": "Törli a kapcsolattartót: {name}?",
    },
    "contacts.deleted": {
        "en": "Contact {name} deleted.",
        "ru": "Контакт {name} удалён.",
        "nl": "Contact {name} verwijderd.",
        "hu": "{name} kapcsolattartó törölve.",
    },
    "contacts.saved": {
        "en": "Contact saved.",
        "ru": "Контакт сохранён.",
        "nl": "Contact opgeslagen.",
        "hu": "Kapcsolattartó mentve.",
    },
    "contacts.ask_edit": {
        "en": "Type the contact again as: name; role; phone; e-mail; yes if decision-maker. "
        "Now: {current} (or /cancel).",
        "ru": "Введите контакт заново: имя; должность; телефон; e-mail; да, если принимает "
        "решения. Сейчас: {current} (или /cancel).",
        "nl": "Typ het contact opnieuw als: naam; functie; telefoon; e-mail; ja als beslisser. "
        "Nu: {current} (of /cancel).",
        "hu": "Adja meg újra így: név; beosztás; telefon; e-mail; igen, ha döntéshozó. "
        "Most: {current} (vagy /cancel).",
    },
    "contacts.yes": {
        "en": "yes",
        "ru": "да",
        "nl": "ja",
        "hu": "igen",
    },
    "contacts.gone": {
        "en": "This contact no longer exists.",
        "ru": "Этого контакта больше нет.",
        "nl": "Dit contact bestaat niet meer.",
        "hu": "Ez a kapcsolattartó már nem létezik.",
    },
}
