"""Properties that must hold for any input of a shape, not just the corpus."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from itertools import pairwise
from zoneinfo import ZoneInfo

from hypothesis import given, settings
from hypothesis import strategies as st

from bot.recurrence import occurrence_after

ZONES = ("Europe/Amsterdam", "Europe/Budapest", "Europe/Moscow", "America/New_York")
PHRASES = {
    "en": ("call {weekday}", "tomorrow at {h}:{m:02d}", "in {n} days", "{day} December",
           "{h}:{m:02d}", "next {weekday} {h}pm", "every {weekday} at {h}"),
    "ru": ("позвонить в {weekday_ru}", "завтра в {h}:{m:02d}", "через {n} дня", "{day} декабря",
           "в {h}:{m:02d}", "каждый понедельник в {h}"),
    "nl": ("{weekday_nl} bellen", "morgen om {h} uur", "over {n} dagen", "{day} december",
           "om {h}:{m:02d}", "elke vrijdag om {h}:{m:02d}"),
    "hu": ("{weekday_hu} hívás", "holnap {h} órakor", "{n} nap múlva", "december {day}-án",
           "{h}:{m:02d}-kor", "minden hétfőn {h}-kor"),
}  # fmt: skip
WEEKDAYS = {
    "weekday": "monday tuesday wednesday thursday friday saturday sunday".split(),
    "weekday_ru": "понедельник вторник среду четверг пятницу субботу воскресенье".split(),
    "weekday_nl": "maandag dinsdag woensdag donderdag vrijdag zaterdag zondag".split(),
    "weekday_hu": "hétfőn kedden szerdán csütörtökön pénteken szombaton vasárnap".split(),
}

moments = st.datetimes(min_value=datetime(2026, 1, 1), max_value=datetime(2029, 12, 31))


@settings(max_examples=150, deadline=None)
@given(
    lang=st.sampled_from(tuple(PHRASES)),
    template=st.integers(0, 5),
    zone=st.sampled_from(ZONES),
    wall=moments,
    weekday=st.integers(0, 6),
    h=st.integers(0, 23),
    m=st.integers(0, 59),
    n=st.integers(1, 40),
    day=st.integers(1, 28),
)
def test_result_is_never_in_the_past_without_saying_so(
    nlu_parser, lang, template, zone, wall, weekday, h, m, n, day
):
    words = {key: names[weekday] for key, names in WEEKDAYS.items()}
    text = PHRASES[lang][template].format(h=h, m=m, n=n, day=day, **words)
    now = wall.replace(tzinfo=ZoneInfo(zone))
    result = nlu_parser.parse(text, lang=lang, tz=zone, now=now)
    if result.due is not None:
        assert result.due > now or "past" in result.codes, (text, now, result)
        assert result.due.second == 0
        assert result.due.tzinfo is not None
    else:
        assert result.problems, (text, result)


RULES = (
    "FREQ=DAILY",
    "FREQ=WEEKLY;BYDAY=MO,TH",
    "FREQ=WEEKLY;INTERVAL=2;BYDAY=FR",
    "FREQ=MONTHLY;BYMONTHDAY=31",
    "FREQ=MONTHLY;BYMONTHDAY=-1",
    "FREQ=MONTHLY;BYDAY=1MO",
    "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29",
)


@settings(max_examples=60, deadline=None)
@given(
    rule=st.sampled_from(RULES),
    zone=st.sampled_from(ZONES[:2]),
    start=moments,
    h=st.integers(0, 23),
    m=st.sampled_from((0, 15, 30, 45)),
)
def test_recurrence_occurrences_strictly_increase(rule, zone, start, h, m):
    tz = ZoneInfo(zone)
    dtstart = start.replace(hour=h, minute=m, second=0, microsecond=0)
    after = dtstart.replace(tzinfo=tz) - timedelta(seconds=1)
    previous = None
    for _ in range(14):
        found = occurrence_after(rule, after, tz, dtstart=dtstart)
        assert found is not None
        assert previous is None or found.at > previous
        previous = after = found.at


@settings(max_examples=40, deadline=None)
@given(start=moments, zone=st.sampled_from(ZONES[:2]), h=st.integers(0, 23))
def test_monthly_on_the_31st_never_skips_a_month(start, zone, h):
    tz = ZoneInfo(zone)
    dtstart = datetime(start.year, start.month, 31 if start.month in (1, 3, 5, 7) else 1, h)
    after = dtstart.replace(tzinfo=tz) - timedelta(seconds=1)
    months = []
    for _ in range(25):
        found = occurrence_after("FREQ=MONTHLY;BYMONTHDAY=31", after, tz, dtstart=dtstart)
        months.append((found.wall.year, found.wall.month))
        assert found.wall.day == _last_day(found.wall.date())
        after = found.at
    for (y1, m1), (y2, m2) in pairwise(months):
        assert y2 * 12 + m2 == y1 * 12 + m1 + 1


def _last_day(day: date) -> int:
    return ((day.replace(day=28) + timedelta(days=4)).replace(day=1) - timedelta(days=1)).day


def _last_sunday(year: int, month: int) -> date:
    last = date(year, month, _last_day(date(year, month, 1)))
    return last - timedelta(days=(last.weekday() - 6) % 7)


@settings(max_examples=40, deadline=None)
@given(
    year=st.integers(2027, 2030),
    zone=st.sampled_from(("Europe/Amsterdam", "Europe/Budapest")),
    minute=st.integers(0, 59),
    lang=st.sampled_from(("en", "nl", "hu", "ru")),
)
def test_dst_gap_moves_forward_and_fold_takes_first_instant(nlu_parser, year, zone, minute, lang):
    tz = ZoneInfo(zone)
    now = datetime(year, 1, 10, 10, 0, tzinfo=tz)
    gap_day, fold_day = _last_sunday(year, 3), _last_sunday(year, 10)

    gap = nlu_parser.parse(f"{gap_day.isoformat()} 02:{minute:02d}", lang=lang, tz=zone, now=now)
    assert "dst_gap" in gap.codes
    assert gap.due is not None
    assert (gap.due.hour, gap.due.minute) == (3, minute)
    assert gap.due.utcoffset() == timedelta(hours=2)

    fold = nlu_parser.parse(f"{fold_day.isoformat()} 02:{minute:02d}", lang=lang, tz=zone, now=now)
    assert "ambiguous_time" in fold.codes
    assert fold.due.utcoffset() == timedelta(hours=2)  # the first of the two instants
    first, second = fold.problem("ambiguous_time").alternatives
    assert second.astimezone(UTC) - first.astimezone(UTC) == timedelta(hours=1)


@settings(max_examples=200, deadline=None)
@given(
    text=st.text(
        alphabet=st.sampled_from(list("0123456789 :.-/,'aeimnorstuвдзнорсяáéőű\u200bAM")),
        max_size=40,
    ),
    lang=st.sampled_from(tuple(PHRASES)),
    zone=st.sampled_from(ZONES),
    wall=moments,
)
def test_any_text_gives_an_interpretation_without_raising(nlu_parser, text, lang, zone, wall):
    """Digits, separators and letters in any order: never an exception, never a naive or
    silently past due."""
    now = wall.replace(tzinfo=ZoneInfo(zone))
    result = nlu_parser.parse(text, lang=lang, tz=zone, now=now)
    assert result.due is None or result.due > now or "past" in result.codes
    assert result.due is not None or result.problems or result.offset is not None
