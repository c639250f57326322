"""bot.fmt writes what Babel (CLDR) writes: money with the currency's own decimals, numbers,
days, times, names, relative phrases and plural categories in en, ru, nl and hu."""

from datetime import date, datetime, timedelta
from decimal import Decimal

import pytest
from babel.dates import format_interval, format_skeleton, format_timedelta
from babel.numbers import format_currency, format_decimal

from bot import fmt

LANGS = ("en", "ru", "nl", "hu")


class TestMoney:
    @pytest.mark.parametrize("lang", LANGS)
    @pytest.mark.parametrize(
        ("minor", "currency", "amount"),
        [
            (150000, "JPY", Decimal("150000")),
            (185000050, "EUR", Decimal("1850000.50")),
            (1234567, "KWD", Decimal("1234.567")),
            (1850000, "HUF", Decimal("1850000")),
        ],
    )
    def test_amounts_are_babels_with_the_currency_decimals(self, lang, minor, currency, amount):
        expected = format_currency(amount, currency, locale=fmt.LOCALES[lang])
        assert fmt.money(minor, currency, lang) == expected

    def test_a_yen_invoice_is_not_divided_by_a_hundred(self):
        assert fmt.money(1500, "JPY", "en") == "JP¥1,500"
        assert fmt.money(120050, "EUR", "nl") == "€\u00a01.200,50"
        assert fmt.money(120050, "EUR", "ru") == "1\u00a0200,50\u00a0€"

    def test_totals_per_currency_in_code_order(self):
        assert fmt.money_totals({"USD": 700, "EUR": 12550}, "en") == "€125.50, US$7.00"

    def test_only_currencies_in_use_are_known(self):
        assert {"EUR", "JPY", "HUF", "KWD", "USD", "RUB"} <= fmt.currencies()
        assert "XYZ" not in fmt.currencies() and "DEM" not in fmt.currencies()


class TestNumbersDatesNames:
    @pytest.mark.parametrize("lang", LANGS)
    def test_numbers_days_times_and_ranges(self, lang):
        loc = fmt.LOCALES[lang]
        moment = datetime(2026, 12, 2, 9, 5)
        assert fmt.number(1234567, lang) == format_decimal(1234567, locale=loc)
        assert fmt.day(moment.date(), lang) == format_skeleton("yMMMEd", moment, locale=loc)
        assert fmt.clock(moment, lang) == format_skeleton("Hm", moment, locale=loc)
        day_part = format_skeleton("MMMEd", moment, locale=loc)
        assert fmt.moment(moment, lang) == f"{day_part} {format_skeleton('Hm', moment, locale=loc)}"
        start, end = date(2026, 11, 2), date(2026, 11, 8)
        assert fmt.day_range(start, end, lang) == format_interval(start, end, "yMMMd", locale=loc)
        assert fmt.relative(timedelta(days=3), lang) == format_timedelta(
            timedelta(days=3), add_direction=True, granularity="minute", locale=loc
        )

    def test_english_is_written_the_british_way(self):
        assert fmt.moment(datetime(2026, 11, 24, 13, 0), "en") == "Tue 24 Nov 13:00"

    def test_weekday_and_month_names(self):
        assert fmt.weekday_name(0, "ru") == "понедельник"
        assert fmt.month_name(12, "hu") == "december"
        assert fmt.relative(timedelta(days=3), "nl") == "over 3 dagen"
        assert fmt.relative(timedelta(days=-3), "ru") == "3 дня назад"
        assert fmt.relative(timedelta(0), "en") == "1 minute ago"

    @pytest.mark.parametrize(
        ("lang", "impossible", "real"),
        [
            ("en", "31 April", "30 April"),
            ("ru", "31 апреля", "30 апреля"),
            ("nl", "31 april", "30 april"),
            ("hu", "április 31.", "április 30."),
        ],
    )
    def test_a_day_that_does_not_exist_is_written_as_babel_writes_a_real_one(
        self, lang, impossible, real
    ):
        assert fmt.day_month(31, 4, lang) == impossible
        assert fmt.day_month(30, 4, lang) == real
        assert real == format_skeleton("MMMMd", date(2027, 4, 30), locale=fmt.LOCALES[lang])

    @pytest.mark.parametrize(
        ("lang", "forms"),
        [
            ("en", ["one", "other", "other", "other", "other", "other"]),
            ("ru", ["one", "few", "many", "one", "few", "many"]),
            ("nl", ["one", "other", "other", "other", "other", "other"]),
            ("hu", ["one", "other", "other", "other", "other", "other"]),
        ],
    )
    def test_plural_categories(self, lang, forms):
        assert [fmt.plural(n, lang) for n in (1, 2, 5, 21, 22, 25)] == forms

    def test_a_zone_is_named_by_its_city_when_it_differs(self):
        epoch = int(datetime(2026, 12, 2, 8, 0).timestamp())  # any moment
        shown = fmt.zoned(epoch, "Europe/Amsterdam", "Europe/London", "ru")
        assert shown.endswith(" Амстердам")
        assert fmt.zoned(epoch, "Europe/London", "Europe/London", "en") == fmt.local(
            epoch, "Europe/London", "en"
        )

    def test_isolates_wrap_a_right_to_left_name_only(self):
        assert fmt.isolate("شركة") == "\u2068شركة\u2069"
        assert fmt.isolate("חברה Ltd") == "\u2068חברה Ltd\u2069"
        assert fmt.isolate("Acme GmbH") == "Acme GmbH"
