"""The stages of reading a date, each alone (issue 14, point 4): find spans -> pick time ->
pick day -> apply offset -> validate -> report unread; plus the task text and the name
proposed for a new client."""

from __future__ import annotations

from datetime import date, datetime, time
from zoneinfo import ZoneInfo

import pytest

from bot.nlu import idioms, kinds, positions, relative, times, zones
from bot.nlu.normalise import Text
from bot.nlu.resolve import Reading, apply_offset, pick_time
from bot.nlu.spans import find_spans
from bot.nlu.task import proposed_name, task_text
from bot.nlu.unread import unread_spans

TUESDAY = date(2026, 11, 24)


def spans_of(text: str, lang: str = "en"):
    return find_spans(Text(text), lang, us_order=False, today=TUESDAY)


class TestFindSpans:
    def test_longer_forms_go_first(self):
        found = spans_of("last friday of december")
        assert found.position.day == date(2026, 12, 25)
        assert found.named_days == []  # "last friday" was not read a second time

    def test_week_from_a_weekday_is_not_in_a_week(self):
        found = spans_of("a week from friday")
        assert found.position.day == date(2026, 12, 4)
        assert found.amount is None

    def test_hour_before_a_part_of_day(self):
        found = spans_of("8 tonight")
        assert (found.clock.hour, found.part_name) == (8, "evening")

    def test_glued_dutch_part_of_day(self):
        found = spans_of("zaterdagavond", "nl")
        assert found.named_days[0].weekday == 5 and found.part_name == "evening"


class TestPickTime:
    def test_clock_part_and_working_time(self):
        assert pick_time(spans_of("at 3"), 540, times.DEFAULT_PARTS) == (time(15, 0), 0)
        assert pick_time(spans_of("tomorrow"), 540, times.DEFAULT_PARTS) == (time(9, 0), 0)
        assert pick_time(spans_of("this evening"), 540, times.DEFAULT_PARTS) == (time(18), 0)

    def test_twelve_tonight_is_the_midnight_that_ends_the_day(self):
        assert pick_time(spans_of("at 12 tonight"), 540, times.DEFAULT_PARTS) == (time(0), 1)

    def test_out_of_range_is_none(self):
        assert pick_time(spans_of("25:00"), 540, times.DEFAULT_PARTS) is None


def test_apply_offset_moves_the_date_and_says_so():
    offset = relative.Amount(0, 1, 30, "days")
    day, said = apply_offset(date(2027, 3, 1), offset)
    assert day == date(2027, 1, 30) and said.days == -30 and said.anchor == "date"
    assert apply_offset(date(2027, 3, 1), None) == (date(2027, 3, 1), None)


class TestPickDayAndValidate:
    def read(self, text: str, lang: str = "en", tz: str = "Europe/London") -> Reading:
        zone = ZoneInfo(tz)
        state = Reading(Text(text), lang, zone, datetime(2026, 11, 24, 10, tzinfo=zone), 540,
                        dict(times.DEFAULT_PARTS))  # fmt: skip
        state.read()
        return state

    def test_past_weekday_is_reported_not_replaced(self):
        state = self.read("vorige dinsdag", "nl", "Europe/Amsterdam")
        assert state.due.date() == date(2026, 11, 17)
        assert [p.code for p in state.problems] == ["past"]

    def test_zone_typed_is_converted(self):
        state = self.read("friday 4pm CET")
        assert state.due.isoformat() == "2026-11-27T15:00:00+00:00"
        assert state.typed_zone == "16:00 CET"

    def test_vague_month_part_asks(self):
        state = self.read("end of january")
        assert state.due is None
        (problem,) = state.problems
        assert problem.code == "unread_time"
        assert [a.date() for a in problem.alternatives] == [date(2027, 1, 25), date(2027, 1, 31)]


@pytest.mark.parametrize(
    ("lang", "text", "hour", "minute"),
    [
        ("en", "twenty to 6", 5, 40),
        ("en", "half 3", 3, 30),
        ("en", "quarter to 1", 12, 45),
        ("en", "1530", 15, 30),
        ("en", "3ish", 3, 0),
        ("ru", "полтретьего", 2, 30),
        ("ru", "без четверти пять", 4, 45),
        ("ru", "четверть шестого", 5, 15),
        ("ru", "десять тридцать", 10, 30),
        ("ru", "в 10 ч 15 мин", 10, 15),
        ("nl", "tien voor half 3", 2, 20),
        ("nl", "vijf over tien", 10, 5),
        ("nl", "10u30", 10, 30),
        ("hu", "negyed 4", 3, 15),
        ("hu", "háromnegyed 5", 4, 45),
        ("hu", "tíz harminckor", 10, 30),
    ],
)
def test_clock_idioms(lang, text, hour, minute):
    hit = idioms.find_idiom(Text(text), lang)
    assert (hit.hour, hit.minute) == (hour, minute)


def test_a_year_is_not_a_time():
    assert idioms.find_idiom(Text("invoice 2026"), "en") is None
    assert idioms.find_idiom(Text("at 2030"), "en").hour == 20


