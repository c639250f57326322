"""Seed the sandbox: its people in the emulator and the database, and the demo portfolio.

Safe to run on every start: users are only inserted when missing, the demo portfolio only
when the database has no client yet, and the emulator (memory only) is re-told each time.
"""

from __future__ import annotations

from datetime import date, timedelta

from bot.clock import Clock
from bot.names import name_key
from sandbox.demo_data import CLIENTS, PERSONAS, TEAM_CHAT_ID, TEAM_TITLE, DemoClient
from sandbox.emulator import BotApiEmulator
from storage import clients, demo, interactions, team_chats, users
from storage.db import Database, Tx

SECONDS_PER_DAY = 86400


def seed_emulator(emulator: BotApiEmulator) -> None:
    """The personas' private chats and the team group, as if each had opened the bot."""
    for persona in PERSONAS:
        emulator.add_user(persona.user)
    emulator.add_group(TEAM_TITLE, chat_id=TEAM_CHAT_ID)
    for persona in PERSONAS:
        status = "creator" if persona.role == "admin" else "member"
        emulator.set_member_status(TEAM_CHAT_ID, persona.user, status)


async def seed_database(db: Database, clock: Clock) -> bool:
    """Register the personas and, into an empty database, the demo data; True if it did."""
    now = clock.timestamp()
    async with db.transaction() as tx:
        for persona in PERSONAS:
            if await users.get(tx, persona.id) is None:
                await users.insert(
                    tx,
                    user_id=persona.id,
                    name=persona.name,
                    username=persona.user.username,
                    role=persona.role,
                    language=persona.language,
                    timezone=persona.timezone,
                    working_minute=9 * 60,
                    chat_id=persona.id,
                    now=now,
                    digest_minute=9 * 60,  # "+1 day" in the page shows the morning digest
                )
        if await demo.count_clients(tx) > 0:
            return False
        admin = next(p for p in PERSONAS if p.role == "admin")
        # A bootstrap admin row exists before we run (config ADMIN_IDS): give it a face.
        await users.touch_profile(
            tx, admin.id, name=admin.name, username=admin.user.username, chat_id=admin.id, now=now
        )
        for setting, value in (
            ("language", admin.language),
            ("timezone", admin.timezone),
            ("digest_minute", 9 * 60),
        ):
            await users.update_setting(tx, admin.id, setting, value, now)
        await team_chats.register(
            tx,
            TEAM_CHAT_ID,
            title=TEAM_TITLE,
            by=admin.id,
            now=now,
            language=admin.language,
            timezone=admin.timezone,
        )
        today = clock.now().date()
        for client in CLIENTS:
            await _insert_client(tx, client, today, now)
    return True


async def _insert_client(tx: Tx, client: DemoClient, today: date, now: int) -> None:
    def day(offset: int) -> str:
        return (today + timedelta(days=offset)).isoformat()

    contract = client.contract
    client_id = await clients.insert(
        tx,
        name=client.name,
        name_key=name_key(client.name),
        owner_id=client.owner_id,
        now=now - 400 * SECONDS_PER_DAY,
        company=client.name,
        contact_person=client.contact,
        phone=client.phone,
        email=client.email,
        segment=client.segment,
        key_account=client.key_account,
        status=client.status,
        loss_reason=client.loss_reason,
        renewal_date=day(contract.ends_in_days) if contract else None,
        payment_terms_days=30,
    )
    for item in client.interactions:
        await interactions.insert(
            tx,
            client_id=client_id,
            user_id=client.owner_id,
            kind=item.kind,
            happened_at=now - item.days_ago * SECONDS_PER_DAY - 3 * 3600,
            summary=item.summary,
            outcome=item.outcome,
            complaint_status=("open" if item.complaint_open else "resolved")
            if item.kind == "complaint"
            else None,
            now=now,
        )
    for invoice in client.invoices:
        due = now + invoice.due_in_days * SECONDS_PER_DAY
        await demo.insert_invoice(
            tx,
            client_id=client_id,
            number=invoice.number,
            amount_minor=invoice.amount_minor,
            currency=client.currency,
            issued_on=day(invoice.due_in_days - 30),
            due_on=day(invoice.due_in_days),
            paid_at=due - 2 * SECONDS_PER_DAY if invoice.paid else None,
            created_by=client.owner_id,
            now=now,
        )
    if contract is not None:
        await demo.insert_contract(
            tx,
            client_id=client_id,
            title=contract.title,
            start_on=day(contract.ends_in_days - 365),
            end_on=day(contract.ends_in_days),
            notice_days=contract.notice_days,
            value_minor=contract.value_minor,
            currency=client.currency,
            now=now,
        )
    if client.follow_up is not None:
        hours, text = client.follow_up
        owner = next(p for p in PERSONAS if p.id == client.owner_id)
        await demo.insert_reminder(
            tx,
            owner_id=client.owner_id,
            client_id=client_id,
            kind="follow_up",
            text=text,
            due_at=now + int(hours * 3600),
            tz=owner.timezone,
            now=now,
        )
