"""The one reader of dates typed outside a follow-up (bot/services/dates.py), unit-tested
with the real parser at Tue 2026-11-24 10:00 in Amsterdam."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from bot.clock import FakeClock
from bot.errors import InvalidInput
from bot.services.dates import DateProblem, DateReader, shared_parser
from storage.users import User

NOW = datetime(2026, 11, 24, 9, 0, tzinfo=UTC)


def user(lang: str = "en", tz: str = "Europe/Amsterdam") -> User:
    return User(1, "U", None, "manager", lang, tz, 540, None, None, None, None, True, False)


@pytest.fixture(scope="module")
def reader() -> DateReader:
    return DateReader(FakeClock(NOW), shared_parser)


class TestRead:
    @pytest.mark.parametrize(
        ("lang", "typed", "expected"),
        [
            ("en", "friday 11:00", "2026-11-27T11:00:00+01:00"),
            ("en", "30 April 2027", "2027-04-30T09:00:00+02:00"),
            ("nl", "vrijdag", "2026-11-27T09:00:00+01:00"),
            ("hu", "jövő hét kedd", "2026-12-01T09:00:00+01:00"),
            ("ru", "через неделю", "2026-12-01T09:00:00+01:00"),
            ("en", "2026-12-15", "2026-12-15T09:00:00+01:00"),
        ],
    )
    def test_the_forms_a_follow_up_takes_are_read_everywhere(self, reader, lang, typed, expected):
        assert reader.read(user(lang), typed).due.isoformat() == expected

    def test_an_impossible_day_is_named_with_the_nearest_days(self, reader):
        with pytest.raises(DateProblem) as caught:
            reader.read(user("ru"), "31 апреля 2027", day=True)
        assert caught.value.key == "date.q.impossible_day"
        assert caught.value.params["date"] == "31 апреля"
        assert [m.date().isoformat() for m in caught.value.alternatives] == [
            "2027-04-30",
            "2027-05-01",
        ]

    def test_today_is_not_a_past_day_but_yesterday_is(self, reader):
        assert reader.read(user(), "today", day=True).day.isoformat() == "2026-11-24"
        with pytest.raises(DateProblem) as caught:
            reader.read(user(), "yesterday", day=True)
        assert caught.value.code == "past_day"
        assert reader.read(user(), "yesterday", day=True, past_ok=True).day.isoformat() == (
            "2026-11-23"
        )

    def test_no_date_says_so(self, reader):
        with pytest.raises(DateProblem) as caught:
            reader.read(user(), "whenever")
        assert caught.value.code == "no_date"

    @pytest.mark.parametrize("typed", ["until friday", "по пятницу", "friday"])
    def test_alone_takes_a_date_with_a_connector_word(self, reader, typed):
        lang = "ru" if typed.startswith("по") else "en"
        assert reader.read(user(lang), typed, alone=True).day.isoformat() == "2026-11-27"

    def test_alone_refuses_a_follow_up_with_a_plain_invalid_input(self, reader):
        """Not a DateProblem: a step router may hand the text on as a follow-up."""
        with pytest.raises(InvalidInput) as caught:
            reader.read(user(), "call Acme tomorrow at 10", alone=True)
        assert not isinstance(caught.value, DateProblem)
        assert caught.value.key == "date.not_alone"

    def test_split_finds_the_date_before_the_name(self, reader):
        assert reader.split(user(), "Globex ends 31 april 2027 notice 30") == (
            "Globex ends",
            "31 april 2027",
            "notice 30",
        )
