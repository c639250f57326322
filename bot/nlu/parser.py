"""`FollowUpParser`: one message in, one `Interpretation` out.

Pipeline (DESIGN.md section 5): normalise -> client -> recurrence -> offset ("30 days
before") -> relative amount ("in 3 days") -> calendar date -> day word ("tomorrow") ->
weekday -> clock time and part of day -> dateparser for what is left -> resolve in the
user's zone -> validate -> kind and task text. Each step consumes the words it used, so
later steps never read them twice ("в 2" after "через 3 дня" is a time, not a date).

Construct the parser once: `__init__` loads dateparser's data for the four languages and
compiles every pattern, so the first `parse` is as fast as the others.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from zoneinfo import ZoneInfo

import dateparser
from dateparser.search import search_dates

from bot.config import LANGUAGES
from bot.names import ClientIndex, ClientRef, index_for
from bot.nlu import dates, kinds, recurrence_words, relative, task, times, unread, weekdays
from bot.nlu.clients import find_client, unknown_name
from bot.nlu.model import Interpretation, Problem
from bot.nlu.normalise import Text
from bot.nlu.resolve import Reading

_PRELOAD = {
    "en": "tomorrow at 10:00 March 1",
    "ru": "завтра в 10:00 1 марта",
    "nl": "morgen om 10:00 1 maart",
    "hu": "holnap 10:00 március 1",
}


class FollowUpParser:
    """Reads follow-ups in English, Russian, Dutch and Hungarian. Thread-safe, no state
    between calls."""

    def __init__(self, languages: Sequence[str] = LANGUAGES) -> None:
        self.languages = tuple(languages)
        base = datetime(2026, 1, 1, 12, 0)
        for lang in self.languages:
            dateparser.parse(_PRELOAD[lang], languages=[lang], settings={"RELATIVE_BASE": base})
            search_dates(_PRELOAD[lang], languages=[lang], settings={"RELATIVE_BASE": base})
            dates.patterns(lang)
            times.patterns(lang)
            weekdays.weekday_re(lang)
            relative.relative_re(lang)
            relative.offset_re(lang)
            recurrence_words.find_recurrence(Text("x"), lang)
            unread.patterns(lang)
            kinds.detect_kind("x", lang, has_client=False)
            kinds.filler_spans("x", lang)
            self.parse(
                "x 10:00", lang=lang, tz="UTC", now=datetime(2026, 1, 1, tzinfo=ZoneInfo("UTC"))
            )

    def parse(
        self,
        text: str,
        *,
        lang: str,
        tz: str,
        now: datetime,
        working_minute: int = 540,
        clients: Sequence[ClientRef] | ClientIndex = (),
        part_of_day: dict[str, int] | None = None,
    ) -> Interpretation:
        """Interpret one message typed at `now` (aware) by a user in zone `tz`.

        `working_minute` is the time given to a date typed without one (minutes after
        midnight, 540 = 09:00); `part_of_day` overrides the default minutes of "morning"
        (540), "afternoon" (840), "evening" (1080), "noon" (720) and "night" (1260).
        Raises ValueError for a language not loaded, an unknown zone or a naive `now`.
        """
        if lang not in self.languages:
            raise ValueError(f"language {lang!r} is not loaded")
        if now.tzinfo is None:
            raise ValueError("now must be timezone-aware")
        zone = ZoneInfo(tz)
        now = now.astimezone(zone)
        message = Text(text)
        found = find_client(message, index_for(clients), lang)
        state = Reading(
            message, lang, zone, now, working_minute, {**times.DEFAULT_PARTS, **(part_of_day or {})}
        )
        state.read()
        unknown = None
        if found.client is None and not found.candidates:
            unknown = unknown_name(message)  # a company-looking name: taken, and asked about
            if unknown is not None:
                message.take(unknown[1], unknown[2])
        problems = list(state.problems)
        if found.candidates or unknown is not None:
            problems.append(Problem("ambiguous_client" if found.candidates else "unknown_client"))
        kind_source = _blanked(message.folded, found.span)
        problems += _take_rest(message, kind_source, lang, state.due)
        kind = kinds.detect_kind(
            kind_source, lang, has_client=bool(found.client or found.candidates or unknown)
        )
        typed_name = found.text if found.text is not None else (unknown[0] if unknown else None)
        return Interpretation(
            due=state.due,
            rrule=state.rrule,
            offset=state.offset,
            client=found.client,
            candidates=found.candidates,
            client_text=typed_name,
            kind=kind,
            task=task.task_text(
                message, lang, keep=state.kept + ([unknown[1:]] if unknown else [])
            ),
            problems=tuple(_unique(problems)),
            date_text=state.date_text(),
            typed_zone=state.typed_zone,
            proposed_name=task.proposed_name(unknown[0], lang) if unknown else None,
        )


def _blanked(folded: str, span: tuple[int, int] | None) -> str:
    """The text with the client's name blanked out, so its words ("Call Center BV") do not
    decide the kind."""
    if span is None:
        return folded
    start, end = span
    return folded[:start] + " " * (end - start) + folded[end:]


def _take_rest(message: Text, kind_source: str, lang: str, due: datetime | None) -> list[Problem]:
    """Take the filler words and the unread time-like spans out of the task; each unread span
    is a question on the card."""
    for start, end in kinds.filler_spans(kind_source, lang):
        if message.free(start, end):
            message.take(start, end)
    problems = []
    for start, end in unread.unread_spans(message, lang):
        span = message.original[start:end].strip()
        problems.append(Problem("unread_time", unread.guesses(span, due), span))
        message.take(start, end)  # asked about on the card, not part of the task
    return problems


def _unique(problems: list[Problem]) -> list[Problem]:
    seen: set[str] = set()
    kept = []
    for problem in problems:
        if problem.code not in seen:
            seen.add(problem.code)
            kept.append(problem)
    return kept
