"""The kind of a follow-up from its words, and the filler words that are not the task.

Topic beats channel (docs/nlu.md, "Kinds"): the words are tried in tiers and the first tier
with a match decides; inside a tier the word typed first wins.

1. topic: payment (invoice, paid, transfer, оплата, дебиторка, factuur, betaald, utalás,
   befizetés) or renewal (renewal, contract expires, продление, loopt af, lejár,
   szerződéshosszabbítás): "call Acme about the invoice" is a payment;
2. work that is not contact with the client -> custom (prepare, order, update the CRM,
   подготовить, заказать, bestellen, bijwerken, készíteni, rendelni);
3. meals and visits -> meeting (lunch, coffee, обед, съездить, lunchafspraak, koffie,
   ebéd, kávé, látogatás);
4. channel: call, meeting (meet, demo, overleg, találkozó), follow_up (write, send, email,
   check in): reaching out;
5. a document made for the client, with no verb of its own ("quarterly figures for Acme",
   "отчёт для Вектора", "jaarverslag voor De Vries") -> custom; a report *to* the client
   ("report to Wayne", "отчёт Гранит", "rapport naar De Vries") is reaching out.

With no kind word a follow-up that names a client is a "follow_up", anything else "custom".
"""

from __future__ import annotations

import re
from functools import cache

TIERS: dict[str, tuple[tuple[tuple[str, str], ...], ...]] = {
    "en": (
        (
            ("payment", r"pay\w*|paid|invoic\w*|bill\w*|overdue|receivables?|dunning|transfer\w*|remittance"),
            ("renewal", r"renew\w*|extension|extend|contract\s+(?:expir\w*|ends?|runs?\s+out)|expir\w*"),
        ),
        (
            (
                "custom",
                r"prepare\w*|order\s+(?:a|an|the|some|new|flowers|gifts?)|update(?!d)\w*|draft(?:ing)?"
                r"\s+(?:a|an|the)\b|print\w*|book\s+(?:a|the)\b|compile\w*",
            ),
        ),
        (("meeting", r"lunch\w*|coffee|dinner|breakfast|drinks|visit\w*|drop\s+by|stop\s+by"),),
        (
            ("call", r"call\w*|cal|ring|phone\w*|dial|callback"),
            ("meeting", r"meet\w*|demo|appointment|catch\s*up|sync|review\s+meeting|qbr|business\s+review|on-?site|zoom|webinar|workshop"),
            ("follow_up", r"follow[\s-]*up\w*|check[\s-]*in|touch\s+base|e-?mail\w*|write\s+to|send\w*|message|text|whatsapp|thank\w*|reply|remind\s+\w+\s+(?:about|of)"),
        ),
        (("custom", r"(?:report\w*|figures|numbers|deck|slides|presentation|proposal)\s+for"),),
    ),
    "ru": (
        (
            ("payment", r"оплат\w*|плат[её]ж\w*|сч[её]т\w*|инвойс\w*|задолженност\w*|долг\w*|деньг\w*|дебиторк\w*|перевод\w*"),
            ("renewal", r"продлен\w*|продли\w*|пролонг\w*|(?:договор\w*|подписк\w*|лиценз\w*|контракт\w*)\s+(?:истека\w*|заканчива\w*)|(?:истека\w*|заканчива\w*)\s+(?:договор\w*|подписк\w*|лиценз\w*|контракт\w*)"),
        ),
        (("custom", r"подготов\w*|заказать|закажи|заказывать|обнови\w*|обновлять|составить|распечата\w*|сделать"),),
        (("meeting", r"обед\w*\s+с|ужин\w*|завтрак\w*\s+с|кофе|съезд\w*|заех\w*|заеха\w*|визит\w*|посетить|навестить"),),
        (
            ("call", r"позв\w*|перезвон\w*|звон\w*|созвон\w*|набрать|набери|прозвон\w*"),
            ("meeting", r"встреч\w*|встрет\w*|митинг\w*|переговор\w*|совещани\w*"),
            ("follow_up", r"написать|напиши|уточни\w*|узна\w*|отправ\w*|письм\w*|поздрав\w*|поблагодар\w*|ответить"),
        ),
        (("custom", r"(?:отч[её]т\w*|презентаци\w*|смет\w*)\s+для"),),
    ),
    "nl": (
        (
            ("payment", r"betal\w*|factu\w*|rekening\w*|aanmaning\w*|openstaand\w*|incasso|overmaking"),
            ("renewal", r"verleng\w*|contractverleng\w*|loopt\s+af|afloop|verloopt"),
        ),
        (("custom", r"voorbereid\w*|bestellen|bestel|besteld|bijwerk\w*|bijwerken|opstellen|printen|klaarzetten"),),
        (("meeting", r"lunch(?!tijd)\w*|koffie\w*|diner\w*|etentje|ontbijt\w*|bezoek\w*|langs\s*gaan|langsgaan|borrel\w*"),),
        (
            ("call", r"(?:terug|op|na)?bel(?:len|t|letje)?|gebeld|telefo\w*"),
            ("meeting", r"afspra\w*|vergader\w*|overleg\w*|meeting|kennismaking\w*|demo|presentatie\s+bij"),
            ("follow_up", r"mail\w*|opvolg\w*|navra\w*|nagaan|checken|sturen|stuur|appen|nieuwjaarswens\w*|bedank\w*|beantwoord\w*"),
        ),
        (("custom", r"(?:\w*rapport\w*|\w*verslag\w*|presentatie\w*|offerte\w*)\s+voor"),),
    ),
    "hu": (
        (
            ("payment", r"szamla\w*|szamlaz\w*|(?:be|ki)?fizet\w*|tartozas\w*|utal\w*"),
            ("renewal", r"megujit\w*|(?:meg)?hosszabbit\w*|szerzodeshosszabbit\w*|lejar\w*"),
        ),
        (("custom", r"keszit\w*|elokeszit\w*|rendelni|megrendelni|rendelj\w*|frissit\w*|osszeallit\w*"),),
        (("meeting", r"ebed\w*|vacsor\w*|kave\w*|reggeli\w*|latogat\w*|meglatogat\w*"),),
        (
            ("call", r"(?:fel|vissza|meg)?hiv\w*|telefon\w*|csorog\w*"),
            ("meeting", r"talalkoz\w*|megbeszel\w*|meeting|targyal\w*|egyeztet\w*|bemutato\w*"),
            ("follow_up", r"e-?mail\w*|irj\w*|irni|ellenoriz\w*|utanajar\w*|rakerdez\w*|kuld\w*|elkuld\w*|kivan\w*|megkoszon\w*|valaszol\w*"),
        ),
        (("custom", r"(?:jelentes\w*|riport\w*|osszesito\w*|beszamolo\w*)\s+(?:\w+\s+){1,3}(?:szamara|reszere)"),),
    ),
}  # fmt: skip

