"""The SQLite -> PostgreSQL boundary: placeholders, twins, and one twin per migration."""

from __future__ import annotations

import importlib
import pkgutil

import storage
from storage import chat_ids
from storage.db import available_migrations
from storage.dialect import TWINS, _key, to_postgres
from storage.pg import MIGRATIONS_PACKAGE


def test_every_sqlite_migration_has_a_postgres_twin_with_the_same_number() -> None:
    sqlite = {version: name for version, name, _ in available_migrations()}
    postgres = {version: name for version, name, _ in available_migrations(MIGRATIONS_PACKAGE)}
    assert sqlite, "no SQLite migrations found"
    missing = {name for version, name in sqlite.items() if postgres.get(version) != name}
    assert not missing, f"write storage/migrations/postgres/ twins of: {sorted(missing)}"
    assert set(postgres) == set(sqlite)


def test_question_marks_become_numbered_and_literals_are_left_alone() -> None:
    ((sql, args),) = to_postgres("SELECT '?' , x FROM t WHERE a = ? AND b = ?", (1, "b"))
    assert sql == "SELECT '?' , x FROM t WHERE a = $1::bigint AND b = $2::text"
    assert args == [1, "b"]


def test_named_parameters_keep_one_number_per_name() -> None:
    ((sql, args),) = to_postgres("UPDATE t SET a = :x WHERE b = :y OR c = :x", {"x": 1, "y": 2})
    assert sql == "UPDATE t SET a = $1::bigint WHERE b = $2::bigint OR c = $1::bigint"
    assert args == [1, 2]


def test_none_is_left_untyped_and_bools_become_integers() -> None:
    ((sql, args),) = to_postgres("UPDATE t SET a = ?, b = ?", (None, True))
    assert sql == "UPDATE t SET a = $1, b = $2::bigint"
    assert args == [None, 1]


def test_sqlite_only_spellings_are_rewritten() -> None:
    ((sql, _),) = to_postgres("SELECT 1 WHERE a IS NOT ? AND b = ? COLLATE NOCASE", (1, "x"))
    assert "IS DISTINCT FROM $1" in sql and "lower(b) = lower($2::text)" in sql
    ((sql, _),) = to_postgres("UPDATE t SET a = MAX(COALESCE(a, 0), ?)", (3,))
    assert "GREATEST(COALESCE(a, 0), $1::bigint)" in sql


def test_every_twin_replaces_a_statement_a_repository_runs() -> None:
    statements = set()
    for module_info in pkgutil.iter_modules(storage.__path__):
        module = importlib.import_module(f"storage.{module_info.name}")
        for value in vars(module).values():
            items = value if isinstance(value, tuple) else (value,)
            statements |= {_key(item) for item in items if isinstance(item, str)}
    assert set(TWINS) <= statements
    assert _key(chat_ids.MIGRATE[0]) in TWINS
    statements_of_twin = to_postgres(chat_ids.MIGRATE[0], (2, 1))
    assert [args for _, args in statements_of_twin] == [[2, 1], [2, 1]]
