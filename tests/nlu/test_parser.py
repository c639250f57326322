"""FollowUpParser behaviour beyond the corpus: the API, the measured dateparser failures,
alternatives offered as buttons, configuration and speed of the first parse."""

from __future__ import annotations

import time
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from bot.names import ClientIndex, ClientRef
from bot.nlu import FollowUpParser, RelativeOffset

AMS = "Europe/Amsterdam"
NOW = datetime(2026, 11, 24, 10, 0, tzinfo=ZoneInfo(AMS))  # a Tuesday


def parse(parser, text, lang="en", **kw):
    return parser.parse(text, lang=lang, tz=kw.pop("tz", AMS), now=kw.pop("now", NOW), **kw)


def local(text: str) -> str:
    return f"2026-{text}" if text[:2] in ("11", "12") else f"2027-{text}"


class TestMeasuredDateparserFailures:
    """Each phrase plain dateparser gets wrong (DESIGN.md section 5)."""

    @pytest.mark.parametrize(
        ("lang", "text", "due"),
        [
            ("nl", "morgen om 9 uur", "11-25T09:00"),
            ("hu", "holnap 10 órakor", "11-25T10:00"),
            ("nl", "maandag om 9 uur", "11-30T09:00"),
            ("en", "next friday", "12-04T09:00"),
            ("en", "friday", "11-27T09:00"),
            ("ru", "в 2", "11-24T14:00"),
        ],
    )
    def test_reads_what_a_person_means(self, nlu_parser, lang, text, due):
        result = parse(nlu_parser, text, lang)
        assert result.due is not None
        assert result.due.strftime("%m-%dT%H:%M") == due
        assert result.problems == ()

    def test_31_april_is_impossible_not_the_year_2031(self, nlu_parser):
        result = parse(nlu_parser, "31 April")
        assert result.due is None
        problem = result.problem("impossible_date")
        assert [a.strftime("%Y-%m-%d") for a in problem.alternatives] == [
            "2027-04-30",
            "2027-05-01",
        ]

    def test_tomorrow_25_00_reports_the_time_instead_of_dropping_it(self, nlu_parser):
        result = parse(nlu_parser, "tomorrow 25:00")
        assert result.due is None
        assert result.codes == ("bad_time",)

    def test_in_minus_3_days_is_refused(self, nlu_parser):
        assert parse(nlu_parser, "in -3 days").codes == ("negative_offset",)

    def test_me_is_not_a_date(self, nlu_parser):
        result = parse(nlu_parser, "remind me to call me")
        assert result.due is None
        assert result.codes == ("no_date",)


class TestAlternatives:
    def test_past_time_today_offers_the_same_time_tomorrow(self, nlu_parser):
        result = parse(nlu_parser, "today 8:00 call Acme")
        (alternative,) = result.problem("past").alternatives
        assert alternative.isoformat() == "2026-11-25T08:00:00+01:00"

    def test_weekday_and_date_that_disagree_offer_both(self, nlu_parser):
        result = parse(nlu_parser, "monday 3 December")
        dates = [a.date().isoformat() for a in result.problem("day_mismatch").alternatives]
        assert dates == ["2026-12-03", "2026-12-07"]

    def test_tomorrow_after_midnight_offers_today_or_tomorrow(self, nlu_parser):
        now = datetime(2026, 11, 24, 0, 30, tzinfo=ZoneInfo(AMS))
        result = parse(nlu_parser, "tomorrow 15:00 call Acme", now=now)
        today, tomorrow = result.problem("ambiguous_day").alternatives
        assert (today.day, tomorrow.day, today.hour) == (24, 25, 15)
        assert result.due == tomorrow

    def test_todays_weekday_with_a_time_still_ahead_is_asked(self, nlu_parser):
        result = parse(nlu_parser, "call Acme tuesday 15:00")
        today, next_week = result.problem("ambiguous_day").alternatives
        assert today.isoformat() == "2026-11-24T15:00:00+01:00"
        assert next_week == result.due
        assert next_week.isoformat() == "2026-12-01T15:00:00+01:00"

    def test_dst_gap_moves_forward_and_says_so(self, nlu_parser):
        now = datetime(2027, 3, 24, 10, tzinfo=ZoneInfo(AMS))
        result = parse(nlu_parser, "zondag om 02:30 bellen", "nl", now=now)
        assert result.due.isoformat() == "2027-03-28T03:30:00+02:00"
        assert result.codes == ("dst_gap",)