FILLERS = {
    "en": r"(?:please\s+|pls\s+)?(?:remind\s+me\b\s*(?:to\s+|about\s+)?|reminder:?\s*|don'?t\s+forget\s+(?:to\s+)?|ping\s+me\s*,?\s*|todo:?\s*)",
    "ru": r"(?:пожалуйста\s+)?(?:напомни(?:ть)?\s+(?:мне\s+)?|не\s+забыть\s+|надо\s+|нужно\s+)",
    "nl": r"(?:herinner\s+me\s+(?:eraan\s+)?(?:om\s+|aan\s+)?|herinnering:?\s*|niet\s+vergeten\s*:?\s*)",
    "hu": r"(?:emlekeztess\w*\s+(?:hogy\s+)?|ne\s+felejtsem\s+el\s*|ne\s+felejtsd\s+el\s*)",
}


@cache
def _tiers(lang: str) -> tuple[tuple[tuple[str, re.Pattern[str]], ...], ...]:
    return tuple(
        tuple((kind, re.compile(rf"\b(?:{regex})\b")) for kind, regex in tier)
        for tier in TIERS[lang]
    )


def detect_kind(folded: str, lang: str, *, has_client: bool) -> str:
    """The kind of the first tier that has a word in the (lower-cased, folded) text."""
    for tier in _tiers(lang):
        best: tuple[int, str] | None = None
        for kind, pattern in tier:
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
