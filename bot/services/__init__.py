"""Application services: the use cases handlers call. No Telegram types in here."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from bot.clock import Clock
from bot.config import Config
from bot.metrics import Metrics
from bot.reminders.obligations import ObligationsService
from bot.reminders.service import ReminderService
from bot.reports import ReportService
from bot.services.access import AccessService
from bot.services.clients import ClientsService
from bot.services.contacts import ContactsService
from bot.services.contracts import ContractsService
from bot.services.datechoices import DateChoiceStore
from bot.services.dates import DateReader
from bot.services.drafts import DraftStore
from bot.services.followups import FollowUpService
from bot.services.receipts import ReceiptService
from bot.services.records import RecordsService
from bot.services.settings import SettingsService
from bot.services.steps import StepService
from bot.services.team import TeamService
from bot.services.transfer import TransferService
from storage.db import Database

if TYPE_CHECKING:
    from bot.reminders.outbox import Outbox


@dataclass(slots=True)
class Services:
    config: Config
    clock: Clock
    db: Database
    access: AccessService
    settings: SettingsService
    team: TeamService
    clients: ClientsService
    records: RecordsService
    contacts: ContactsService
    contracts: ContractsService
    transfer: TransferService
    reports: ReportService
    reminders: ReminderService
    obligations: ObligationsService
    followups: FollowUpService
    dates: DateReader
    steps: StepService
    drafts: DraftStore
    date_choices: DateChoiceStore
    receipts: ReceiptService
    metrics: Metrics = field(default_factory=Metrics)
    outbox: Outbox | None = None  # set once the bot exists (BotRuntime): the one delivery path

    @classmethod
    def create(cls, config: Config, clock: Clock, db: Database) -> Services:
        team = TeamService(db, clock, config)
        # Dates typed anywhere are read by the follow-up parser, built later (in a thread).
        dates = DateReader(clock, lambda: followups.parser)
        clients = ClientsService(db, clock, config, covers=team.covers, dates=dates)
        records = RecordsService(db, clock, clients, dates)
        reminders = ReminderService(
            db, clock, config, writable=clients.writable, covers=team.covers
        )
        reminders.read_moment = lambda user, text: dates.read(user, text, alone=True).epoch
        contracts = ContractsService(db, clock, clients, dates)
        followups = FollowUpService(clock, clients, records, reminders, contracts=contracts)
        return cls(
            config=config,
            clock=clock,
            db=db,
            access=AccessService(db, clock, config),
            settings=SettingsService(db, clock),
            team=team,
            clients=clients,
            records=records,
            contacts=ContactsService(db, clients),
            contracts=contracts,
            dates=dates,
            transfer=TransferService(db, clock),
            reports=ReportService(db, clock, config),
            reminders=reminders,
            obligations=ObligationsService(db, clock),
            followups=followups,
            steps=StepService(db, clock),
            drafts=DraftStore(db, clock),
            date_choices=DateChoiceStore(db, clock),
            receipts=ReceiptService(db, clock),
        )

    @property
    def delivery(self) -> Outbox:
        """The one delivery path; the runtime sets it before any update or job runs."""
        assert self.outbox is not None, "BotRuntime sets services.outbox at start-up"
        return self.outbox
