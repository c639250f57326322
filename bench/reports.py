"""Benchmark /report for a large team: the figures and the chart rendering, cold and warm.

    python bench/reports.py [--managers 50 --clients 10000 --interactions 100000 ...]

Builds a SQLite file with a synthetic team, then times, in this one process: importing the
report package (matplotlib included), the first report with charts (cold), and repeated
reports (warm) for the team's month, the team's quarter and one manager's month. Budget:
a report with its charts in under 2 s. Prints one JSON line.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import random
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from bot.clock import FakeClock
from storage import users
from storage.db import Database

NOW = datetime(2026, 11, 24, 9, 0, tzinfo=UTC)
BUDGET_S = 2.0
KINDS = ("call", "call", "call", "email", "email", "meeting", "message", "note", "complaint")
REASONS = ("price", "moved to a competitor", "no budget", None)
DAY = 86400


async def populate(db: Database, args: argparse.Namespace, rng: random.Random) -> None:
    now = int(NOW.timestamp())
    today = NOW.date()
    managers = list(range(10_001, 10_001 + args.managers))
    async with db.transaction() as tx:
        await tx.executemany(
            "INSERT INTO users (id, name, role, timezone, created_at, updated_at)"
            " VALUES (?, ?, ?, 'Europe/Amsterdam', 0, 0)",
            [
                (
                    1,
                    "Admin",
                    "admin",
                )
            ]
            + [(m, f"Manager {m - 10_000:02d}", "manager") for m in managers],
        )
        clients = []
        for n in range(1, args.clients + 1):
            lost = rng.random() < 0.05
            created = now - rng.randrange(0, 730 * DAY)
            clients.append(
                (
                    n,
                    f"Client {n}",
                    f"client {n}",
                    rng.choice(managers),
                    "lost" if lost else "active",
                    rng.choice(REASONS) if lost else None,
                    created,
                    min(now, created + rng.randrange(0, 400 * DAY)),
                )
            )
        await tx.executemany(
            "INSERT INTO clients (id, name, name_key, owner_id, status, loss_reason, created_at,"
            " updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            clients,
        )
        owner = {c[0]: c[3] for c in clients}
        interactions = []
        for _ in range(args.interactions):
            client = rng.randrange(1, args.clients + 1)
            kind = rng.choice(KINDS)
            happened = now - rng.randrange(0, 365 * DAY)
            status = rng.choice(("open", "resolved")) if kind == "complaint" else None
            interactions.append((client, owner[client], kind, happened, "x", status, happened))
        await tx.executemany(
            "INSERT INTO interactions (client_id, user_id, kind, happened_at, summary,"
            " complaint_status, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
            interactions,
        )
        await tx.executemany(
            "INSERT INTO invoices (client_id, amount_minor, currency, due_on, paid_at,"
            " created_at) VALUES (?, ?, ?, ?, ?, ?)",
            [
                (
                    rng.randrange(1, args.clients + 1),
                    rng.randrange(1_000, 5_000_000),
                    rng.choice(("EUR", "EUR", "USD", "HUF", "RUB")),
                    (today + timedelta(days=rng.randrange(-200, 60))).isoformat(),
                    now - rng.randrange(0, 30 * DAY) if rng.random() < 0.7 else None,
                    now - 400 * DAY,
                )
                for _ in range(args.invoices)
            ],
        )
        await tx.executemany(
            "INSERT INTO contracts (client_id, end_on, renewed, created_at) VALUES (?, ?, ?, 0)",
            [
                (
                    rng.randrange(1, args.clients + 1),
                    (today + timedelta(days=rng.randrange(-90, 270))).isoformat(),
                    int(rng.random() < 0.4),
                )
                for _ in range(args.contracts)
            ],
        )
        reminders = []
        for _ in range(args.reminders):
            due = now + rng.randrange(-60 * DAY, 30 * DAY)
            done = due + rng.randrange(0, 3 * DAY) if due < now and rng.random() < 0.8 else None
            reminders.append((rng.choice(managers), due, "done" if done else "pending", done))
        await tx.executemany(
            "INSERT INTO reminders (owner_id, chat_id, kind, text, due_at, status, done_at,"
            " created_at, updated_at) VALUES (?, 1, 'follow_up', 'x', ?, ?, ?, 0, 0)",
            reminders,
        )


async def run(args: argparse.Namespace) -> dict:
    rng = random.Random(args.seed)
    with tempfile.TemporaryDirectory() as tmp:
        db = await Database.open(Path(tmp) / "bench.sqlite3")
        try:
            started = time.perf_counter()
            await populate(db, args, rng)
            populate_s = time.perf_counter() - started

            started = time.perf_counter()
            from bot.reports import ReportService  # matplotlib is imported here

            import_s = time.perf_counter() - started
            service = ReportService(db, FakeClock(NOW))
            admin = await users.get(db, 1)
            manager = await users.get(db, 10_001)
            assert admin is not None and manager is not None

            async def one(viewer, kind: str, manager_id=None) -> tuple[float, float, int]:
                t0 = time.perf_counter()
                report = await service.build(viewer, service.period(viewer, kind), manager_id)
                t1 = time.perf_counter()
                charts = await service.charts(report, viewer.language)
                t2 = time.perf_counter()
                return t1 - t0, t2 - t1, len(charts)

            cold = await one(admin, "month")
            scenarios = {
                "team_month": (admin, "month", None),
                "team_quarter": (admin, "quarter", None),
                "manager_month": (manager, "month", None),
            }
            figures: dict[str, dict] = {}
            for name, (viewer, kind, manager_id) in scenarios.items():
                runs = [await one(viewer, kind, manager_id) for _ in range(args.runs)]
                totals = sorted(q + c for q, c, _ in runs)
                figures[name] = {
                    "query_s": round(statistics.median(q for q, _, _ in runs), 4),
                    "charts_s": round(statistics.median(c for _, c, _ in runs), 4),
                    "total_median_s": round(statistics.median(totals), 4),
                    "total_max_s": round(totals[-1], 4),
                    "charts": runs[0][2],
                }
        finally:
            await db.close()
    worst = max(item["total_max_s"] for item in figures.values())
    cold_total = cold[0] + cold[1]
    return {
        "bench": "reports",
        "managers": args.managers,
        "clients": args.clients,
        "interactions": args.interactions,
        "invoices": args.invoices,
        "contracts": args.contracts,
        "reminders": args.reminders,
        "populate_s": round(populate_s, 3),
        "import_s": round(import_s, 3),
        "cold_query_s": round(cold[0], 4),
        "cold_charts_s": round(cold[1], 4),
        "cold_total_s": round(cold_total, 4),
        **figures,
        "worst_warm_s": worst,
        "budget_s": BUDGET_S,
        "ok": worst < BUDGET_S and cold_total < BUDGET_S,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--managers", type=int, default=50)
    parser.add_argument("--clients", type=int, default=10_000)
    parser.add_argument("--interactions", type=int, default=100_000)
    parser.add_argument("--invoices", type=int, default=3_000)
    parser.add_argument("--contracts", type=int, default=2_000)
    parser.add_argument("--reminders", type=int, default=5_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--seed", type=int, default=8)
    args = parser.parse_args(argv)
    result = asyncio.run(run(args))
    print(json.dumps(result, sort_keys=False))
    return 0 if result["ok"] else 1


if __name__ == "__main__":
    sys.exit(main())
