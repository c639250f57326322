"""Operator commands beside the bot itself: `python -m bot migrate-db | backup | restore`.

They talk to whoever runs the server, in English on stdout/stderr, and exit 0 on success,
1 when they refused or failed (with the reason), 2 on a usage error.
"""

from __future__ import annotations

import argparse
import asyncio
import sqlite3
import sys
from datetime import UTC, datetime
from pathlib import Path

import asyncpg

from bot.config import Config
from storage.backup import backup, backup_name, restore
from storage.errors import StorageError
from storage.transfer import describe, migrate_db

COMMANDS = ("migrate-db", "backup", "restore")


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m bot")
    sub = parser.add_subparsers(dest="command", required=True)
    move = sub.add_parser("migrate-db", help="copy the SQLite database into PostgreSQL")
    move.add_argument("--to", required=True, metavar="postgresql://...")
    copy = sub.add_parser("backup", help="an online, checked copy of the SQLite database")
    copy.add_argument("path", nargs="?", type=Path)
    back = sub.add_parser("restore", help="replace the SQLite database with a backup")
    back.add_argument("path", type=Path)
    return parser


def run(config: Config, argv: list[str]) -> int:
    """Run one operator command; returns the process exit status."""
    args = _parser().parse_args(argv)
    try:
        if args.command == "migrate-db":
            if not args.to.startswith(("postgresql://", "postgres://")):
                print("migrate-db: --to must be a postgresql:// URL", file=sys.stderr)
                return 2
            copies = asyncio.run(migrate_db(config.database_path, args.to))
            print(describe(copies))
            print(f"migrate-db: {len(copies)} tables copied and checked; set DATABASE_URL")
        elif args.command == "backup":
            target = args.path or (config.backup_dir or config.database_path.parent / "backups")
            if target.is_dir() or args.path is None:
                target = target / backup_name(datetime.now(UTC))
            print(f"backup: {backup(config.database_path, target)} (integrity_check ok)")
        else:
            restore(args.path, config.database_path)
            print(f"restore: {config.database_path} now holds {args.path}")
    except (StorageError, OSError, sqlite3.Error, asyncpg.PostgresError) as error:
        print(f"{args.command}: {error}", file=sys.stderr)
        return 1
    return 0
