"""The text the parser matches against, and the spans it has used up.

Matching runs on a lower-cased, accent-folded copy of the message that keeps every offset
("Hétfőn 10-kor" -> "hetfon 10-kor"), so patterns are written without accents and a span
found in the copy cuts the same characters from the original for the task text.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from bot.names import clean, fold

_QUOTES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'", "`": "'", "\u2013": "-"})


class Text:
    """A message prepared for matching: `original` (NFKC), `low` (lower-cased, ё -> е) and
    `folded` (also accent-folded), all the same length, plus the spans already consumed."""

    def __init__(self, message: str) -> None:
        original = clean(message).translate(_QUOTES).replace("\u2014", "-")
        low = original.lower().replace("ё", "е")
        if len(low) != len(original):  # a rare letter whose lower case is longer
            original = low
        self.original = original
        self.low = low
        self.folded = fold(low)
        self._used = bytearray(len(original))

    def free(self, start: int, end: int) -> bool:
        return self._used.find(1, start, end) < 0

    def used_mask(self) -> bytearray:
        """A copy of the used flags, one byte per character (1: consumed)."""
        return bytearray(self._used)

    def take(self, start: int, end: int) -> None:
        self._used[start:end] = b"\x01" * (end - start)

    def finditer(self, pattern: re.Pattern[str], *, accents: bool = False) -> Iterator[re.Match]:
        """Matches in unused text only (on `low` when accents matter, else on `folded`)."""
        source = self.low if accents else self.folded
        for match in pattern.finditer(source):
            if match.end() > match.start() and self.free(match.start(), match.end()):
                yield match

    def search(self, pattern: re.Pattern[str], *, accents: bool = False) -> re.Match | None:
        return next(self.finditer(pattern, accents=accents), None)

    def rest(self) -> str:
        """The original text with used spans removed and spaces tidied."""
        kept = "".join(
            " " if used else char for char, used in zip(self.original, self._used, strict=True)
        )
        kept = re.sub(r"\s+([,.;:!?])", r"\1", kept)
        kept = re.sub(r"\s{2,}", " ", kept).strip(" ,;:-")
        return kept
