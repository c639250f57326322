"""This worker's Prometheus metrics (served by bot/health.py on HEALTH_PORT)."""

from __future__ import annotations

from dataclasses import dataclass, field

from prometheus_client import CollectorRegistry, Counter, Gauge


@dataclass
class Metrics:
    """This worker's counters; the reminder gauges are read from the database per scrape."""

    registry: CollectorRegistry = field(default_factory=CollectorRegistry)

    def __post_init__(self) -> None:
        r = self.registry
        self.updates = Counter("amb_updates", "Telegram updates handled", registry=r)
        self.handler_errors = Counter("amb_handler_errors", "Unhandled handler errors", registry=r)
        self.reminders = Gauge("amb_reminders", "Reminders by status", ["status"], registry=r)
        self.late = Gauge(
            "amb_reminders_late", "Pending reminders due over a minute ago", registry=r
        )
        self.lag = Gauge(
            "amb_dispatch_lag_seconds", "Age of the oldest due pending reminder", registry=r
        )
        self.delivered = Gauge(
            "amb_messages_delivered", "Reminder messages sent by this worker", registry=r
        )