@pytest.mark.parametrize(
    ("lang", "text", "day"),
    [
        ("ru", "в первый понедельник декабря", date(2026, 12, 7)),
        ("nl", "laatste dag van januari", date(2027, 1, 31)),
        ("hu", "december utolsó péntekén", date(2026, 12, 25)),
        ("en", "the 20th of next month", date(2026, 12, 20)),
        ("en", "tuesday after next", date(2026, 12, 8)),
        ("en", "2 mondays from now", date(2026, 12, 7)),
        ("hu", "jövő utáni kedden", date(2026, 12, 8)),
    ],
)
def test_positions(lang, text, day):
    assert positions.find_position(Text(text), lang, TUESDAY).day == day


@pytest.mark.parametrize(
    ("lang", "text", "offset_hours"),
    [("en", "9 am New York time", -5), ("ru", "в 15:00 по Москве", 3), ("en", "10:00 MSK", 3),
     ("hu", "londoni idő szerint", 0), ("nl", "Londense tijd", 0)],
)  # fmt: skip
def test_zones(lang, text, offset_hours):
    hit = zones.find_zone(Text(text), lang)
    moment = datetime(2026, 11, 24, 12, tzinfo=hit.zone)
    assert moment.utcoffset().total_seconds() == offset_hours * 3600


@pytest.mark.parametrize(
    ("lang", "text", "kind"),
    [
        ("en", "call Acme about the invoice", "payment"),
        ("en", "update the CRM after the Globex call", "custom"),
        ("en", "coffee with Initech", "meeting"),
        ("en", "send weekly sync notes to Stark", "follow_up"),
        ("ru", "позвонить насчёт дебиторки", "payment"),
        ("ru", "подготовить отчёт", "custom"),
        ("ru", "съездить к Петрову", "meeting"),
        ("nl", "contract loopt af", "renewal"),
        ("nl", "kerstpakket bestellen", "custom"),
        ("nl", "lunchafspraak met Meijer", "meeting"),
        ("hu", "utalás ellenőrzése", "payment"),
        ("hu", "jelentést készíteni", "custom"),
        ("hu", "ebéd a Pannonnal", "meeting"),
        ("hu", "írni a Mátrának", "follow_up"),
        ("en", "send Acme the updated quote", "follow_up"),
        ("en", "thank Acme for the order", "follow_up"),
        ("en", "QBR with Acme", "meeting"),
        ("ru", "у Ромашки заканчивается подписка", "renewal"),
        ("ru", "поблагодарить Ромашку за заказ", "follow_up"),
        ("nl", "etentje met De Vries", "meeting"),
        ("hu", "megköszönni a Mátrának a rendelést", "follow_up"),
        ("hu", "bemutató a Kovács Kft-nél", "meeting"),
    ],
)
def test_kinds_topic_beats_channel(lang, text, kind):
    from bot.names import fold

    assert kinds.detect_kind(fold(text.lower()), lang, has_client=True) == kind


class TestTaskText:
    @staticmethod
    def cut(text: str, lang: str, *parts: str) -> str:
        message = Text(text)
        for part in parts:
            start = text.index(part)
            message.take(start, start + len(part))
        return task_text(message, lang)

    def test_connectors_of_cut_parts_go_with_them(self):
        assert self.cut("созвон с Альфа-Трейд завтра", "ru", "Альфа-Трейд", "завтра") == "созвон"
        assert self.cut("afspraak met Jansen over de offerte", "nl", "Jansen") == (
            "afspraak over de offerte"
        )
        assert self.cut("hívjam fel a Minta Bt-t", "hu", "Minta Bt") == "hívjam fel"
        assert self.cut("találkozó a Kovács Kft-szal", "hu", "Kovács Kft") == "találkozó"
        assert self.cut("call Acme on friday", "en", "Acme", "friday") == "call"

    def test_nothing_cut_keeps_everything(self):
        assert self.cut("talk about the roadmap with", "en") == "talk about the roadmap with"


@pytest.mark.parametrize(
    ("lang", "typed", "name"),
    [
        ("hu", "a Minta Bt-t", "Minta Bt"),
        ("hu", "Tisza Trade-et", "Tisza Trade"),
        ("hu", "Horváthtal", "Horváth"),
        ("hu", "Pannonnal", "Pannon"),
        ("hu", "Mátrának", "Mátra"),
        ("hu", "Kovácsot", "Kovács"),
        ("hu", "Szabó Bt.-nek", "Szabó Bt."),
        ("ru", "Ромашке", "Ромашка"),
        ("ru", "Вектору", "Вектор"),
        ("ru", "Иванову", "Иванов"),
        ("ru", "Рога и Копыта", "Рога и Копыта"),
        ("ru", "«Лотосу»", "Лотосу"),
        ("en", "Contoso Ltd", "Contoso Ltd"),
    ],
)
def test_proposed_name_without_case_ending(lang, typed, name):
    assert proposed_name(typed, lang) == name


def test_unread_spans_report_what_is_left():
    text = Text("call Acme friday 10.30 or 11.30")
    text.take(5, 21)  # "Acme friday 10.30" as if read
    assert [text.original[s:e] for s, e in unread_spans(text, "en")] == ["11.30"]
