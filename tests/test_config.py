"""Configuration: every bad setting stops start-up with one line naming it."""

import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from bot.config import ConfigError, load_config

GOOD_TOKEN = "123456789:AAHfakefakefakefakefakefakefake12345"


def env(tmp_path: Path, **extra: str) -> dict[str, str]:
    return {"DATABASE_PATH": str(tmp_path / "db" / "bot.sqlite3"), **extra}


class TestLoadConfig:
    def test_defaults_apply_when_only_the_db_path_is_set(self, tmp_path):
        config = load_config(env(tmp_path), dotenv=None)
        assert config.sandbox is True
        assert config.default_language == "en"
        assert config.default_timezone == "UTC"
        assert config.api_base_url == "https://api.telegram.org/bot"
        assert config.api_file_url == "https://api.telegram.org/file/bot"
        assert (tmp_path / "db").is_dir()

    def test_dotenv_is_read_and_environment_wins(self, tmp_path):
        dotenv = tmp_path / ".env"
        dotenv.write_text('ADMIN_IDS="1, 2"\nDEFAULT_LANGUAGE=nl\n# comment\nLOG_LEVEL=debug\n')
        config = load_config(env(tmp_path, DEFAULT_LANGUAGE="hu"), dotenv=dotenv)
        assert config.admin_ids == (1, 2)
        assert config.default_language == "hu"
        assert config.log_level == "DEBUG"

    def test_the_shipped_env_example_loads_as_the_sandbox(self, tmp_path):
        example = Path(__file__).parent.parent / ".env.example"
        config = load_config(env(tmp_path), dotenv=example)
        assert config.sandbox is True
        assert (config.default_language, config.working_hour) == ("en", 9)

    def test_self_hosted_api_url_derives_the_file_url(self, tmp_path):
        config = load_config(
            env(tmp_path, TELEGRAM_API_BASE_URL="http://127.0.0.1:8081/bot/"), dotenv=None
        )
        assert config.api_base_url == "http://127.0.0.1:8081/bot"
        assert config.api_file_url == "http://127.0.0.1:8081/file/bot"

    @pytest.mark.parametrize(
        ("setting", "value"),
        [
            ("TELEGRAM_BOT_TOKEN", "not-a-token"),
            ("DEFAULT_TIMEZONE", "Mars/Olympus"),
            ("DEFAULT_TIMEZONE", "../../etc/passwd"),
            ("DEFAULT_LANGUAGE", "de"),
            ("ADMIN_IDS", "12,@anna"),
            ("LOG_LEVEL", "loud"),
            ("WORKING_HOUR", "25"),
            ("TELEGRAM_API_BASE_URL", "ftp://example"),
            ("DATABASE_URL", "mysql://db/amb"),
            ("WEBHOOK_URL", "bot.example.com/hook"),
            ("WEBHOOK_SECRET", "has spaces"),
            ("BACKUP_KEEP", "0"),
            ("HEALTH_PORT", "70000"),
        ],
    )
    def test_bad_setting_is_named_in_the_error(self, tmp_path, setting, value):
        with pytest.raises(ConfigError) as raised:
            load_config(env(tmp_path, **{setting: value}), dotenv=None)
        assert raised.value.setting == setting

    def test_a_webhook_needs_its_secret(self, tmp_path):
        with pytest.raises(ConfigError) as raised:
            load_config(env(tmp_path, WEBHOOK_URL="https://bot.example.com/tg"), dotenv=None)
        assert raised.value.setting == "WEBHOOK_SECRET"

    def test_operations_settings_are_read(self, tmp_path):
        config = load_config(
            env(
                tmp_path,
                DATABASE_URL="postgresql://amb@127.0.0.1/amb",
                WEBHOOK_URL="https://bot.example.com/tg",
                WEBHOOK_SECRET="abc_DEF-1",
                WEBHOOK_PORT="8080",
                BACKUP_DIR=str(tmp_path / "b"),
                BACKUP_KEEP="3",
                HEALTH_PORT="9100",
            ),
            dotenv=None,
        )
        assert config.database_url == "postgresql://amb@127.0.0.1/amb"
        assert (config.webhook_port, config.webhook_secret) == (8080, "abc_DEF-1")
        assert (config.backup_dir, config.backup_keep) == (tmp_path / "b", 3)
        assert (config.health_port, config.health_max_lag) == (9100, 300)
        assert "amb@" not in repr(config)

    def test_repr_never_shows_the_token(self, tmp_path):
        config = load_config(env(tmp_path, TELEGRAM_BOT_TOKEN=GOOD_TOKEN), dotenv=None)
        assert GOOD_TOKEN not in repr(config)
        assert config.sandbox is False


