"""Amounts, currencies and dates as users type them."""

import pytest

from bot.dates import parse_date
from bot.errors import InvalidInput
from bot.fmt import currency_digits
from bot.money import currency_code, parse_amount


class TestParseAmount:
    @pytest.mark.parametrize(
        ("typed", "lang", "minor"),
        [
            ("1200.50", "en", 120050),
            ("1200,50", "en", 120050),
            ("1,200.50", "en", 120050),
            ("1 200,50", "ru", 120050),
            ("1.200,50", "nl", 120050),
            ("1,200", "en", 120000),
            ("1.200", "nl", 120000),
            ("12,5", "hu", 1250),
            ("0.01", "en", 1),
        ],
    )
    def test_accepted_forms(self, typed, lang, minor):
        assert parse_amount(typed, "EUR", lang) == minor

    @pytest.mark.parametrize("typed", ["12,5O", "", "-5", "1e3", "0", "0,00", "1.2.3,4,5", "€12"])
    def test_refused_forms(self, typed):
        with pytest.raises(InvalidInput):
            parse_amount(typed, "EUR")

    def test_minor_unit_exponents(self):
        assert [currency_digits(code) for code in ("JPY", "EUR", "KWD")] == [0, 2, 3]
        assert parse_amount("1500", "JPY") == 1500
        assert parse_amount("1.234", "KWD") == 1234
        with pytest.raises(InvalidInput) as caught:
            parse_amount("1.5", "JPY")
        assert caught.value.key == "money.too_many_decimals"

    def test_ambiguous_thousands_follow_the_language(self):
        with pytest.raises(InvalidInput):
            parse_amount("100.505", "EUR", "en")
        assert parse_amount("100.505", "EUR", "nl") == 10050500


class TestCurrency:
    def test_codes_are_case_insensitive_and_checked(self):
        assert currency_code(" eur ") == "EUR"
        with pytest.raises(InvalidInput):
            currency_code("XYZ")
        with pytest.raises(InvalidInput):
            currency_code("EURO")


class TestDates:
    def test_real_dates(self):
        assert parse_date("2026-12-15").isoformat() == "2026-12-15"
        assert parse_date("15.12.2026").isoformat() == "2026-12-15"
        assert parse_date("2028-02-29").isoformat() == "2028-02-29"

    @pytest.mark.parametrize(
        ("typed", "key"),
        [
            ("2026-02-30", "date.no_such_day"),
            ("2027-02-29", "date.no_such_day"),
            ("tomorrow", "date.bad_format"),
            ("2026-13-01", "date.no_such_day"),
        ],
    )
    def test_refused_dates(self, typed, key):
        with pytest.raises(InvalidInput) as caught:
            parse_date(typed)
        assert caught.value.key == key
