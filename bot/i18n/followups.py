"""Messages of follow-ups typed in plain words and of forwarded messages.

Each entry is (en, ru, nl, hu).
"""

_T = {
    "cmd.remind": ("a follow-up in your words: /remind call Acme tuesday 10:00", "напоминание своими словами: /remind позвонить Ромашке во вторник в 10", "opvolging in je eigen woorden: /remind morgen om 9 uur Jansen bellen", "teendő saját szavaival: /remind holnap 10:00 hívjam fel a Kovács Kft-t"),
    "usage.remind": ("Usage: <code>/remind call Acme tuesday 10:00 about the renewal</code>", "Формат: <code>/remind позвонить Ромашке через 3 дня в 10</code>", "Gebruik: <code>/remind morgen om 9 uur Jansen BV bellen</code>", "Használat: <code>/remind holnap 10:00 hívjam fel a Kovács Kft-t</code>"),
    "followup.viewer": ("Viewers cannot create reminders; ask an admin or a manager.", "Наблюдатели не могут создавать напоминания; обратитесь к администратору или менеджеру.", "Kijkers kunnen geen herinneringen maken; vraag een beheerder of manager.", "Megfigyelők nem hozhatnak létre emlékeztetőt; kérjen meg egy adminisztrátort vagy menedzsert."),
    "followup.empty": ("Type what to remind you of, e.g. “call Acme tuesday 10:00”.", "Напишите, о чём напомнить, например «позвонить Ромашке завтра в 10».", "Typ waaraan ik je moet herinneren, bijv. “morgen om 9 uur Jansen bellen”.", "Írja meg, mire emlékeztessem, pl. „holnap 10:00 hívjam fel a Kovács Kft-t”."),
    "followup.hint": ("I did not read a follow-up in that. Write e.g. “call Acme tuesday 10:00 about the renewal”, or see /help.", "Я не нашёл в этом напоминания. Напишите, например, «позвонить Ромашке через 3 дня в 10» или см. /help.", "Daar lees ik geen opvolging in. Schrijf bijv. “morgen om 9 uur Jansen BV bellen”, of zie /help.", "Ebben nem találtam teendőt. Írja pl.: „holnap 10:00 hívjam fel a Kovács Kft-t”, vagy lásd /help."),
    "followup.unresolved": ("Please answer the question above first; nothing is saved yet.", "Сначала ответьте на вопрос выше; пока ничего не сохранено.", "Beantwoord eerst de vraag hierboven; er is nog niets bewaard.", "Előbb válaszoljon a fenti kérdésre; még semmi sincs mentve."),
    "followup.no_client_name": ("No client name to create.", "Нет названия клиента для создания.", "Geen klantnaam om aan te maken.", "Nincs létrehozható ügyfélnév."),
    "followup.expired": ("This draft is no longer open; please type it again.", "Этот черновик уже закрыт; напишите его ещё раз.", "Dit concept is niet meer open; typ het opnieuw.", "Ez a vázlat már nem nyitott; kérem, írja be újra."),
    "followup.kind.call": ("📞 Call", "📞 Звонок", "📞 Bellen", "📞 Hívás"),
    "followup.kind.meeting": ("🤝 Meeting", "🤝 Встреча", "🤝 Afspraak", "🤝 Találkozó"),
    "followup.kind.follow_up": ("🔁 Follow-up", "🔁 Связаться", "🔁 Opvolgen", "🔁 Utánkövetés"),
    "followup.kind.payment": ("💶 Payment", "💶 Оплата", "💶 Betaling", "💶 Fizetés"),
    "followup.kind.renewal": ("📄 Renewal", "📄 Продление", "📄 Verlenging", "📄 Megújítás"),
    "followup.kind.custom": ("📝 Reminder", "📝 Напоминание", "📝 Herinnering", "📝 Emlékeztető"),
    "followup.no_client": ("no client", "без клиента", "geen klant", "ügyfél nélkül"),
    "followup.no_time": ("time?", "время?", "tijd?", "időpont?"),
    "followup.zone": ("{when} ({tz})", "{when} ({tz})", "{when} ({tz})", "{when} ({tz})"),
    "followup.weekdays": ("Monday,Tuesday,Wednesday,Thursday,Friday,Saturday,Sunday", "понедельникам,вторникам,средам,четвергам,пятницам,субботам,воскресеньям", "maandag,dinsdag,woensdag,donderdag,vrijdag,zaterdag,zondag", "hétfőn,kedden,szerdán,csütörtökön,pénteken,szombaton,vasárnap"),
    "followup.every_day": ("every day {time}", "каждый день в {time}", "elke dag om {time}", "minden nap {time}"),
    "followup.every_n_days": ("every {n} days {time}", "каждые {n} дн. в {time}", "elke {n} dagen om {time}", "{n} naponta {time}"),
    "followup.every_week": ("every {days} {time}", "по {days} в {time}", "elke {days} om {time}", "minden {days} {time}"),
    "followup.every_n_weeks": ("every {n} weeks, {days} {time}", "каждые {n} нед. по {days} в {time}", "elke {n} weken, {days} om {time}", "{n} hetente, {days} {time}"),
    "followup.every_month": ("every month on day {day} {time}", "каждый месяц {day}-го числа в {time}", "elke maand op dag {day} om {time}", "minden hónap {day}. napján {time}"),
    "followup.repeats": ("repeats ({rule}), first {when}", "повторяется ({rule}), первый раз {when}", "herhaalt ({rule}), eerst {when}", "ismétlődik ({rule}), először {when}"),
    "followup.and": (" and ", " и ", " en ", " és "),
    # questions
    "followup.q.past": ("That time is already over. Now, or a later time?", "Это время уже прошло. Сейчас или позже?", "Dat tijdstip is al voorbij. Nu, of later?", "Ez az időpont már elmúlt. Most, vagy később?"),
    "followup.q.pick": ("Which one do you mean?", "Какое из них вы имеете в виду?", "Welke bedoel je?", "Melyikre gondol?"),
    "followup.q.impossible_date": ("That date does not exist. Which day do you mean?", "Такой даты не существует. Какой день вы имеете в виду?", "Die datum bestaat niet. Welke dag bedoel je?", "Ilyen dátum nincs. Melyik napra gondol?"),
    "followup.q.no_date": ("When should I remind you? Press “Change time” and type it.", "Когда напомнить? Нажмите «Изменить время» и напишите.", "Wanneer moet ik je herinneren? Druk op “Tijd wijzigen” en typ het.", "Mikor emlékeztessem? Nyomja meg az „Időpont módosítása” gombot, és írja be."),
    "followup.q.bad_time": ("That time is not valid. Press “Change time” and type it again.", "Такого времени нет. Нажмите «Изменить время» и напишите его снова.", "Die tijd is ongeldig. Druk op “Tijd wijzigen” en typ hem opnieuw.", "Ez az időpont érvénytelen. Nyomja meg az „Időpont módosítása” gombot, és írja be újra."),
    "followup.q.time_not_honoured": ("I could not apply the time you typed. Press “Change time” and type the time again.", "Не удалось применить указанное время. Нажмите «Изменить время» и напишите время снова.", "Ik kon de getypte tijd niet toepassen. Druk op “Tijd wijzigen” en typ de tijd opnieuw.", "A beírt időpontot nem tudtam alkalmazni. Nyomja meg az „Időpont módosítása” gombot, és írja be újra."),
    "followup.q.negative_offset": ("A negative amount of time cannot be used. Press “Change time” and type the time.", "Отрицательный срок не подходит. Нажмите «Изменить время» и напишите время.", "Een negatieve termijn kan niet. Druk op “Tijd wijzigen” en typ de tijd.", "Negatív időtartam nem használható. Nyomja meg az „Időpont módosítása” gombot, és írja be az időt."),
    "followup.q.dst_gap": ("That time does not exist that night (clock change). Use the time shown?", "Этого времени в ту ночь нет (перевод часов). Использовать указанное время?", "Die tijd bestaat die nacht niet (klok verzet). De getoonde tijd gebruiken?", "Ez az időpont azon az éjszakán nem létezik (óraátállítás). A mutatott időt használjam?"),
    "followup.q.ambiguous_client": ("Which client do you mean?", "Какого клиента вы имеете в виду?", "Welke klant bedoel je?", "Melyik ügyfélre gondol?"),
    "followup.q.unknown_client": ("There is no client “{name}”. Create it, or save without a client?", "Клиента «{name}» нет. Создать его или сохранить без клиента?", "Er is geen klant “{name}”. Aanmaken, of bewaren zonder klant?", "Nincs „{name}” nevű ügyfél. Létrehozzam, vagy mentsem ügyfél nélkül?"),
    # buttons
    "followup.btn_save": ("✅ Save", "✅ Сохранить", "✅ Bewaren", "✅ Mentés"),
    "followup.btn_time": ("🕒 Change time", "🕒 Изменить время", "🕒 Tijd wijzigen", "🕒 Időpont módosítása"),
    "followup.btn_client": ("👤 Change client", "👤 Изменить клиента", "👤 Klant wijzigen", "👤 Ügyfél módosítása"),
    "followup.btn_cancel": ("✖ Cancel", "✖ Отмена", "✖ Annuleren", "✖ Mégse"),
    "followup.btn_now": ("Now", "Сейчас", "Nu", "Most"),
    "followup.btn_create": ("➕ Create client {name}", "➕ Создать клиента {name}", "➕ Klant {name} aanmaken", "➕ {name} ügyfél létrehozása"),
    "followup.btn_without": ("Without client", "Без клиента", "Zonder klant", "Ügyfél nélkül"),
    "followup.btn_log": ("📝 Log with {name}", "📝 Записать: {name}", "📝 Vastleggen bij {name}", "📝 Rögzítés: {name}"),
    "followup.btn_skip": ("Don't log", "Не записывать", "Niet vastleggen", "Ne rögzítse"),
    # outcomes
    "followup.saved": ("✅ Saved as reminder #{id}: {summary}", "✅ Сохранено, напоминание #{id}: {summary}", "✅ Bewaard als herinnering #{id}: {summary}", "✅ Mentve, emlékeztető #{id}: {summary}"),
    "followup.cancelled": ("Cancelled; nothing was saved.", "Отменено; ничего не сохранено.", "Geannuleerd; er is niets bewaard.", "Megszakítva; semmi sem lett mentve."),
    "followup.ask_time": ("Type the new time, e.g. “tomorrow 10:00”.", "Напишите новое время, например «завтра в 10:00».", "Typ de nieuwe tijd, bijv. “morgen 10:00”.", "Írja be az új időpontot, pl. „holnap 10:00”."),
    "followup.ask_client": ("Which client? Pick one or type the name.", "Какой клиент? Выберите или напишите название.", "Welke klant? Kies er een of typ de naam.", "Melyik ügyfél? Válasszon, vagy írja be a nevét."),
    "followup.forward": ("Forwarded from {sender}. Log it as a message with a client?", "Переслано от {sender}. Записать как сообщение клиента?", "Doorgestuurd van {sender}. Vastleggen als bericht bij een klant?", "Továbbítva tőle: {sender}. Rögzítsem üzenetként egy ügyfélnél?"),
    "followup.forward_unknown": ("Forwarded from {sender}. Which client is it? Type the name, or don't log it.", "Переслано от {sender}. Какой это клиент? Напишите название или не записывайте.", "Doorgestuurd van {sender}. Welke klant is het? Typ de naam, of leg niet vast.", "Továbbítva tőle: {sender}. Melyik ügyfél ez? Írja be a nevét, vagy ne rögzítse."),
    "followup.someone": ("someone", "кого-то", "iemand", "valaki"),
    "followup.forward_logged": ("📝 Logged as a message with {client} (#{id}).", "📝 Записано как сообщение клиента {client} (#{id}).", "📝 Vastgelegd als bericht bij {client} (#{id}).", "📝 Rögzítve üzenetként: {client} (#{id})."),
    "followup.forward_skipped": ("Not logged.", "Не записано.", "Niet vastgelegd.", "Nincs rögzítve."),
}  # fmt: skip

LANGS = ("en", "ru", "nl", "hu")
MESSAGES = {key: dict(zip(LANGS, values, strict=True)) for key, values in _T.items()}
