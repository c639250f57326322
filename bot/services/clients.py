"""Clients: create, find by fuzzy name, the card, edits with a version check, owners.

Visibility: every registered user may read every client (managers read the team's
clients, viewers read only); only an admin or the owning manager may change one. Each
service call is one transaction; a stale `version` raises Conflict and changes nothing.
"""

from __future__ import annotations

import re
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from bot.clock import Clock
from bot.config import Config
from bot.dates import parse_date
from bot.errors import AmbiguousClient, Conflict, InvalidInput, NotAllowed, NotFound
from bot.names import ClientIndex, ClientRef, clean, name_key
from bot.services.clientindex import FastIndex
from bot.services.dates import DateReader
from storage import audit, clients, contacts, contracts, interactions, invoices, reminders, users
from storage.clients import Client, ClientRow
from storage.contacts import Contact
from storage.contracts import Contract
from storage.db import Database, Tx
from storage.interactions import Interaction
from storage.invoices import Invoice
from storage.users import User

MAX_NAME = 200
MAX_TEXT = 20_000
SEGMENTS = ("small", "medium", "large", "government")
STATUSES = ("prospect", "active", "paused", "lost")
PAGE_SIZE = 8
CARD_INTERACTIONS = 5
# Below an exact key, matches this close to the best are "the same strength": ask which.
TIE_MARGIN = 8.0
DUPLICATE_SCORE = 90.0

_PHONE = re.compile(r"\+?[\d][\d ()./-]{3,30}")
_EMAIL = re.compile(r"[^@\s<>]+@[^@\s<>]+\.[^@\s<>]+")


def clean_name(text: str) -> str:
    """A client name as stored: invisible characters gone, spaces collapsed, 1-200 chars."""
    name = " ".join(clean(text or "").split())
    if not name_key(name):
        raise InvalidInput("clients.bad_name_empty")
    if len(name) > MAX_NAME:
        raise InvalidInput("clients.bad_name_long", limit=MAX_NAME)
    return name


def clean_text(text: str, limit: int = MAX_TEXT) -> str:
    value = clean(text or "").strip()
    if not value:
        raise InvalidInput("clients.bad_text_empty")
    if len(value) > limit:
        raise InvalidInput("clients.bad_text_long", limit=limit)
    return value


def validate_field(field: str, raw: str) -> object:
    """The stored value of `field` typed as `raw`; InvalidInput with a reason otherwise."""
    text = (raw or "").strip()
    if field == "name":
        return clean_name(text)
    if field == "phone":
        if not _PHONE.fullmatch(text):
            raise InvalidInput("clients.bad_phone", value=text[:40])
        return text
    if field == "email":
        if not _EMAIL.fullmatch(text) or len(text) > 254:
            raise InvalidInput("clients.bad_email", value=text[:60])
        return text
    if field == "segment":
        if text.lower() not in SEGMENTS:
            raise InvalidInput("clients.bad_choice", value=text[:40])
        return text.lower()
    if field == "status":
        if text.lower() not in STATUSES:
            raise InvalidInput("clients.bad_choice", value=text[:40])
        return text.lower()
    if field == "key_account":
        return text.lower() in ("1", "yes", "true", "y")
    if field == "renewal_date":
        return parse_date(text).isoformat()
    if field == "payment_terms_days":
        if not text.isdigit() or int(text) > 3650:
            raise InvalidInput("clients.bad_days", value=text[:20])
        return int(text)
    if field == "cadence_days":
        if not text.isdigit() or not 1 <= int(text) <= 3650:
            raise InvalidInput("clients.bad_cadence", value=text[:20])
        return int(text)
    if field in ("company", "contact_person", "loss_reason", "tags"):
        return clean_text(text, 500)
    if field == "notes":
        return clean_text(text)
    raise InvalidInput()


def contact_values(
    name: str,
    role: str | None = None,
    phone: str | None = None,
    email: str | None = None,
    decision_maker: bool = False,
) -> dict[str, Any]:
    """A contact's fields as stored, validated (added or edited alike)."""
    return {
        "name": clean_text(name, MAX_NAME),
        "role": clean_text(role, 100) if role else None,
        "phone": str(validate_field("phone", phone)) if phone else None,
        "email": str(validate_field("email", email)) if email else None,
        "decision_maker": decision_maker,
    }


