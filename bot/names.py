"""Client names: the match key stored beside each client, fuzzy lookup, and mentions in a sentence.

Shared by the clients feature (which stores `name_key(name)` in `clients.name_key` and looks
clients up with `match_clients`) and the follow-up parser (which asks a `ClientIndex` which
client a sentence mentions, even in an inflected form: "Ромашке" for "Ромашка", "a Kovács
Kft-t" for "Kovács Kft.", "Globex's" for "Globex").

The key: NFKC, casefold, "ё" read as "е", zero-width and bidi control characters removed,
apostrophes and dots dropped ("B.V." -> "bv"), any other punctuation a space, spaces
collapsed, legal-form words ignored at the end ("GmbH", "Kft.", "B.V.", "LLC" ...) and, for
the Russian forms that are written first ("ООО «Ромашка»"), at the start. Diacritics stay in
the key; matching additionally compares an accent-folded form so "Kovacs" finds "Kovács".

Speed: build a `ClientIndex` once per client list (`index_for` caches the last few); a
lookup against 10,000 clients then takes a few milliseconds.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz import fuzz, process
from rapidfuzz.distance import OSA

_INVISIBLE = re.compile("[\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u206f\ufeff]")
_DROP = re.compile(r"['\u2018\u2019\u02bc`\u00b4.]")
_SPACE = re.compile(r"[\W_]+")

LEGAL_SUFFIXES = frozenset(
    """gmbh ag bv nv kft zrt nyrt bt kkt ооо оао зао пао ао ип llc llp ltd inc corp co kg
    sa sas sarl srl spa oy ab plc vof cv ev se as oü""".split()
)
LEADING_LEGAL = frozenset("ооо оао зао пао ао ип".split())
_CONNECTORS = frozenset({"und", "and", "en", "és", "и"})

# Accent folding for Latin letters only (Cyrillic й must stay й).
_FOLD = {
    code: unicodedata.normalize("NFD", chr(code))[0]
    for code in range(0xC0, 0x250)
    if unicodedata.normalize("NFD", chr(code))[0].isascii()
    and len(unicodedata.normalize("NFD", chr(code))) > 1
}
_FOLD[ord("ё")] = "е"

# Endings a name takes in a sentence, per language (accent-folded). Hungarian also
# assimilates "-val/-vel" to the last consonant ("Kovács" -> "Kováccsal").
SUFFIXES = {
    "ru": frozenset(
        """а я у ю е ы и ой ей ою ею ом ем ам ям ах ях ами ями ого его ому ему ым им
        ую ая ый ий ых их ов ев""".split()
    ),
    "hu": frozenset(
        """t ot et at ut nak nek val vel nal nel hoz hez tol rol ra re ba be ban ben bol
        on en n ert ig kent e ek eknek eket ek ekkel s""".split()
    ),
    "en": frozenset({"s", "es"}),
    "nl": frozenset({"s"}),
}
_HU_ASSIMILATED = re.compile(r"(?:[bcdfghjklmnpqrstvwxyz]{1,2})(?:al|el)")
_STEM_VOWELS = frozenset("аяоеьйыиae")
TOKEN = re.compile(r"\w(?:\.\w)+\.?|\w+")


def clean(text: str) -> str:
    """NFKC with invisible characters removed: the first step of every comparison."""
    return _INVISIBLE.sub("", unicodedata.normalize("NFKC", text))


def fold(text: str) -> str:
    """Accent-folded form used for matching ("kovács" -> "kovacs"); Cyrillic untouched."""
    return text.translate(_FOLD)


def _words(name: str) -> list[str]:
    text = clean(name).casefold().replace("ё", "е")
    return _SPACE.sub(" ", _DROP.sub("", text)).split()


def _strip_legal(words: list[str]) -> tuple[list[str], list[str]]:
    """Return (core words, legal words). Never strips a name down to nothing."""
    core, legal = list(words), list[str]()
    while len(core) > 1 and (core[-1] in LEGAL_SUFFIXES or core[-1] in _CONNECTORS):
        legal.insert(0, core.pop())
    while len(core) > 1 and core[0] in LEADING_LEGAL:
        legal.append(core.pop(0))
    return core, [word for word in legal if word not in _CONNECTORS]


def name_key(name: str) -> str:
    """The comparison key of a client name: "ACME  GmbH" and "acme" both give "acme"."""
    return " ".join(_strip_legal(_words(name))[0])


@dataclass(frozen=True, slots=True)
class ClientRef:
    id: int
    name: str


@dataclass(frozen=True, slots=True)
class Mention:
    """Where a sentence names a client: `start:end` covers the words (with legal form and
    case ending), `clients` the best matches (several when ambiguous), `score` 0-100."""

    start: int
    end: int
    clients: tuple[ClientRef, ...]
    score: float


@dataclass(frozen=True, slots=True)
class _Token:
    start: int
    end: int
    text: str  # folded, dots removed


def tokenize(text: str) -> list[_Token]:
    """Words of a lower-cased sentence with their offsets ("b.v." is one word "bv")."""
    return [
        _Token(m.start(), m.end(), fold(m.group().replace(".", ""))) for m in TOKEN.finditer(text)
    ]


def _token_quality(want: str, got: str, suffixes: frozenset[str]) -> int | None:
    """0 exact, 1 inflected, 2 one typo away; None when `got` is not this name word."""
    if got == want:
        return 0
    if len(want) >= 3 and got.startswith(want):
        rest = got[len(want) :]
        if rest in suffixes or (suffixes is SUFFIXES["hu"] and _HU_ASSIMILATED.fullmatch(rest)):
            return 1
    stem = want[:-1]
    if (
        len(want) >= 4
        and want[-1] in _STEM_VOWELS
        and got.startswith(stem)
        and got[len(stem) :] in suffixes
    ):
        return 1
    if len(want) >= 4 and abs(len(got) - len(want)) <= 2:
        limit = 2 if len(want) >= 9 else 1
        if OSA.distance(want, got, score_cutoff=limit) <= limit:
            return 2
    if len(want) >= 5:  # a typo and a case ending: "Ромащке" for "Ромашка"
        stem = want[:-1] if want[-1] in _STEM_VOWELS else want
        for suffix in suffixes:
            if got.endswith(suffix) and len(got) - len(suffix) >= 4:
                bare = got[: -len(suffix)]
                if OSA.distance(stem, bare, score_cutoff=1) <= 1:
                    return 2
    return None


def _prefix(word: str) -> str:
    return word[:3]


class ClientIndex:
    """A client list prepared for lookups: keys, folded keys and a first-word index."""

    def __init__(self, clients: Iterable[ClientRef]) -> None:
        self.clients: tuple[ClientRef, ...] = tuple(clients)
        self.keys: list[str] = []
        self._folded: list[str] = []
        self._words: list[tuple[str, ...]] = []
        self._legal: list[frozenset[str]] = []
        self._by_prefix: dict[str, list[int]] = {}
        self._by_start: dict[str, list[int]] = {}  # first two letters, for typos in the third
        for position, client in enumerate(self.clients):
            core, legal = _strip_legal(_words(client.name))
            key = " ".join(core)
            folded = fold(key)
            self.keys.append(key)
            self._folded.append(folded)
            self._words.append(tuple(folded.split()))
            self._legal.append(frozenset(fold(word) for word in legal))
            if folded:
                first = folded.split()[0]
                self._by_prefix.setdefault(_prefix(first), []).append(position)
                if len(first) >= 5:
                    self._by_start.setdefault(first[:2], []).append(position)

    def __len__(self) -> int:
        return len(self.clients)

    def match(self, query: str, *, limit: int = 5) -> list[tuple[ClientRef, float]]:
        """Clients whose name is like `query` (typos, case, legal form ignored), best first."""
        key = fold(name_key(query))
        if not key or not self.clients:
            return []
        found = process.extract(
            key, self._folded, scorer=fuzz.WRatio, limit=max(limit * 3, 10), score_cutoff=70
        )
        ranked = sorted(
            (
                (self.clients[pos], 100.0 if self._folded[pos] == key else score)
                for _, score, pos in found
            ),
            key=lambda item: (-item[1], item[0].name.casefold(), item[0].id),
        )
        return ranked[:limit]

    def find_in(
        self, text: str, lang: str = "en", *, tokens: list[_Token] | None = None
    ) -> list[Mention]:
        """Client mentions in a lower-cased sentence, best first; ties mean ambiguity.

        A name matches when its words appear in order, each exactly, with a case ending of
        `lang`, or one typo away (words of five letters or more); the first words of a
        longer name match with a lower score ("Kovács" for "Kovács és Társa"). A legal
        form, a Hungarian ending after a hyphen ("Kft.-nél") and a possessive "'s" that
        follow are part of the mention.
        """
        suffixes = SUFFIXES.get(lang, SUFFIXES["en"])
        words = tokens if tokens is not None else tokenize(text)
        best: dict[int, Mention] = {}
        for i, token in enumerate(words):
            positions = self._by_prefix.get(_prefix(token.text), [])
            if len(token.text) >= 4 and token.text[:2] in self._by_start:
                positions = list(dict.fromkeys([*positions, *self._by_start[token.text[:2]]]))
            for position in positions:
                found = self._match_at(text, words, i, position, suffixes)
                if found and (position not in best or found.score > best[position].score):
                    best[position] = found
        return _rank(list(best.values()))

    def _match_at(
        self, text: str, words: list[_Token], i: int, position: int, suffixes: frozenset[str]
    ) -> Mention | None:
        name = self._words[position]
        penalty, matched = 0, 0
        for j, want in enumerate(name):
            if i + j >= len(words) or (j and not _adjacent(text, words[i + j - 1], words[i + j])):
                break
            quality = _token_quality(want, words[i + j].text, suffixes)
            if quality is None:
                break
            penalty += (0, 2, 8)[quality]
            matched += 1
        if not matched:
            return None
        if matched < len(name):
            if sum(len(word) for word in name[:matched]) < 4:
                return None
            score = 70.0 + 15.0 * matched / len(name) - penalty
        else:
            score = 97.0 - penalty
        end_index = i + matched - 1
        end = words[end_index].end
        legal = self._legal[position]
        while end_index + 1 < len(words) and _adjacent(
            text, words[end_index], words[end_index + 1]
        ):
            following = words[end_index + 1]
            gap = text[words[end_index].end : following.start]
            if following.text in LEGAL_SUFFIXES or following.text in legal:
                score += 3 if following.text in legal else 0
            elif not _case_ending(gap, following.text):
                break
            end_index += 1
            end = following.end
        if (
            end < len(text)
            and text[end] == "."
            and (end + 1 == len(text) or text[end + 1] in " ,;-")
        ):
            end += 1
        return Mention(words[i].start, end, (self.clients[position],), min(score, 100.0))


def _case_ending(gap: str, word: str) -> bool:
    """A hyphenated Hungarian ending ("Kft-t") or an English possessive ("Globex's")."""
    hyphenated = "-" in gap and word in SUFFIXES["hu"] | {"jen", "an", "en", "tol"}
    return hyphenated or (gap in ("'", "’") and word == "s")


def _adjacent(text: str, left: _Token, right: _Token) -> bool:
    gap = text[left.end : right.start]
    return len(gap) <= 3 and all(char in " .-'’&,«»\"" for char in gap) and gap.count(",") == 0


def _rank(found: list[Mention]) -> list[Mention]:
    """Drop mentions inside a longer, at least as good one; group equal-scored clients."""
    found.sort(key=lambda m: (-m.score, -(m.end - m.start), m.start))
    kept: list[Mention] = []
    for mention in found:
        if any(
            k.start <= mention.start
            and mention.end <= k.end
            and k.score >= mention.score
            and (k.end - k.start) > (mention.end - mention.start)
            for k in kept
        ):
            continue
        kept.append(mention)
    return kept


@lru_cache(maxsize=8)
def _cached_index(clients: tuple[ClientRef, ...]) -> ClientIndex:
    return ClientIndex(clients)


def index_for(clients: Sequence[ClientRef] | ClientIndex | None) -> ClientIndex:
    """The index of a client list, built once per distinct list (the last 8 are kept)."""
    if isinstance(clients, ClientIndex):
        return clients
    return _cached_index(tuple(clients or ()))


def match_clients(
    query: str, clients: Sequence[ClientRef] | ClientIndex, *, limit: int = 5
) -> list[tuple[ClientRef, float]]:
    """Clients named like `query`, best first, as (client, score 0-100) pairs.

    "acme", "ACME gmbh" and "Acmee" all find "Acme GmbH". Scores of 100 mean the keys are
    equal; an empty list means nothing scored 70 or more.
    """
    return index_for(clients).match(query, limit=limit)