class TestResult:
    def test_task_client_kind_and_date_text(self, nlu_parser):
        clients = [ClientRef(7, "Acme GmbH")]
        result = parse(
            nlu_parser, "remind me to call Acme tuesday 10:00 about the renewal", clients=clients
        )
        assert result.client == ClientRef(7, "Acme GmbH")
        assert result.client_text == "Acme"
        assert result.kind == "renewal"  # topic beats channel (issue 14): a renewal call
        assert result.task == "call about the renewal"
        assert result.date_text == "tuesday 10:00"

    def test_unknown_client_keeps_the_typed_name(self, nlu_parser):
        result = parse(nlu_parser, "call Contoso Ltd tomorrow", clients=[ClientRef(1, "Acme")])
        assert result.client is None
        assert result.client_text == "Contoso Ltd"
        assert result.codes == ("unknown_client",)

    def test_ambiguous_client_lists_candidates(self, nlu_parser):
        index = ClientIndex([ClientRef(1, "Acme Logistics"), ClientRef(2, "Acme Consulting")])
        result = parse(nlu_parser, "call Acme tomorrow", clients=index)
        assert result.client is None
        assert {c.id for c in result.candidates} == {1, 2}
        assert "ambiguous_client" in result.codes

    def test_offset_without_a_date_names_the_anchor(self, nlu_parser):
        clients = [ClientRef(1, "Acme")]
        result = parse(nlu_parser, "30 days before the contract end call Acme", clients=clients)
        assert result.due is None
        assert result.offset == RelativeOffset("contract_end", -30)
        assert result.problems == ()

    def test_recurrence_carries_its_first_occurrence(self, nlu_parser):
        result = parse(nlu_parser, "monthly on the 31st send the invoice")
        assert result.rrule == "FREQ=MONTHLY;BYMONTHDAY=31"
        assert result.due.isoformat() == "2026-11-30T09:00:00+01:00"


class TestConfiguration:
    def test_working_minute_is_the_time_of_a_bare_date(self, nlu_parser):
        result = parse(nlu_parser, "tomorrow", working_minute=8 * 60 + 30)
        assert result.due.strftime("%H:%M") == "08:30"

    def test_parts_of_day_are_configurable(self, nlu_parser):
        result = parse(nlu_parser, "tomorrow evening", part_of_day={"evening": 19 * 60 + 30})
        assert result.due.strftime("%H:%M") == "19:30"

    def test_naive_now_and_unknown_language_are_refused(self, nlu_parser):
        with pytest.raises(ValueError, match="aware"):
            nlu_parser.parse("x", lang="en", tz=AMS, now=datetime(2026, 1, 1))
        with pytest.raises(ValueError, match="not loaded"):
            parse(nlu_parser, "x", "de")


def test_first_parse_after_construction_is_fast():
    """Construction loads dateparser's data, so the first parse needs no loading."""
    parser = FollowUpParser()
    started = time.perf_counter()
    parser.parse("holnap 10:00 hívjam fel a Kovács Kft-t", lang="hu", tz="Europe/Budapest", now=NOW)
    assert time.perf_counter() - started < 0.05


@pytest.mark.parametrize(
    "text",
    [
        "1 2 3 4 5 6 7 8 9 10 11 12 " * 80,
        "1.2.3.4.5.6.7.8.9 " * 100,
        "Thanks for the call, we will review the proposal with the team. " * 30,
    ],
)
def test_long_or_number_heavy_text_stays_fast(nlu_parser, text):
    """A pasted message is parsed in milliseconds, not seconds (no dateparser search)."""
    started = time.perf_counter()
    parse(nlu_parser, text)
    assert time.perf_counter() - started < 0.2
