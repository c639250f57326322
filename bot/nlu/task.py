"""The task text (what is left once the date, the time and the client are cut out) and the
name to propose for a client that does not exist yet.

Leftover-word cleanup, one table per language: a connector word right before a cut ("созвон
с [Альфа-Трейд]", "afspraak met [Jansen] over", "hívjam fel a [Minta Bt]-t", "call [Acme]
on [friday]") belonged to what was cut and goes with it, and so does a case ending glued to
a cut name ("-t", "-szal", "-ом"). Words of an unknown client's name stay in the task: the
user may save without a client, and then the name is all that says who to call.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

CONNECTORS = {
    "en": "with on at to for about re the a an by from of in and or",
    "ru": "с со у к ко по для на в во о об про насчет насчёт и или",
    "nl": "met over aan naar voor om op de het een bij van en in of",
    "hu": "a az és meg vagy",
}
_CONNECTOR_SETS = {lang: frozenset(words.split()) for lang, words in CONNECTORS.items()}
_GLUED = re.compile(r"^[-–]\w*")  # "-t", "-szal", "-nek" right after a cut name
_PUNCT = " ,;:-–"


def task_text(text, lang: str, keep: Sequence[tuple[int, int]] = ()) -> str:
    """The words of `text` (a `normalise.Text`) no stage used, the `keep` spans (an unknown
    client's name, "lunch" read as noon) included, with the connectors of the cut parts
    removed."""
    used = text.used_mask()
    for start, end in keep:
        used[start:end] = bytes(end - start)
    segments: list[str] = []
    current: list[str] = []
    for char, flag in zip(text.original, used, strict=True):
        if flag:
            if current or not segments:
                segments.append("".join(current))
                current = []
        else:
            current.append(char)
    segments.append("".join(current))
    words = _CONNECTOR_SETS[lang]
    cleaned = []
    for index, segment in enumerate(segments):
        if index > 0:
            segment = _GLUED.sub("", segment.lstrip())
        if index < len(segments) - 1:
            segment = _drop_trailing(segment, words)
        cleaned.append(segment)
    joined = " ".join(part.strip() for part in cleaned if part.strip())
    joined = re.sub(r"\s+([,.;:!?])", r"\1", joined)
    return re.sub(r"\s{2,}", " ", joined).strip(_PUNCT)


def _drop_trailing(segment: str, words: frozenset[str]) -> str:
    """ "созвон с " -> "созвон": connectors (and punctuation) at the end of a segment."""
    tokens = segment.rstrip(_PUNCT).split()
    while tokens and tokens[-1].lower().strip(_PUNCT) in words:
        tokens.pop()
    return " ".join(tokens)


# -- names ---------------------------------------------------------------------------------

_HU_HYPHEN = re.compile(
    r"-(?:t|ot|et|öt|at|nak|nek|val|vel|tól|től|hoz|hez|höz|ra|re|ról|ről|ba|be|ban|ben|nál"
    r"|nél|on|en|ön|n|ig|ért|szal|szel|tal|tel|nal|nel|ként)$"
)
_HU_SUFFIX = re.compile(
    r"(?:nak|nek|val|vel|tól|től|hoz|hez|höz|nál|nél|ról|ről|ért|ot|et|öt|at|(?<=[aáeéiíoóöőuúüűnlrjy])t)$"
)
_HU_ASSIMILATED = re.compile(r"(?:(?<=th)t|(?<=(\w))\1)[ae]l$")  # Horváthtal, Pannonnal
_RU_RULES = (
    (re.compile(r"(ов|ев|ин)(?:у|ым|е|ой)$"), r"\1"),
    (re.compile(r"([кгхшщжч])(?:е|у|ой|и)$"), r"\1а"),
    (re.compile(r"([бвдзлмнпрстф])(?:у|ом|е)$"), r"\1"),
)
_LEGAL = re.compile(r"^(?:bv|nv|kft|zrt|bt|nyrt|gmbh|llc|ltd|inc|ag|ооо|зао|ао|ип)\.?$", re.I)


def proposed_name(typed: str, lang: str) -> str:
    """The name to create from a name as it stood in a sentence: the Hungarian case endings
    (-t, -nak/-nek, -val/-vel, -tól/-től, -hoz/-hez/-höz...) and the Russian ones cut off
    ("a Minta Bt-t" -> "Minta Bt", "Horváthtal" -> "Horváth", "Ромашке" -> "Ромашка")."""
    name = typed.strip().strip('«»"')
    if lang == "hu":
        name = re.sub(r"^(?:a|az)\s+", "", name)
        head, _, last = name.rpartition(" ")
        stem = _HU_HYPHEN.sub("", last)
        if stem == last and len(last) >= 5 and last[:1].isupper() and not _LEGAL.match(last):
            stem = _HU_ASSIMILATED.sub("", last)
            if stem == last:
                stem = _HU_SUFFIX.sub("", last)
            stem = re.sub(r"á$", "a", re.sub(r"é$", "e", stem))
        return f"{head} {stem}".strip() if stem else name
    if lang == "ru" and not typed.strip().startswith(("«", '"')):
        words = []
        for word in name.split():
            if len(word) >= 5 and word[:1].isupper() and not _LEGAL.match(word):
                for pattern, replacement in _RU_RULES:
                    new = pattern.sub(replacement, word)
                    if new != word:
                        word = new
                        break
            words.append(word)
        return " ".join(words)
    return name
