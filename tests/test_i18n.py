"""Catalogues: every key in all four languages, placeholders consistent, params escaped."""

from collections.abc import Mapping

import pytest

from bot import fmt
from bot.i18n import LANGUAGES, MESSAGES, Html, Translator, forms, placeholders, translate


class TestCatalogues:
    @pytest.mark.parametrize("key", sorted(MESSAGES))
    def test_key_has_all_four_languages_with_the_same_placeholders(self, key):
        entry = MESSAGES[key]
        assert set(entry) == set(LANGUAGES)
        expected = placeholders(entry["en"])
        for lang in LANGUAGES:
            for text in forms(entry[lang]):
                assert text.strip(), f"{key} is empty in {lang}"
            assert placeholders(entry[lang]) == expected, f"{key} placeholders differ in {lang}"

    @pytest.mark.parametrize("key", sorted(MESSAGES))
    def test_plural_texts_have_every_form_of_the_language(self, key):
        for lang in LANGUAGES:
            text = MESSAGES[key][lang]
            if isinstance(text, Mapping):
                needed = fmt.locale(lang).plural_form.tags | {"other"}
                assert set(text) == needed, f"{key} in {lang} needs the forms {sorted(needed)}"
                assert "count" in placeholders(text), f"{key} is plural without a count"

    def test_parameters_are_html_escaped(self):
        text = translate("en", "access.welcome_back", name="<b>Ann</b> & co 😀")
        assert "&lt;b&gt;Ann&lt;/b&gt; &amp; co 😀" in text

    def test_html_fragments_pass_unescaped(self):
        text = translate("en", "access.welcome_back", name=Html("<b>Ann</b>"))
        assert "<b>Ann</b>" in text

    def test_unknown_language_falls_back_to_english(self):
        assert translate("de", "common.cancelled") == "Cancelled."


class TestPlurals:
    @pytest.mark.parametrize(
        ("lang", "count", "expected"),
        [
            ("nl", 1, "1 herinnering"),
            ("nl", 5, "5 herinneringen"),
            ("ru", 1, "1 напоминание"),
            ("ru", 22, "22 напоминания"),
            ("ru", 25, "25 напоминаний"),
            ("ru", 21, "21 напоминание"),
            ("hu", 22, "22 emlékeztető"),
        ],
    )
    def test_counts_take_the_languages_plural_form(self, lang, count, expected):
        assert Translator(lang)("count.reminders", count=count) == expected

    @pytest.mark.parametrize(("count", "word"), [(1, "reminder"), (2, "reminders")])
    def test_a_sentence_agrees_with_its_count(self, count, word):
        text = translate("en", "team.reassigned", client="Acme", name="Boris", count=count)
        assert f"{count} open {word} moved with it" in text

    def test_a_count_is_written_in_the_languages_digits(self):
        assert translate("en", "count.reminders", count=1250) == "1,250 reminders"
        assert translate("ru", "count.reminders", count=1250) == "1\xa0250 напоминаний"


class TestLabels:
    def test_plain_labels_are_not_escaped(self):
        label = Translator("en").plain("btn.resolve_one", name="Bakker & Zonen <b>X</b>")
        assert label == "✅ Resolved: Bakker & Zonen <b>X</b>"


class TestSentenceEnd:
    def test_a_value_ending_in_a_period_takes_no_second_one(self):
        due = "15 дек. 2026 г."
        text = translate("ru", "invoice.saved", name="A", amount="1 ₽", due=due)
        assert text.endswith("срок 15 дек. 2026 г.")
        away = translate(
            "ru", "team.away_saved", start="1 дек.", end=due, reason=Html(""), cover="Б"
        )
        assert "по 15 дек. 2026 г. Замещает" in away  # an empty value in between
        assert translate("en", "invoice.saved", name="A.", amount="€1", due="1 Dec").endswith(
            "due 1 Dec."
        )
