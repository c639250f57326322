"""Catalogues: every key in all four languages, placeholders consistent, params escaped."""

import pytest

from bot.i18n import LANGUAGES, MESSAGES, Html, placeholders, translate


class TestCatalogues:
    @pytest.mark.parametrize("key", sorted(MESSAGES))
    def test_key_has_all_four_languages_with_the_same_placeholders(self, key):
        entry = MESSAGES[key]
        assert set(entry) == set(LANGUAGES)
        expected = placeholders(entry["en"])
        for lang in LANGUAGES:
            assert entry[lang].strip(), f"{key} is empty in {lang}"
            assert placeholders(entry[lang]) == expected, f"{key} placeholders differ in {lang}"

    def test_parameters_are_html_escaped(self):
        text = translate("en", "access.welcome_back", name="<b>Ann</b> & co 😀")
        assert "&lt;b&gt;Ann&lt;/b&gt; &amp; co 😀" in text

    def test_html_fragments_pass_unescaped(self):
        text = translate("en", "access.welcome_back", name=Html("<b>Ann</b>"))
        assert "<b>Ann</b>" in text

    def test_unknown_language_falls_back_to_english(self):
        assert translate("de", "common.cancelled") == "Cancelled."
