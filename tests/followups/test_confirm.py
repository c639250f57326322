"""A follow-up typed in plain words: the card, Save, Change time, Change client, Cancel.

The bot runs against the emulator; the FakeClock is at Tue 2026-11-24 09:00 UTC.
"""

from __future__ import annotations

from storage import reminders
from tests.followups.conftest import EN, HU, NL, RU, local


class TestSaveInFourLanguages:
    async def test_english_card_save_and_delivery(self, bot, flow):
        erin = await flow.user(EN)
        acme = await flow.client(erin, "Acme GmbH")
        card = await bot.say(EN, "call Acme tuesday 10:00 about the renewal")
        # topic beats channel (issue 14): a call about the renewal is a renewal
        assert card.text.splitlines() == [
            "📄 Renewal · Acme GmbH · Tue 1 Dec 10:00 (Amsterdam) · call about the renewal"
        ]
        saved, row = await flow.save(EN, card)
        rows = await flow.reminders()
        assert len(rows) == 1
        row = rows[0]
        assert saved.text.startswith(f"✅ Saved as reminder #{row['id']}: 📄 Renewal · Acme GmbH")
        assert (row["kind"], row["client_id"], row["owner_id"]) == ("renewal", acme, EN.id)
        assert local(row["due_at"], "Europe/Amsterdam").isoformat() == "2026-12-01T10:00:00+01:00"
        assert row["text"] == "call about the renewal"
        # the reminder engine delivers it when the time comes
        mark = bot.emu.mark()
        await flow.advance(days=7)
        delivered = await bot.emu.wait_for_message(EN.id, since=mark)
        assert "call about the renewal" in delivered.text
        assert (await reminders.get(bot.services.db, row["id"])).status in ("sent", "claimed")

    async def test_russian_in_three_days(self, bot, flow):
        rita = await flow.user(RU)
        romashka = await flow.client(rita, "Ромашка")
        card = await bot.say(RU, "напомни позвонить Ромашке через 3 дня в 10")
        assert card.text.startswith("📞 Звонок · Ромашка · пт, 27 нояб. 10:00 (Москва)")
        saved, row = await flow.save(RU, card)
        assert saved.text.startswith("✅ Сохранено, напоминание #")
        assert (row["kind"], row["client_id"]) == ("call", romashka)
        assert local(row["due_at"], "Europe/Moscow").isoformat() == "2026-11-27T10:00:00+03:00"

    async def test_dutch_tomorrow_nine(self, bot, flow):
        nina = await flow.user(NL)
        jansen = await flow.client(nina, "Jansen BV")
        card = await bot.say(NL, "morgen om 9 uur Jansen BV bellen")
        assert card.text.startswith("📞 Bellen · Jansen BV · wo 25 nov 09:00 (Amsterdam)")
        assert [b["text"] for b in card.reply_markup["inline_keyboard"][0]] == [
            "✅ Bewaren",
            "🕒 Tijd wijzigen",
        ]
        _, row = await flow.save(NL, card)
        assert (row["kind"], row["client_id"]) == ("call", jansen)
        assert local(row["due_at"], "Europe/Amsterdam").isoformat() == "2026-11-25T09:00:00+01:00"

    async def test_hungarian_tomorrow_ten(self, bot, flow):
        hajni = await flow.user(HU)
        kovacs = await flow.client(hajni, "Kovács Kft")
        card = await bot.say(HU, "holnap 10:00 hívjam fel a Kovács Kft-t")
        assert card.text.startswith("📞 Hívás · Kovács Kft · nov. 25., Sze 10:00 (Budapest)")
        saved, row = await flow.save(HU, card)
        assert saved.text.startswith("✅ Mentve, emlékeztető #")
        assert (row["kind"], row["client_id"]) == ("call", kovacs)
        assert local(row["due_at"], "Europe/Budapest").isoformat() == "2026-11-25T10:00:00+01:00"
