"""A throw-away PostgreSQL cluster for the test suite (TEST_DB=postgres).

Debian's postgresql package (initdb, pg_ctl from /usr/lib/postgresql/*/bin) on 127.0.0.1 and
a free port, trust authentication, fsync off: a scratch server that lives as long as the
test run. As root it runs as the `postgres` user (the server refuses to run as root). Each
test gets its own database, copied from a template that already holds every migration.
"""

from __future__ import annotations

import contextlib
import glob
import hashlib
import os
import shutil
import socket
import subprocess
import tempfile
from pathlib import Path

TEMPLATE = "amb_template"


def pg_bin() -> Path:
    """The newest installed server's bin directory."""
    found = sorted(
        glob.glob("/usr/lib/postgresql/*/bin/pg_ctl"), key=lambda p: int(p.split("/")[4])
    )
    if not found:
        raise RuntimeError("PostgreSQL is not installed: apt-get install postgresql")
    return Path(found[-1]).parent


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class PgCluster:
    def __init__(self) -> None:
        self.bin = pg_bin()
        self.root = Path(tempfile.mkdtemp(prefix="amb-pg-"))
        self.data = self.root / "data"
        self.port = free_port()
        self._as_postgres = os.geteuid() == 0
        self.user = "postgres" if self._as_postgres else (os.environ.get("USER") or "postgres")

    def _run(self, *args: str, check: bool = True) -> subprocess.CompletedProcess:
        command = list(args)
        if self._as_postgres:
            command = ["runuser", "-u", "postgres", "--", *command]
        return subprocess.run(command, check=check, capture_output=True, text=True, timeout=60)

    def start(self) -> None:
        if self._as_postgres:
            shutil.chown(self.root, "postgres")
        self._run(
            str(self.bin / "initdb"), "-D", str(self.data), "-U", self.user, "--auth=trust",
            "--encoding=UTF8", "--locale=C.UTF-8", "--no-sync",
        )  # fmt: skip
        options = (
            f"-c listen_addresses=127.0.0.1 -c port={self.port} -c fsync=off "
            "-c synchronous_commit=off -c full_page_writes=off -c max_connections=300 "
            f"-c unix_socket_directories={self.root}"
        )
        self._run(
            str(self.bin / "pg_ctl"), "-D", str(self.data), "-o", options, "-w", "-t", "60",
            "-l", str(self.root / "server.log"), "start",
        )  # fmt: skip
        self.psql(f"CREATE DATABASE {TEMPLATE}")

    def stop(self) -> None:
        with contextlib.suppress(subprocess.SubprocessError, OSError):
            self._run(str(self.bin / "pg_ctl"), "-D", str(self.data), "-m", "immediate", "stop")
        shutil.rmtree(self.root, ignore_errors=True)

    def url(self, database: str) -> str:
        return f"postgresql://{self.user}@127.0.0.1:{self.port}/{database}"

    def psql(self, *statements: str, database: str = "postgres") -> str:
        args = [str(self.bin / "psql"), "-X", "-q", "-v", "ON_ERROR_STOP=1", "-At"]
        args += ["-h", "127.0.0.1", "-p", str(self.port), "-U", self.user, "-d", database]
        for statement in statements:
            args += ["-c", statement]
        return self._run(*args).stdout

    def create_database(self, key: str) -> str:
        """A fresh database copied from the migrated template; returns its name."""
        name = "t_" + hashlib.sha1(key.encode()).hexdigest()[:16]  # noqa: S324 - a name
        self.psql(f"CREATE DATABASE {name} TEMPLATE {TEMPLATE} STRATEGY FILE_COPY")
        return name

    def empty_database(self, key: str) -> str:
        """A database with nothing in it, not even the schema (a pg_restore target)."""
        name = "e_" + hashlib.sha1(key.encode()).hexdigest()[:16]  # noqa: S324 - a name
        self.psql(f"CREATE DATABASE {name} TEMPLATE template0")
        return name

    def _client(self, tool: str, database: str) -> list[str]:
        return [str(self.bin / tool), "-h", "127.0.0.1", "-p", str(self.port), "-U", self.user,
                "-d", database]  # fmt: skip

    def dump(self, database: str, path: Path) -> None:
        """pg_dump in the custom format, as the README tells an operator to."""
        with path.open("wb") as out:
            subprocess.run(
                [*self._client("pg_dump", database), "--format=custom", "--no-owner"],
                check=True, stdout=out, timeout=120,
            )  # fmt: skip

    def restore(self, path: Path, database: str) -> None:
        subprocess.run(
            [*self._client("pg_restore", database), "--no-owner", "--exit-on-error", str(path)],
            check=True, capture_output=True, timeout=120,
        )  # fmt: skip

    def drop_databases(self, names: list[str]) -> None:
        if names:
            self.psql(*(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)" for name in names))