@dataclass(frozen=True, slots=True)
class Card:
    client: Client
    owner_name: str
    contacts: list[Contact]
    interactions: list[Interaction]
    invoices: list[Invoice]
    next_reminder: tuple[int, str] | None
    contract: Contract | None
    can_edit: bool


@dataclass(frozen=True, slots=True)
class Page:
    rows: list[ClientRow]
    page: int
    has_next: bool


async def audit_client(
    tx: Tx, user: User, action: str, client_id: int | None, now: int, **details: object
) -> None:
    """The audit row every owner change, delete, archive, creation and import leaves."""
    await audit.record(
        tx,
        user_id=user.id,
        action=action,
        entity="client",
        entity_id=client_id,
        now=now,
        details=details,
    )


def can_write(user: User, client: Client) -> bool:
    return user.is_admin or (user.role == "manager" and client.owner_id == user.id)


class ClientsService:
    def __init__(
        self,
        db: Database,
        clock: Clock,
        config: Config,
        *,
        covers: Callable[[User, int], Awaitable[bool]] | None = None,
        dates: DateReader | None = None,
    ) -> None:
        self._db = db
        self._dates = dates or DateReader(clock)
        # Whether a user covers for an absent owner today: their deputy may log and edit.
        self._covers = covers
        self._clock = clock
        self._config = config
        self._index: ClientIndex | None = None
        self._fast: FastIndex | None = None
        self._stamp: tuple[int, int, int] | None = None
        self._names: list[tuple[int, str]] = []

    # -- finding -------------------------------------------------------------------------

    async def index(self) -> ClientIndex:
        """The fuzzy index of active clients, rebuilt only when a name changed (any edit
        bumps the stamp; then the names are reread, ~6 ms at 10,000, and compared)."""
        current = await clients.stamp(self._db)
        if self._index is None or current != self._stamp:
            names = await clients.names(self._db)
            if self._index is None or names != self._names:  # not just a notes edit
                self._index = ClientIndex(ClientRef(cid, name) for cid, name in names)
                self._fast = FastIndex(self._index)
                self._names = names
            self._stamp = current
        return self._index

    async def find(self, query: str) -> Client:
        """The one client `query` names. NotFound, or AmbiguousClient with the candidates."""
        text = (query or "").strip()
        if not text or not name_key(text):
            raise InvalidInput("clients.name_required")
        found = await self.lookup(text)
        if not found:
            raise NotFound("clients.not_found", query=text[:100])
        if len(found) > 1:
            raise AmbiguousClient(found, query=text[:100])
        return await self.get(found[0].id)

    async def lookup(self, query: str) -> list[ClientRef]:
        """The client `query` names ([one]), the equally close candidates, or []. /client and
        a follow-up naming a client the parser did not recognise ("Logistik") share it."""
        text = (query or "").strip()
        if not name_key(text):
            return []
        await self.index()
        assert self._fast is not None
        exact = self._fast.exact(text)
        if len(exact) == 1:  # the common case: the name as stored, any case or legal form
            return [exact[0]]
        found = self._fast.match(text, limit=6)
        if not found:
            return []
        best = found[0][1]
        close = [ref for ref, score in found if score >= best - TIE_MARGIN]
        if len(close) > 1 and not (best == 100.0 and found[1][1] < 100.0):
            return close
        return [found[0][0]]

    async def named_exactly(self, text: str) -> bool:
        """True when `text` is some client's name (any case or legal form)."""
        if not name_key(text):
            return False
        await self.index()
        assert self._fast is not None
        return bool(self._fast.exact(text))

    async def similar(self, name: str) -> list[ClientRef]:
        """Existing clients a new `name` would duplicate (same key or very close)."""
        return [ref for ref, score in (await self.index()).match(name) if score >= DUPLICATE_SCORE]

    async def get(self, client_id: int) -> Client:
        client = await clients.get(self._db, client_id)
        if client is None:
            raise NotFound("clients.gone")
        return client

    async def writable(self, user: User, client_id: int) -> Client:
        """The client, when `user` may write on it now: its owner, an admin, or the
        colleague covering for the absent owner. Everyone else reads only (NotAllowed)."""
        client = await self.get(client_id)
        if not await self.may_write(user, client):
            raise NotAllowed("clients.read_only")
        return client

    async def may_write(self, user: User, client: Client) -> bool:
        if can_write(user, client):
            return True
        covers = self._covers
        return user.can_write and covers is not None and await covers(user, client.owner_id)

    # -- creating ------------------------------------------------------------------------

    async def create(self, user: User, name: str, **fields: object) -> Client:
        """A new client owned by `user`; optional fields are validated like edits."""
        if not user.can_write:
            raise NotAllowed()
        values: dict[str, Any] = {"name": clean_name(name)}
        for field, raw in fields.items():
            if raw not in (None, ""):
                values[field] = raw if isinstance(raw, bool) else validate_field(field, str(raw))
        now = self._clock.timestamp()
        async with self._db.transaction() as tx:
            client_id = await clients.insert(
                tx, name_key=name_key(values["name"]), owner_id=user.id, now=now, **values
            )
            await contracts.follow_renewal_date(tx, client_id, values.get("renewal_date"), now)
            await audit_client(tx, user, "create", client_id, now, owner_id=user.id)
        return await self.get(client_id)

    # -- the card ------------------------------------------------------------------------

    async def card(self, user: User, client_id: int) -> Card:
        client = await self.get(client_id)
        owner = await users.get(self._db, client.owner_id)
        return Card(
            client=client,
            owner_name=owner.name if owner else str(client.owner_id),
            contacts=await contacts.for_client(self._db, client_id),
            interactions=await interactions.for_client(
                self._db, client_id, limit=CARD_INTERACTIONS
            ),
            invoices=await invoices.open_for_client(self._db, client_id),
            next_reminder=await clients.next_reminder(self._db, client_id),
            contract=await contracts.latest(self._db, client_id),
            can_edit=await self.may_write(user, client),  # the covering colleague too
        )

    async def page(
        self,
        user: User,
        *,
        scope: str = "mine",
        segment: str | None = None,
        silent_days: int | None = None,
        page: int = 0,
    ) -> Page:
        """A page of the list: scope mine|all, optional segment, not contacted for N days."""
        silent_before = None
        if silent_days is not None:
            silent_before = self._clock.timestamp() - silent_days * 86400
        rows = await clients.list_page(
            self._db,
            owner_id=user.id if scope == "mine" else None,
            segment=segment if segment in SEGMENTS else None,
            silent_before=silent_before,
            limit=PAGE_SIZE + 1,
            offset=max(page, 0) * PAGE_SIZE,
        )
        return Page(rows[:PAGE_SIZE], max(page, 0), len(rows) > PAGE_SIZE)

    # -- changing ------------------------------------------------------------------------

    async def edit(self, user: User, client_id: int, version: int, field: str, raw: str) -> Client:
        """Set one field from what the user typed; Conflict if someone edited meanwhile."""
        if field not in clients.EDITABLE:
            raise InvalidInput()
        value = self.typed_value(user, field, raw)
        changes: dict[str, Any] = {field: value}
        if field == "name":
            changes["name_key"] = name_key(str(value))
        if field == "status" and value != "lost":
            changes["loss_reason"] = None
        if field == "key_account":
            changes[field] = int(bool(value))
        return await self._change(user, client_id, version, changes, action=None)

    async def set_status(
        self, user: User, client_id: int, version: int, status: str, reason: str | None = None
    ) -> Client:
        if status not in STATUSES:
            raise InvalidInput()
        changes: dict[str, Any] = {"status": status, "loss_reason": None}
        if status == "lost":
            changes["loss_reason"] = clean_text(reason or "", 500)
        return await self._change(user, client_id, version, changes, action=None)

    async def archive(
        self, user: User, client_id: int, version: int, *, restore: bool = False
    ) -> Client:
        """Hide the client from lookups and lists (restore=True brings it back)."""
        action = "restore" if restore else "archive"
        return await self._change(user, client_id, version, {"archived": int(not restore)}, action)

    async def reassign(self, admin: User, client_id: int, version: int, owner_id: int) -> Client:
        if not admin.is_admin:
            raise NotAllowed()
        owner = await users.get(self._db, owner_id)
        if owner is None or not owner.active or owner.role == "viewer":
            raise InvalidInput("clients.bad_owner")
        return await self._change(admin, client_id, version, {"owner_id": owner_id}, "reassign")

    async def reassign_all(self, admin: User, from_id: int, to_id: int) -> tuple[int, int]:
        """Every client of one owner to another in one transaction, an audit row per client;
        returns (clients moved, open reminders moved with them)."""
        if not admin.is_admin:
            raise NotAllowed()
        owner = await users.get(self._db, to_id)
        if owner is None or not owner.active or owner.role == "viewer" or from_id == to_id:
            raise InvalidInput("clients.bad_owner")
        now = self._clock.timestamp()
        moved_clients = moved_reminders = 0
        async with self._db.transaction() as tx:
            for client in await clients.list_for_export(tx, from_id):
                if not await clients.update(
                    tx, client.id, client.version, {"owner_id": to_id}, now
                ):
                    raise Conflict(client_id=client.id)
                moved = await reminders.move_client(
                    tx, client.id, from_owner=from_id, to_owner=to_id, now=now
                )
                await audit_client(
                    tx,
                    admin,
                    "reassign",
                    client.id,
                    now,
                    owner_id=to_id,
                    from_owner_id=from_id,
                    reminders_moved=moved,
                    bulk=True,
                )
                moved_clients += 1
                moved_reminders += moved
        return moved_clients, moved_reminders

    async def open_reminders(self, client_id: int) -> int:
        return await reminders.count_open_for_client(self._db, client_id)

    async def owned_count(self, owner_id: int) -> int:
        return len(await clients.list_for_export(self._db, owner_id))

    async def _change(
        self,
        user: User,
        client_id: int,
        version: int,
        changes: dict[str, Any],
        action: str | None,
    ) -> Client:
        checked = await self.writable(user, client_id)  # covering is read outside the write
        now = self._clock.timestamp()
        async with self._db.transaction() as tx:
            before = await clients.get(tx, client_id)
            if before is None:
                raise NotFound("clients.gone")
            if before.owner_id != checked.owner_id and not can_write(user, before):
                raise NotAllowed("clients.read_only")  # reassigned meanwhile
            if not await clients.update(tx, client_id, version, changes, now):
                raise Conflict(client_id=client_id)
            if changes.get("renewal_date"):
                await contracts.follow_renewal_date(
                    tx, client_id, str(changes["renewal_date"]), now
                )
            if action:
                details = {key: value for key, value in changes.items()}
                if action == "reassign":
                    details["from_owner_id"] = before.owner_id
                    details["reminders_moved"] = await reminders.move_client(
                        tx,
                        client_id,
                        from_owner=before.owner_id,
                        to_owner=int(changes["owner_id"]),
                        now=now,
                    )
                await audit_client(tx, user, action, client_id, now, **details)
        return await self.get(client_id)

    async def forget(self, admin: User, client_id: int) -> str:
        """Delete the client and everything hanging off it; returns the name it had."""
        if not admin.is_admin:
            raise NotAllowed()
        now = self._clock.timestamp()
        async with self._db.transaction() as tx:
            client = await clients.get(tx, client_id)
            if client is None:
                raise NotFound("clients.gone")
            await clients.delete(tx, client_id)
            await audit_client(
                tx, admin, "delete", client_id, now, name=client.name, owner_id=client.owner_id
            )
        return client.name

    async def add_contact(
        self,
        user: User,
        client_id: int,
        name: str,
        *,
        role: str | None = None,
        phone: str | None = None,
        email: str | None = None,
        decision_maker: bool = False,
    ) -> Contact:
        await self.writable(user, client_id)
        values = contact_values(name, role, phone, email, decision_maker)
        async with self._db.transaction() as tx:
            await contacts.insert(tx, client_id=client_id, now=self._clock.timestamp(), **values)
        return (await contacts.for_client(self._db, client_id))[-1]

    def typed_value(self, user: User, field: str, raw: str) -> object:
        """`validate_field`, except that a date typed by a user is read as in a follow-up
        ("30 April 2027", "через неделю"); a CSV import keeps the strict ISO form."""
        if field == "renewal_date":
            return self._dates.read(user, raw, day=True, alone=True).day.isoformat()
        return validate_field(field, raw)

    def today(self, user: User) -> date:
        """The user's date now, in their zone."""
        return self._clock.now().astimezone(ZoneInfo(user.timezone)).date()

    def days_ago(self, days: int) -> int:
        return int((self._clock.now() - timedelta(days=days)).timestamp())
