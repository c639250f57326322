"""Messages of typed dates anywhere, the morning digest setting, unknown commands and lists
that update in place (issue 11, items 2, 3 and 6)."""

MESSAGES = {
    # -- a date typed anywhere: the problems, as in a follow-up -------------------------
    "date.q.no_date": {
        "en": "I found no date in “{value}”. Try “friday 11:00”, “30 April 2027” or “in a week”.",
        "ru": "Не нашёл даты в «{value}». Например: «пятница 11:00», «30 апреля 2027», «через неделю».",
        "nl": "Ik vond geen datum in “{value}”. Probeer “vrijdag 11:00”, “30 april 2027” of “over een week”.",
        "hu": "Nem találtam dátumot ebben: „{value}”. Próbálja így: „péntek 11:00”, „2027. április 30.” vagy „egy hét múlva”.",
    },
    "date.q.impossible_day": {
        "en": "There is no {date}. Which day do you mean?",
        "ru": "{date} не бывает. Какой день вы имеете в виду?",
        "nl": "{date} bestaat niet. Welke dag bedoel je?",
        "hu": "{date} nem létezik. Melyik napra gondol?",
    },
    "date.q.impossible_date": {
        "en": "“{value}” is not a real date. Which day do you mean?",
        "ru": "«{value}» — такой даты нет. Какой день вы имеете в виду?",
        "nl": "“{value}” is geen bestaande datum. Welke dag bedoel je?",
        "hu": "„{value}” nem létező dátum. Melyik napra gondol?",
    },
    "date.q.past": {
        "en": "“{value}” is already over. Pick a later time or type another one.",
        "ru": "«{value}» уже прошло. Выберите время позже или напишите другое.",
        "nl": "“{value}” is al voorbij. Kies een later tijdstip of typ een ander.",
        "hu": "„{value}” már elmúlt. Válasszon későbbi időpontot, vagy írjon másikat.",
    },
    "date.q.past_day": {
        "en": "“{value}” is a day in the past. Today, the same day next year, or another one?",
        "ru": "«{value}» — день в прошлом. Сегодня, тот же день через год или другой?",
        "nl": "“{value}” ligt in het verleden. Vandaag, dezelfde dag volgend jaar, of een andere?",
        "hu": "„{value}” a múltban van. Ma, ugyanez a nap jövőre, vagy egy másik?",
    },
    "date.q.bad_time": {
        "en": "“{value}” has a time that does not exist (hours 0-23, minutes 0-59).",
        "ru": "В «{value}» время, которого нет (часы 0-23, минуты 0-59).",
        "nl": "“{value}” bevat een tijd die niet bestaat (uren 0-23, minuten 0-59).",
        "hu": "„{value}” nem létező időpontot tartalmaz (óra 0-23, perc 0-59).",
    },
    "date.q.negative_offset": {
        "en": "“{value}”: a negative amount of time cannot be used.",
        "ru": "«{value}»: отрицательный срок не подходит.",
        "nl": "“{value}”: een negatieve termijn kan niet.",
        "hu": "„{value}”: negatív időtartam nem használható.",
    },
    "date.q.time_not_honoured": {
        "en": "I could not apply the time in “{value}”. Type the date and time again.",
        "ru": "Не удалось применить время в «{value}». Напишите дату и время ещё раз.",
        "nl": "Ik kon de tijd in “{value}” niet toepassen. Typ datum en tijd opnieuw.",
        "hu": "Nem tudtam alkalmazni az időt ebben: „{value}”. Írja be újra a dátumot és az időt.",
    },
    "date.q.day_mismatch": {
        "en": "In “{value}” the weekday and the date do not match. Which one do you mean?",
        "ru": "В «{value}» день недели не совпадает с датой. Что вы имеете в виду?",
        "nl": "In “{value}” passen de weekdag en de datum niet bij elkaar. Welke bedoel je?",
        "hu": "„{value}”: a hét napja és a dátum nem egyezik. Melyikre gondol?",
    },
    "date.q.ambiguous_day": {
        "en": "“{value}” fits two days. Which one do you mean?",
        "ru": "«{value}» подходит к двум дням. Какой вы имеете в виду?",
        "nl": "“{value}” past bij twee dagen. Welke bedoel je?",
        "hu": "„{value}” két napra is illik. Melyikre gondol?",
    },
    "date.not_alone": {
        "en": "“{value}” says more than a date. Type just the date, e.g. “friday” or “30 April 2027”.",
        "ru": "В «{value}» есть не только дата. Напишите только дату, например «пятница» или «30 апреля 2027».",
        "nl": "“{value}” zegt meer dan een datum. Typ alleen de datum, bijv. “vrijdag” of “30 april 2027”.",
        "hu": "„{value}” nem csak dátum. Csak a dátumot írja be, pl. „péntek” vagy „2027. április 30.”.",
    },
    "date.pick_or_type": {
        "en": "Pick one, or type another date.",
        "ru": "Выберите или напишите другую дату.",
        "nl": "Kies er een, of typ een andere datum.",
        "hu": "Válasszon, vagy írjon be másik dátumot.",
    },
    "date.choice_expired": {
        "en": "That choice is no longer open. Please type the command again.",
        "ru": "Этот выбор уже неактуален. Наберите команду ещё раз.",
        "nl": "Die keuze is niet meer open. Typ de opdracht opnieuw.",
        "hu": "Ez a választás már nem érvényes. Írja be újra a parancsot.",
    },
    # -- the card's Remind ----------------------------------------------------------------
    "remind.ask_what_when": {
        "en": "What should I remind you of, and when? E.g. “call about the offer friday 11:00” (or /cancel).",
        "ru": "О чём и когда напомнить? Например «позвонить насчёт предложения в пятницу в 11» (или /cancel).",
        "nl": "Waaraan en wanneer moet ik je herinneren? Bijv. “bellen over de offerte vrijdag 11:00” (of /cancel).",
        "hu": "Mire és mikor emlékeztessem? Pl. „péntek 11:00 hívás az ajánlatról” (vagy /cancel).",
    },
    "team.ask_start_in_words": {
        "en": "From which day are you away? Type it (“monday”, “20 December”, 2026-12-20) or press a button.",
        "ru": "С какого дня вы отсутствуете? Напишите («понедельник», «20 декабря», 2026-12-20) или нажмите кнопку.",
        "nl": "Vanaf welke dag ben je afwezig? Typ hem (“maandag”, “20 december”, 2026-12-20) of kies een knop.",
        "hu": "Melyik naptól lesz távol? Írja be („hétfő”, „december 20.”, 2026-12-20), vagy nyomjon gombot.",
    },
    "remind.ask_what": {
        "en": "What should I remind you to do for {client}?",
        "ru": "О чём напомнить по клиенту {client}?",
        "nl": "Waaraan moet ik je herinneren voor {client}?",
        "hu": "Mire emlékeztessem ({client})?",
    },
    # -- the morning digest in /settings --------------------------------------------------
    "settings.btn_digest": {
        "en": "☀️ Morning digest",
        "ru": "☀️ Утренняя сводка",
        "nl": "☀️ Ochtendoverzicht",
        "hu": "☀️ Reggeli összefoglaló",
    },
    "settings.digest_line": {
        "en": "Morning digest: {digest}",
        "ru": "Утренняя сводка: {digest}",
        "nl": "Ochtendoverzicht: {digest}",
        "hu": "Reggeli összefoglaló: {digest}",
    },
    "settings.digest_off": {
        "en": "off",
        "ru": "выключена",
        "nl": "uit",
        "hu": "kikapcsolva",
    },
    "settings.btn_digest_off": {
        "en": "🚫 Off",
        "ru": "🚫 Выключить",
        "nl": "🚫 Uit",
        "hu": "🚫 Kikapcsolva",
    },
    "settings.btn_digest_other": {
        "en": "Other time…",
        "ru": "Другое время…",
        "nl": "Andere tijd…",
        "hu": "Más időpont…",
    },
    "settings.choose_digest": {
        "en": "When should the morning digest (today's calls, overdue payments, renewals) arrive?",
        "ru": "Когда присылать утреннюю сводку (звонки на сегодня, просроченные оплаты, продления)?",
        "nl": "Wanneer moet het ochtendoverzicht (gesprekken van vandaag, achterstallige betalingen, verlengingen) komen?",
        "hu": "Mikor érkezzen a reggeli összefoglaló (mai hívások, lejárt fizetések, megújítások)?",
    },
    "settings.type_digest": {
        "en": "Type the time for the morning digest, e.g. 07:30 (or /cancel).",
        "ru": "Напишите время утренней сводки, например 07:30 (или /cancel).",
        "nl": "Typ de tijd voor het ochtendoverzicht, bijv. 07:30 (of /cancel).",
        "hu": "Írja be a reggeli összefoglaló idejét, pl. 07:30 (vagy /cancel).",
    },
    "settings.bad_clock": {
        "en": "“{value}” is not a time of day. Write it like 07:30.",
        "ru": "«{value}» — не время суток. Пишите так: 07:30.",
        "nl": "“{value}” is geen tijdstip. Schrijf het als 07:30.",
        "hu": "„{value}” nem napszak-időpont. Így írja: 07:30.",
    },
    "access.digest_on": {
        "en": "Every morning at {time} I send you a digest of the day (change it in /settings).",
        "ru": "Каждое утро в {time} я пришлю сводку на день (изменить: /settings).",
        "nl": "Elke ochtend om {time} stuur ik je een overzicht van de dag (wijzigen in /settings).",
        "hu": "Minden reggel {time}-kor küldök egy napi összefoglalót (módosítás: /settings).",
    },
    # -- defects ----------------------------------------------------------------------------
    "command.unknown": {
        "en": "I do not know /{command}. /help lists what I can do.",
        "ru": "Команды /{command} нет. /help покажет, что я умею.",
        "nl": "/{command} ken ik niet. /help laat zien wat ik kan.",
        "hu": "A /{command} parancsot nem ismerem. A /help megmutatja, mit tudok.",
    },
    "followup.ask_new_name": {
        "en": "Create the client as “{name}”? Press the button, or type the name as it should be.",
        "ru": "Создать клиента «{name}»? Нажмите кнопку или напишите название как надо.",
        "nl": "De klant aanmaken als “{name}”? Druk op de knop, of typ de naam zoals hij moet zijn.",
        "hu": "„{name}” néven hozzam létre az ügyfelet? Nyomja meg a gombot, vagy írja be a helyes nevet.",
    },
    "followup.cancelled_client_kept": {
        "en": "Cancelled; no reminder was saved. The client {name} was created and stays.",
        "ru": "Отменено; напоминание не сохранено. Клиент {name} создан и остаётся.",
        "nl": "Geannuleerd; er is geen herinnering bewaard. De klant {name} is aangemaakt en blijft.",
        "hu": "Megszakítva; emlékeztető nem lett mentve. A(z) {name} ügyfél létrejött, és megmarad.",
    },
    "invoice.paid_mark": {
        "en": "✅ paid",
        "ru": "✅ оплачен",
        "nl": "✅ betaald",
        "hu": "✅ kifizetve",
    },
    "complaint.resolved_mark": {
        "en": "✅ resolved",
        "ru": "✅ решена",
        "nl": "✅ opgelost",
        "hu": "✅ megoldva",
    },
}
