"""Which client a message names: a known one (through `bot.names.ClientIndex.find_in`),
several equally good ones (ambiguous), or a company-looking name that is not on the list."""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.names import LEGAL_SUFFIXES, ClientIndex, ClientRef, fold

_UPPER = "A-ZА-ЯЁÁÉÍÓÖŐÚÜŰÀÈËÏ"
_WORD = rf"[{_UPPER}][\w&'’.-]*"
_LEGAL = (
    r"(?:bv|b\.v\.|nv|n\.v\.|kft\.?|zrt\.?|bt\.?|nyrt\.?|gmbh|llc|ltd\.?|inc\.?|ag|ооо|зао|ао|ип)"
)
_NAME = re.compile(
    rf"(?:(?:ООО|ЗАО|ОАО|АО|ИП)\s+)?[«\"]?{_WORD}(?:\s+(?:{_WORD}|{_LEGAL}|&|és|en|и|de|van|der)(?=\s|$|[,.;!?»\"-]))*[»\"]?(?:-\w+)?"
)
_QUOTED = re.compile(r"[«\"]([^«»\"]{2,40})[»\"]")
_NOT_NAMES = frozenset(
    """i me my we i'm pls please ok re fw fwd todo remind reminder call meeting invoice
    renewal payment follow up check ping bel bellen herinner afspraak factuur betaling
    напомни позвонить перезвонить встреча оплата счет продление созвон
    hivd hivjam hivjuk emlekeztess szamla talalkozo megujitas visszahivni felhivni
    dr mr mrs ms crm erp kpi nda pdf""".split()
)


@dataclass(frozen=True, slots=True)
class ClientFound:
    client: ClientRef | None
    candidates: tuple[ClientRef, ...]
    text: str | None
    span: tuple[int, int] | None


def find_client(text, index: ClientIndex, lang: str) -> ClientFound:
    """The client a message names, with the span it covers (consumed from `text`)."""
    mentions = index.find_in(text.low, lang) if len(index) else []
    if not mentions:
        return ClientFound(None, (), None, None)
    top = mentions[0]
    tied = [
        m
        for m in mentions
        if m.score >= top.score - 0.01 and m.start < top.end and top.start < m.end
    ]
    candidates: list[ClientRef] = []
    for mention in tied:
        for client in mention.clients:
            if client not in candidates:
                candidates.append(client)
    start, end = min(m.start for m in tied), max(m.end for m in tied)
    text.take(start, end)
    span_text = text.original[start:end]
    if len(candidates) == 1:
        return ClientFound(candidates[0], (), span_text, (start, end))
    return ClientFound(None, tuple(candidates), span_text, (start, end))


def unknown_name(text) -> tuple[str, int, int] | None:
    """A company-looking name left in the message: words in quotes, a capitalised run
    (not just the first word of the sentence) or anything followed by a legal form."""
    for match in _QUOTED.finditer(text.original):
        if text.free(match.start(), match.end()):
            return match.group(1).strip(), match.start(), match.end()
    first_word = re.match(r"\s*\S+", text.original)
    first_end = first_word.end() if first_word else 0
    for match in _NAME.finditer(text.original):
        start, end = match.span()
        if not text.free(start, end):
            continue
        words = fold(match.group().lower()).strip('«»"').split()
        meaningful = [w.strip(".,'’-") for w in words if w.strip(".,'’-") not in _NOT_NAMES]
        if not meaningful or all(len(w) < 2 for w in meaningful):
            continue
        has_legal = any(w.strip(".") in LEGAL_SUFFIXES for w in words[1:])
        if start < first_end and len(words) < 2 and not has_legal:
            continue
        return match.group().strip(" .,-"), start, end
    return None
