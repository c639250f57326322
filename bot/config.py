"""Configuration from the environment and an optional `.env` file.

The environment wins over `.env`, so a deployment can override a checked-out file. Every
setting is validated here, once, so a bad value stops start-up with one line that names it
instead of failing later somewhere deep in a handler.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from storage.files import make_private_dir

LANGUAGES = ("en", "ru", "nl", "hu")
TOKEN_PATTERN = re.compile(r"^\d{3,20}:[A-Za-z0-9_-]{30,}$")
DEFAULT_API_BASE_URL = "https://api.telegram.org/bot"
LOG_LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR")


class ConfigError(Exception):
    """A setting has a value the bot cannot run with; `setting` names it for the operator."""

    def __init__(self, setting: str, problem: str) -> None:
        super().__init__(f"{setting}: {problem}")
        self.setting = setting
        self.problem = problem


@dataclass(frozen=True, slots=True)
class Config:
    token: str | None
    database_path: Path
    admin_ids: tuple[int, ...] = ()
    default_language: str = "en"
    default_timezone: str = "UTC"
    working_hour: int = 9
    log_level: str = "INFO"
    api_base_url: str = DEFAULT_API_BASE_URL
    api_file_url: str = ""
    sandbox_port: int = 8765
    sandbox_web_port: int = 8766
    sandbox_database_path: Path = field(default=Path("data/sandbox.sqlite3"))
    database_url: str | None = None  # postgresql://...: PostgreSQL instead of the SQLite file
    backup_dir: Path | None = None  # SQLite: a checked daily backup here, the newest kept
    backup_keep: int = 7
    webhook_url: str | None = None  # set: updates arrive by webhook instead of polling
    webhook_listen: str = "127.0.0.1"
    webhook_port: int = 8443
    webhook_secret: str | None = None
    health_port: int | None = None  # set: /healthz and /metrics on 127.0.0.1 (or HEALTH_LISTEN)
    health_listen: str = "127.0.0.1"
    health_max_lag: int = 300  # /healthz says 503 once a due reminder waits longer (seconds)

    @property
    def sandbox(self) -> bool:
        """No token means the local sandbox: emulator + bot, never the real Telegram."""
        return self.token is None

    def __repr__(self) -> str:  # the token must never reach a log line via repr()
        return f"Config(database_path={self.database_path!s}, sandbox={self.sandbox})"


def read_dotenv(path: Path) -> dict[str, str]:
    """Parse KEY=VALUE lines; quotes are stripped, `#` starts a comment (unquoted values)."""
    values: dict[str, str] = {}
    if not path.is_file():
        return values
    for raw in path.read_text(encoding="utf-8-sig").splitlines():
        line = raw.strip()
        if not line or line.startswith("#") or "=" not in line:
            continue
        key, _, value = line.partition("=")
        key = key.strip().removeprefix("export ").strip()
        value = value.strip()
        if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
            value = value[1:-1]
        else:
            value = re.split(r"\s+#", value, maxsplit=1)[0].strip()
        values[key] = value
    return values


def load_config(
    environ: Mapping[str, str] | None = None, dotenv: Path | None = Path(".env")
) -> Config:
    """Build a validated Config; raises ConfigError naming the first bad setting."""
    env: dict[str, str] = read_dotenv(dotenv) if dotenv is not None else {}
    env.update(os.environ if environ is None else environ)

    def get(name: str, default: str = "") -> str:
        return env.get(name, default).strip()

    token = get("TELEGRAM_BOT_TOKEN") or None
    if token is not None and not TOKEN_PATTERN.match(token):
        raise ConfigError("TELEGRAM_BOT_TOKEN", "malformed token (expected 123456:ABC-DEF...)")

    language = get("DEFAULT_LANGUAGE", "en").lower()
    if language not in LANGUAGES:
        raise ConfigError("DEFAULT_LANGUAGE", f"must be one of {', '.join(LANGUAGES)}")

    timezone = get("DEFAULT_TIMEZONE", "UTC")
    if not is_timezone(timezone):
        raise ConfigError("DEFAULT_TIMEZONE", f"unknown time zone {timezone!r}")

    log_level = get("LOG_LEVEL", "INFO").upper()
    if log_level not in LOG_LEVELS:
        raise ConfigError("LOG_LEVEL", f"must be one of {', '.join(LOG_LEVELS)}")

    base_url = get("TELEGRAM_API_BASE_URL", DEFAULT_API_BASE_URL).rstrip("/")
    if not re.match(r"^https?://[^\s/]+", base_url):
        raise ConfigError("TELEGRAM_API_BASE_URL", "must be an http(s) URL")
    file_url = get("TELEGRAM_API_FILE_URL") or _file_url_for(base_url)

    return Config(
        token=token,
        database_path=_writable_db_path("DATABASE_PATH", get("DATABASE_PATH", "data/bot.sqlite3")),
        admin_ids=_admin_ids(get("ADMIN_IDS")),
        default_language=language,
        default_timezone=timezone,
        working_hour=_int_in("WORKING_HOUR", get("WORKING_HOUR", "9"), 0, 23),
        log_level=log_level,
        api_base_url=base_url,
        api_file_url=file_url,
        sandbox_port=_int_in("SANDBOX_PORT", get("SANDBOX_PORT", "8765"), 1, 65535),
        sandbox_web_port=_int_in("SANDBOX_WEB_PORT", get("SANDBOX_WEB_PORT", "8766"), 1, 65535),
        sandbox_database_path=Path(get("SANDBOX_DATABASE_PATH", "data/sandbox.sqlite3")),
        database_url=_database_url(get("DATABASE_URL")),
        backup_dir=Path(get("BACKUP_DIR")).expanduser() if get("BACKUP_DIR") else None,
        backup_keep=_int_in("BACKUP_KEEP", get("BACKUP_KEEP", "7"), 1, 3650),
        webhook_url=_webhook_url(get("WEBHOOK_URL")),
        webhook_listen=get("WEBHOOK_LISTEN", "127.0.0.1"),
        webhook_port=_int_in("WEBHOOK_PORT", get("WEBHOOK_PORT", "8443"), 1, 65535),
        webhook_secret=_webhook_secret(get("WEBHOOK_URL"), get("WEBHOOK_SECRET")),
        health_port=_int_in("HEALTH_PORT", get("HEALTH_PORT"), 1, 65535)
        if get("HEALTH_PORT")
        else None,
        health_listen=get("HEALTH_LISTEN", "127.0.0.1"),
        health_max_lag=_int_in("HEALTH_MAX_LAG", get("HEALTH_MAX_LAG", "300"), 1, 86400),
    )


def _webhook_url(raw: str) -> str | None:
    if raw and not re.match(r"^https?://[^\s/]+", raw):
        raise ConfigError("WEBHOOK_URL", "must be the public https:// URL of the webhook")
    return raw or None


def _webhook_secret(url: str, raw: str) -> str | None:
    """Telegram sends it in every webhook request; without it anyone could post updates."""
    if url and not raw:
        raise ConfigError("WEBHOOK_SECRET", "is required with WEBHOOK_URL")
    if raw and not re.fullmatch(r"[A-Za-z0-9_-]{1,256}", raw):
        raise ConfigError("WEBHOOK_SECRET", "1-256 characters A-Z, a-z, 0-9, _ and -")
    return raw or None


def _database_url(raw: str | None) -> str | None:
    """DATABASE_URL selects PostgreSQL; unset, the SQLite file at DATABASE_PATH is used."""
    if not raw:
        return None
    if not re.match(r"^postgres(ql)?://", raw):
        raise ConfigError("DATABASE_URL", "must start with postgresql:// (SQLite: DATABASE_PATH)")
    return raw


def is_timezone(name: str) -> bool:
    """True for an IANA zone name zoneinfo knows (tzdata ships them on every platform)."""
    if not name or name.startswith("/") or ".." in name:
        return False
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return False
    return True


def check_writable_dir(setting: str, path: Path) -> Path:
    """Create the DB's directory if needed; refuse one we cannot write (SQLite needs WAL files)."""
    directory = path.parent
    try:
        make_private_dir(directory)
    except OSError as exc:
        raise ConfigError(setting, f"cannot create directory {directory}: {exc.strerror}") from exc
    if not os.access(directory, os.W_OK | os.X_OK):
        raise ConfigError(setting, f"directory {directory} is not writable")
    if path.exists() and not os.access(path, os.R_OK | os.W_OK):
        raise ConfigError(setting, f"database file {path} is not writable")
    return path


def _writable_db_path(setting: str, raw: str) -> Path:
    return check_writable_dir(setting, Path(raw).expanduser())


def _file_url_for(base_url: str) -> str:
    if base_url.endswith("/bot"):
        return base_url[: -len("bot")] + "file/bot"
    return base_url + "/file/bot"


def _admin_ids(raw: str) -> tuple[int, ...]:
    ids = []
    for part in re.split(r"[,\s]+", raw):
        if not part:
            continue
        if not re.fullmatch(r"\d{1,20}", part):
            raise ConfigError("ADMIN_IDS", f"{part!r} is not a numeric Telegram user id")
        ids.append(int(part))
    return tuple(ids)


def _int_in(setting: str, raw: str, low: int, high: int) -> int:
    if not re.fullmatch(r"-?\d+", raw) or not low <= int(raw) <= high:
        raise ConfigError(setting, f"must be a whole number from {low} to {high}")
    return int(raw)
