"""Issue 14: a time-like part of a message the parser did not read is asked about on the
card (the words shown, the possible times as buttons), never dropped; and a time typed in
another zone is shown as typed. Through the emulator, in all four languages.

The FakeClock is at Tue 2026-11-24 09:00 UTC.
"""

from __future__ import annotations

import pytest

from tests.followups.conftest import EN, HU, NL, RU, button, local

CASES = [
    (
        EN,
        "Acme GmbH",
        "call Acme friday 10.30 or 11.30",
        "I did not understand “11.30” as a time.",
        ["Fri 27 Nov 10:30", "Fri 27 Nov 11:30"],
        "Europe/Amsterdam",
    ),
    (
        RU,
        "Ромашка",
        "позвонить Ромашке в пятницу в 10:30 или в 11:30",
        "Я не понял «в 11:30» как время.",
        ["пт, 27 нояб. 10:30", "пт, 27 нояб. 11:30"],  # Babel's date
        "Europe/Moscow",
    ),
    (
        NL,
        "Jansen BV",
        "vrijdag om 10:30 of 11:30 Jansen bellen",
        "Ik begreep “11:30” niet als tijd.",
        ["vr 27 nov 10:30", "vr 27 nov 11:30"],
        "Europe/Amsterdam",
    ),
    (
        HU,
        "Kovács Kft",
        "pénteken 10:30-kor vagy 11:30-kor hívni a Kovács Kft-t",
        "A(z) „11:30-kor” időpontként nem volt érthető.",
        ["nov. 27., P 10:30", "nov. 27., P 11:30"],
        "Europe/Budapest",
    ),
]


@pytest.mark.parametrize(("fake", "client", "typed", "question", "choices", "zone"), CASES)
async def test_unread_time_is_asked_with_buttons_and_the_choice_is_saved(
    bot, flow, fake, client, typed, question, choices, zone
):
    owner = await flow.user(fake)
    client_id = await flow.client(owner, client)
    card = await bot.say(fake, typed)
    lines = card.text.splitlines()
    assert lines[1].startswith(question), lines
    rows = card.reply_markup["inline_keyboard"]
    alternatives = [b["text"] for b in rows[0]]
    assert alternatives == choices
    assert not [d for d in card.callback_data if d.startswith("fu:s:")]  # no Save yet
    # the user means the second time: press it, then Save
    second = rows[0][1]["callback_data"]
    chosen = await bot.press_and_edit(fake, second, message_id=card.message_id)
    assert "fu:s:" in " ".join(chosen.callback_data)
    _, row = await flow.save(fake, chosen)
    assert local(row["due_at"], zone).isoformat() == "2026-11-27T11:30:00" + (
        "+03:00" if zone == "Europe/Moscow" else "+01:00"
    )
    assert row["client_id"] == client_id
    assert "11" not in row["text"]  # the words asked about are not left in the task


async def test_early_next_month_offers_days_and_saves_none_silently(bot, flow):
    erin = await flow.user(EN)
    await flow.client(erin, "Acme GmbH")
    card = await bot.say(EN, "early next month call Acme")
    assert card.text.splitlines()[0] == "📞 Call · Acme GmbH · time? · call"
    assert card.text.splitlines()[1].startswith("I did not understand “early next month”")
    assert [b["text"] for b in card.reply_markup["inline_keyboard"][0]] == [
        "Tue 1 Dec 09:00",
        "Sat 5 Dec 09:00",
    ]
    assert not [d for d in card.callback_data if d.startswith("fu:s:")]
    assert await flow.reminders() == []


async def test_time_typed_in_another_zone_is_converted_and_shown_as_typed(bot, flow):
    nina = await flow.user(NL)
    await flow.client(nina, "Jansen BV")
    card = await bot.say(NL, "vrijdag om 10:00 Londense tijd Jansen bellen")
    assert card.text.splitlines() == [
        "📞 Bellen · Jansen BV · vr 27 nov 11:00 (Amsterdam) · bellen",
        "🌐 zoals getypt: 10:00 Londense tijd",
    ]
    _, row = await flow.save(NL, card)
    assert local(row["due_at"], "Europe/Amsterdam").isoformat() == "2026-11-27T11:00:00+01:00"


async def test_unknown_client_is_proposed_without_its_case_ending(bot, flow):
    await flow.user(HU)
    card = await bot.say(HU, "holnap 10-kor hívjam fel a Minta Bt-t")
    assert "Minta Bt”" in card.text and "Bt-t”" not in card.text
    assert button(card, "fu:nc:")
    without = await bot.press_and_edit(HU, button(card, "fu:w:"), message_id=card.message_id)
    _, row = await flow.save(HU, without)
    assert row["text"] == "hívjam fel a Minta Bt-t"  # the name stays in the task


async def test_unmatched_russian_name_stays_in_the_task(bot, flow):
    await flow.user(RU)
    card = await bot.say(RU, "позвонить Рога и Копыта завтра в 11")
    without = await bot.press_and_edit(RU, button(card, "fu:w:"), message_id=card.message_id)
    _, row = await flow.save(RU, without)
    assert row["text"] == "позвонить Рога и Копыта"
    assert local(row["due_at"], "Europe/Moscow").isoformat() == "2026-11-25T11:00:00+03:00"
