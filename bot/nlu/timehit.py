"""A clock time found in text, before the part of day or the afternoon rule is applied.

Its own module because both finders make it: `times` (for "10:00", "at 3") and `idioms`
(for "half past 3"), and `times` uses `idioms`, so neither can own it without a circle.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class TimeHit:
    start: int
    end: int
    hour: int
    minute: int
    meridiem: str | None  # "am" / "pm" when typed
    explicit_24h: bool  # "02:00": a leading zero means the night, not the afternoon
