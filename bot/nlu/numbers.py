"""Numbers 1-31 written out, as cardinals and ordinals, in the four languages.

All forms are lower-case and accent-folded (see `normalise`). `CARDINALS[lang]` and
`ORDINALS[lang]` map a word to its value; `cardinal_re(lang)` / `ordinal_re(lang)` give a
regex alternation (longest first) that also accepts digits.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import cache

Number = int | float  # "one and a half", "полтора", "anderhalf", "másfél": 1.5

_EN_UNITS = "one two three four five six seven eight nine".split()
_EN_TEENS = (
    "ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen".split()
)
_EN_ORD_UNITS = "first second third fourth fifth sixth seventh eighth ninth".split()
_EN_ORD_TEENS = """tenth eleventh twelfth thirteenth fourteenth fifteenth sixteenth
    seventeenth eighteenth nineteenth""".split()


def _en() -> tuple[dict[str, Number], dict[str, int]]:
    card: dict[str, Number] = {w: i + 1 for i, w in enumerate(_EN_UNITS)}
    card |= {w: i + 10 for i, w in enumerate(_EN_TEENS)}
    ords = {w: i + 1 for i, w in enumerate(_EN_ORD_UNITS)} | {
        w: i + 10 for i, w in enumerate(_EN_ORD_TEENS)
    }
    for tens, value, ordinal in (("twenty", 20, "twentieth"), ("thirty", 30, "thirtieth")):
        card[tens], ords[ordinal] = value, value
        for i in range(1, 10 if value == 20 else 2):
            for sep in ("-", " ", ""):
                card[f"{tens}{sep}{_EN_UNITS[i - 1]}"] = value + i
                ords[f"{tens}{sep}{_EN_ORD_UNITS[i - 1]}"] = value + i
    card |= {"a": 1, "an": 1, "a couple of": 2, "couple of": 2, "a few": 3}
    card |= {"one and a half": 1.5}
    return card, ords


_RU_UNITS = "один два три четыре пять шесть семь восемь девять".split()
_RU_TEENS = """десять одиннадцать двенадцать тринадцать четырнадцать пятнадцать
    шестнадцать семнадцать восемнадцать девятнадцать""".split()
_RU_ORD_STEMS = """перв втор трет четверт пят шест седьм восьм девят десят одиннадцат
    двенадцат тринадцат четырнадцат пятнадцат шестнадцат семнадцат восемнадцат
    девятнадцат двадцат""".split()
_RU_ENDINGS = ("ого", "ое", "ый", "ой", "ий", "ом", "ую", "ая", "ее", "ые")
_RU_TRET = ("ьего", "ье", "ий", "ьем", "ью", "ья")


def _ru_ordinal_forms(stem: str) -> tuple[str, ...]:
    return tuple(stem + e for e in (_RU_TRET if stem == "трет" else _RU_ENDINGS))


def _ru() -> tuple[dict[str, Number], dict[str, int]]:
    card: dict[str, Number] = {w: i + 1 for i, w in enumerate(_RU_UNITS)}
    card |= {w: i + 10 for i, w in enumerate(_RU_TEENS)}
    card |= {"одну": 1, "одна": 1, "одного": 1, "две": 2, "пару": 2, "пара": 2, "пары": 2}
    card |= {"полтора": 1.5, "полторы": 1.5}
    card |= {"двадцать": 20, "тридцать": 30, "тридцать один": 31, "тридцать одно": 31}
    ords: dict[str, int] = {}
    for i, stem in enumerate(_RU_ORD_STEMS):
        for form in _ru_ordinal_forms(stem):
            ords[form] = i + 1
    for form in _ru_ordinal_forms("тридцат"):
        ords[form] = 30
    for i, unit in enumerate(_RU_UNITS):
        card[f"двадцать {unit}"] = 21 + i
        for form in _ru_ordinal_forms(_RU_ORD_STEMS[i]):
            ords[f"двадцать {form}"] = 21 + i
    for form in _ru_ordinal_forms("перв"):
        ords[f"тридцать {form}"] = 31
    return card, ords


_NL_UNITS = "een twee drie vier vijf zes zeven acht negen".split()
_NL_TEENS = "tien elf twaalf dertien veertien vijftien zestien zeventien achttien negentien".split()


def _nl_ordinal(word: str, value: int) -> str:
    special = {1: "eerste", 3: "derde", 8: "achtste"}
    if value in special and word == _NL_UNITS[value - 1]:
        return special[value]
    return word + ("ste" if value >= 20 else "de")


def _nl() -> tuple[dict[str, Number], dict[str, int]]:
    card: dict[str, Number] = {w: i + 1 for i, w in enumerate(_NL_UNITS)}
    card |= {w: i + 10 for i, w in enumerate(_NL_TEENS)}
    card |= {"twintig": 20, "dertig": 30, "eenendertig": 31, "paar": 2, "een paar": 2}
    card |= {"anderhalf": 1.5, "anderhalve": 1.5}
    for i, unit in enumerate(_NL_UNITS):
        card[f"{unit}entwintig"] = 21 + i
    ords = {  # whole numbers only: "anderhalf" has no ordinal
        _nl_ordinal(w, v): v
        for w, v in card.items()
        if isinstance(v, int) and " " not in w and w != "paar"
    }
    return card, ords


_HU_UNITS = "egy ketto harom negy ot hat het nyolc kilenc".split()
_HU_ORD = """elso masodik harmadik negyedik otodik hatodik hetedik nyolcadik kilencedik
    tizedik""".split()
_HU_COMPOUND_ORD = """egyedik kettedik harmadik negyedik otodik hatodik hetedik nyolcadik
    kilencedik""".split()


def _hu() -> tuple[dict[str, Number], dict[str, int]]:
    card: dict[str, Number] = {w: i + 1 for i, w in enumerate(_HU_UNITS)}
    card |= {"ket": 2, "tiz": 10}
    card |= {"husz": 20, "harminc": 30, "harmincegy": 31, "masfel": 1.5}
    stems = {i + 1: w for i, w in enumerate(_HU_ORD)} | {20: "huszadik", 30: "harmincadik"}
    for i, unit in enumerate(_HU_UNITS):
        card[f"tizen{unit}"] = 11 + i
        card[f"huszon{unit}"] = 21 + i
        stems[11 + i] = "tizen" + _HU_COMPOUND_ORD[i]
        stems[21 + i] = "huszon" + _HU_COMPOUND_ORD[i]
    stems[31] = "harmincegyedik"
    ords: dict[str, int] = {"elseje": 1, "elsejen": 1, "elsejere": 1, "elsejeig": 1}
    for value, stem in stems.items():
        for end in ("a", "e", "an", "en", "aig", "eig", "ara", "ere"):  # both harmonies
            ords[stem + end] = value
    return card, ords


_TABLES: dict[str, tuple[dict[str, Number], dict[str, int]]] = {
    "en": _en(),
    "ru": _ru(),
    "nl": _nl(),
    "hu": _hu(),
}
CARDINALS = {lang: table[0] for lang, table in _TABLES.items()}
# amounts said loosely ("a few days", "несколько дней", "pár óra múlva"): 2 or 3, as people
# mean them; only for amounts of time, never read as an hour or a day of the month
APPROX = {
    "en": {"several": 3},
    "ru": {"несколько": 3, "пару": 2},
    "nl": {"enkele": 3, "een paar": 2},
    "hu": {"par": 2, "egy par": 2, "nehany": 3},
}
ORDINALS = {lang: table[1] for lang, table in _TABLES.items()}


def _alternation(words: Mapping[str, Number]) -> str:
    ordered = sorted(words, key=len, reverse=True)
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in ordered)


@cache
def cardinal_re(lang: str) -> str:
    """Digits (optionally signed) or a written-out cardinal of `lang`."""
    words = CARDINALS[lang] | APPROX[lang]
    return rf"(?:[-+−]?\d{{1,3}}(?:[.,]\d{{1,2}})?|{_alternation(words)})"


@cache
def small_re(lang: str) -> str:
    """Digits or a written-out number up to 12 (and "a few", "несколько"...): the amounts
    counted in weeks or days ago, kept small so the patterns compile fast."""
    words = {w: v for w, v in CARDINALS[lang].items() if v <= 12} | APPROX[lang]
    return rf"(?:\d{{1,3}}|{_alternation(words)})"


@cache
def ordinal_re(lang: str) -> str:
    return _alternation(ORDINALS[lang])


def value(word: str, lang: str) -> Number:
    """The number `word` stands for (digits, a decimal such as "1,5", a cardinal or an
    ordinal of `lang`)."""
    word = re.sub(r"\s+", " ", word.strip()).replace("−", "-")
    if re.fullmatch(r"[-+]?\d+", word):
        return int(word)
    if re.fullmatch(r"[-+]?\d+[.,]\d+", word):
        return float(word.replace(",", "."))
    if word in CARDINALS[lang]:
        return CARDINALS[lang][word]
    if word in APPROX[lang]:
        return APPROX[lang][word]
    return ORDINALS[lang][word]
