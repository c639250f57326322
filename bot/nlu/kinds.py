"""The kind of a follow-up from its words, and the filler words that are not the task.

The first kind word in the message wins: "call Acme about the renewal" is a call,
"renewal call with Acme" a renewal. With no kind word a follow-up that names a client is
a "follow_up", anything else "custom".
"""

from __future__ import annotations

import re
from functools import cache

KIND_WORDS: dict[str, tuple[tuple[str, str], ...]] = {
    "en": (
        ("call", r"call\w*|cal|ring|phone\w*|dial|callback"),
        ("meeting", r"meet\w*|visit\w*|demo|appointment|lunch\s+with|catch\s*up|sync"),
        ("payment", r"pay\w*|invoice\w*|bill\w*|overdue|receivables?|dunning"),
        ("renewal", r"renew\w*|extension|extend"),
        ("follow_up", r"follow[\s-]*up\w*|check[\s-]*in|touch\s+base|email|e-mail|write\s+to"),
    ),
    "ru": (
        ("call", r"позв\w*|перезвон\w*|звон\w*|созвон\w*|набрать|набери|прозвон\w*"),
        ("meeting", r"встреч\w*|встрет\w*|митинг\w*|переговор\w*|визит\w*|совещани\w*"),
        ("payment", r"оплат\w*|плат[её]ж\w*|сч[её]т\w*|инвойс\w*|задолженност\w*|долг\w*|деньг\w*"),
        ("renewal", r"продлен\w*|продли\w*|пролонг\w*"),
        ("follow_up", r"написать|напиши|уточни\w*|узна\w*|отправ\w*|письм\w*"),
    ),
    "nl": (
        ("call", r"(?:terug|op|na)?bel(?:len|t|letje)?|telefo\w*"),
        ("meeting", r"afspra\w*|vergader\w*|overleg\w*|meeting|bezoek\w*|langs\s*gaan|lunch"),
        ("payment", r"betal\w*|factu\w*|rekening\w*|aanmaning\w*|openstaand\w*|incasso"),
        ("renewal", r"verleng\w*|contractverleng\w*"),
        ("follow_up", r"mail\w*|opvolg\w*|navra\w*|nagaan|checken"),
    ),
    "hu": (
        ("call", r"(?:fel|vissza|meg)?hiv\w*|telefon\w*|csorog\w*"),
        ("meeting", r"talalkoz\w*|megbeszel\w*|meeting|targyal\w*|latogat\w*|egyeztet\w*"),
        ("payment", r"szamla\w*|szamlaz\w*|(?:be|ki)?fizet\w*|tartozas\w*|utal\w*"),
        ("renewal", r"megujit\w*|(?:meg)?hosszabbit\w*"),
        ("follow_up", r"email\w*|irj\w*|irni|ellenoriz\w*|utanajar\w*|rakerdez\w*"),
    ),
}

FILLERS = {
    "en": r"(?:please\s+|pls\s+)?(?:remind\s+me\b\s*(?:to\s+|about\s+)?|reminder:?\s*|don'?t\s+forget\s+(?:to\s+)?|ping\s+me\s*,?\s*|todo:?\s*)",
    "ru": r"(?:пожалуйста\s+)?(?:напомни(?:ть)?\s+(?:мне\s+)?|не\s+забыть\s+|надо\s+|нужно\s+)",
    "nl": r"(?:herinner\s+me\s+(?:eraan\s+)?(?:om\s+|aan\s+)?|herinnering:?\s*|niet\s+vergeten\s*:?\s*)",
    "hu": r"(?:emlekeztess\w*\s+(?:hogy\s+)?|ne\s+felejtsem\s+el\s*|ne\s+felejtsd\s+el\s*)",
}


@cache
def _kind_res(lang: str) -> tuple[tuple[str, re.Pattern[str]], ...]:
    return tuple((kind, re.compile(rf"\b(?:{regex})\b")) for kind, regex in KIND_WORDS[lang])


def detect_kind(folded: str, lang: str, *, has_client: bool) -> str:
    """The kind named first in the (lower-cased, folded) text."""
    best: tuple[int, str] | None = None
    for kind, pattern in _kind_res(lang):
        match = pattern.search(folded)
        if match and (best is None or match.start() < best[0]):
            best = (match.start(), kind)
    if best is not None:
        return best[1]
    return "follow_up" if has_client else "custom"


@cache
def _filler_re(lang: str) -> re.Pattern[str]:
    return re.compile(rf"\b{FILLERS[lang]}")


def filler_spans(folded: str, lang: str) -> list[tuple[int, int]]:
    return [m.span() for m in _filler_re(lang).finditer(folded) if m.end() > m.start()]
