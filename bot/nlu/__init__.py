"""Natural-language follow-ups in English, Russian, Dutch and Hungarian (no Telegram here).

    from bot.nlu import FollowUpParser
    parser = FollowUpParser()          # once, at start-up (loads dateparser's data)
    reading = parser.parse("morgen om 9 uur Jansen bellen", lang="nl",
                           tz="Europe/Amsterdam", now=clock.now(), clients=clients)
    reading.due, reading.rrule, reading.client, reading.kind, reading.codes

See `model` for the result and the problem codes, docs/nlu.md for the command line.
"""

from bot.config import LANGUAGES
from bot.nlu.model import KINDS, PROBLEM_CODES, Interpretation, Problem, RelativeOffset
from bot.nlu.parser import FollowUpParser

__all__ = [
    "KINDS",
    "LANGUAGES",
    "PROBLEM_CODES",
    "FollowUpParser",
    "Interpretation",
    "Problem",
    "RelativeOffset",
]
