"""bot.names: client keys and mentions in a sentence, including the typo cases the
follow-up parser relies on."""

from __future__ import annotations

from bot.names import ClientIndex, ClientRef, match_clients, name_key

CLIENTS = [
    ClientRef(1, "Acme GmbH"),
    ClientRef(2, "Globex"),
    ClientRef(3, "Ромашка"),
    ClientRef(4, "Kovács Kft."),
    ClientRef(5, "Jansen BV"),
]


def mentioned(text: str, lang: str = "en") -> list[str]:
    return [c.name for m in ClientIndex(CLIENTS).find_in(text.lower(), lang) for c in m.clients]


class TestNameKey:
    def test_legal_form_case_and_dots_are_ignored(self):
        assert name_key("ACME  GmbH") == name_key("acme") == "acme"
        assert name_key("Jansen B.V.") == "jansen"
        assert name_key("ООО «Ромашка»") == "ромашка"


class TestFindIn:
    def test_inflected_forms_are_found(self):
        assert mentioned("позвонить Ромашке", "ru") == ["Ромашка"]
        assert mentioned("hívjam fel a Kovács Kft-t", "hu") == ["Kovács Kft."]
        assert mentioned("chase Globex's payment") == ["Globex"]

    def test_typo_in_the_third_letter_is_found(self):
        """The first-word index also keys on two letters, so "Glbex" reaches "Globex"."""
        assert mentioned("call Glbex friday") == ["Globex"]

    def test_transposed_letters_count_as_one_typo(self):
        assert mentioned("holnap hívni a Kovcást", "hu") == ["Kovács Kft."]

    def test_typo_plus_case_ending_is_found(self):
        assert mentioned("позвонить Ромащке завтра", "ru") == ["Ромашка"]

    def test_unrelated_words_match_nothing(self):
        assert mentioned("call the bank tomorrow about the loan") == []


def test_match_clients_ranks_exact_first():
    ranked = match_clients("acme gmbh", CLIENTS)
    assert ranked[0][0] == ClientRef(1, "Acme GmbH")
    assert ranked[0][1] == 100.0