class TestStartupErrors:
    """`python -m bot` prints one clear line and exits non-zero; nothing else."""

    def run_bot(self, tmp_path, **extra):
        """Runs `python -m bot`; as root, without CAP_DAC_OVERRIDE so file modes apply."""
        environment = {
            "PATH": os.environ["PATH"],
            "HOME": str(tmp_path),
            "DATABASE_PATH": str(tmp_path / "bot.sqlite3"),
            **extra,
        }
        command = [sys.executable, "-m", "bot"]
        if os.geteuid() == 0:
            drop = "-dac_override,-dac_read_search"
            command = ["setpriv", f"--bounding-set={drop}", f"--inh-caps={drop}", *command]
        return subprocess.run(
            command,
            cwd=tmp_path,
            env=environment,
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )

    def test_malformed_token_stops_startup_with_one_line(self, tmp_path):
        result = self.run_bot(tmp_path, TELEGRAM_BOT_TOKEN="12345:short")
        assert result.returncode == 2
        assert result.stderr.strip().splitlines() == [
            "config error: TELEGRAM_BOT_TOKEN: malformed token (expected 123456:ABC-DEF...)"
        ]
        assert "12345:short" not in result.stderr

    def test_an_unreachable_postgresql_stops_startup_with_one_line(self, tmp_path):
        with socket.socket() as probe:  # a loopback port nobody listens on
            probe.bind(("127.0.0.1", 0))
            port = probe.getsockname()[1]
        result = self.run_bot(
            tmp_path,
            TELEGRAM_BOT_TOKEN=GOOD_TOKEN,
            DATABASE_URL=f"postgresql://amb:pw@127.0.0.1:{port}/amb",
        )
        assert result.returncode == 1
        lines = result.stderr.strip().splitlines()
        assert len(lines) == 1 and lines[0].startswith("cannot start: DATABASE_URL: ")
        assert "pw" not in lines[0]

    def test_unknown_timezone_stops_startup_with_one_line(self, tmp_path):
        result = self.run_bot(tmp_path, DEFAULT_TIMEZONE="Europe/Atlantis")
        assert result.returncode == 2
        assert result.stderr.strip() == (
            "config error: DEFAULT_TIMEZONE: unknown time zone 'Europe/Atlantis'"
        )

    def test_db_path_under_a_file_stops_startup_with_one_line(self, tmp_path):
        blocker = tmp_path / "file"
        blocker.write_text("x")
        result = self.run_bot(tmp_path, DATABASE_PATH=str(blocker / "sub" / "bot.sqlite3"))
        assert result.returncode == 2
        lines = result.stderr.strip().splitlines()
        assert len(lines) == 1
        assert lines[0].startswith("config error: DATABASE_PATH: cannot create directory")

    def test_read_only_db_directory_stops_startup_with_one_line(self, tmp_path):
        read_only = tmp_path / "ro"
        read_only.mkdir()
        read_only.chmod(0o555)
        result = self.run_bot(tmp_path, DATABASE_PATH=str(read_only / "bot.sqlite3"))
        assert result.returncode == 2
        assert result.stderr.strip() == (
            f"config error: DATABASE_PATH: directory {read_only} is not writable"
        )

    def test_read_only_db_file_stops_startup_with_one_line(self, tmp_path):
        db_file = tmp_path / "bot.sqlite3"
        db_file.write_bytes(b"")
        db_file.chmod(0o444)
        result = self.run_bot(tmp_path, DATABASE_PATH=str(db_file))
        assert result.returncode == 2
        assert result.stderr.strip() == (
            f"config error: DATABASE_PATH: database file {db_file} is not writable"
        )
