"""Editing and deleting a client's contacts (adding is ClientsService.add_contact): the
same right as editing the client, the same validation as adding."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from bot.errors import NotFound
from bot.services.clients import ClientsService, contact_values
from storage import contacts
from storage.contacts import Contact
from storage.db import Database
from storage.users import User


class ContactsService:
    def __init__(self, db: Database, clients: ClientsService) -> None:
        self._db = db
        self._clients = clients

    async def get(self, contact_id: int) -> Contact:
        found = await contacts.get(self._db, contact_id)
        if found is None:
            raise NotFound("contacts.gone")
        return found

    async def writable(self, user: User, contact_id: int) -> Contact:
        """The contact, if `user` may change its client."""
        found = await self.get(contact_id)
        await self._clients.writable(user, found.client_id)
        return found

    async def edit(
        self,
        user: User,
        contact_id: int,
        name: str,
        **fields: Any,
    ) -> Contact:
        """New values for every field (role, phone, email, decision_maker as when adding)."""
        found = await self.writable(user, contact_id)
        changed = replace(found, **contact_values(name, **fields))
        async with self._db.transaction() as tx:
            if not await contacts.update(tx, changed):
                raise NotFound("contacts.gone")
        return changed

    async def delete(self, user: User, contact_id: int) -> Contact:
        found = await self.writable(user, contact_id)
        async with self._db.transaction() as tx:
            if not await contacts.delete(tx, contact_id):
                raise NotFound("contacts.gone")
        return found
