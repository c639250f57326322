"""`python -m bot.nlu`: one JSON object per text, one result line per JSON request line."""

from __future__ import annotations

import json
import subprocess
import sys


def _run(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "bot.nlu", *args],
        input=stdin,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


class TestCommandLine:
    def test_single_text_prints_one_json_object(self):
        done = _run(
            "--now", "2026-11-24T10:00", "--tz", "Europe/Amsterdam", "--lang", "nl",
            "--client", "Jansen BV", "morgen om 9 uur Jansen bellen",
        )  # fmt: skip
        assert done.returncode == 0, done.stderr
        result = json.loads(done.stdout)
        assert result["due"] == "2026-11-25T09:00+01:00"
        assert result["recurrence"] is None
        assert result["client"] == {"id": 1, "name": "Jansen BV"}
        assert result["kind"] == "call"
        assert result["task"] == "bellen"
        assert result["problems"] == []

    def test_jsonl_answers_every_line_in_order_and_reports_bad_lines(self):
        requests = [
            {"text": "every monday 9:00 call Acme", "lang": "en", "now": "2026-11-24T10:00",
             "tz": "Europe/Budapest", "clients": ["Acme GmbH"]},
            {"text": "31 апреля", "lang": "ru", "now": "2026-11-24T10:00", "tz": "Europe/Moscow"},
            {"text": "x", "lang": "xx", "tz": "UTC"},
        ]  # fmt: skip
        stdin = "\n".join(json.dumps(r, ensure_ascii=False) for r in requests) + "\n"
        done = _run("--jsonl", stdin=stdin)
        assert done.returncode == 0, done.stderr
        lines = [json.loads(line) for line in done.stdout.splitlines()]
        assert len(lines) == 3
        assert lines[0]["recurrence"] == "FREQ=WEEKLY;BYDAY=MO"
        assert lines[0]["due"] == "2026-11-30T09:00+01:00"
        assert lines[0]["client"]["name"] == "Acme GmbH"
        assert lines[1]["due"] is None
        assert lines[1]["problems"] == ["impossible_date"]
        assert len(lines[1]["alternatives"]["impossible_date"]) == 2
        assert "error" in lines[2]

    def test_missing_text_is_a_usage_error(self):
        done = _run("--lang", "en")
        assert done.returncode == 2
        assert "give a text" in done.stderr


def test_parser_package_imports_no_telegram():
    """bot.nlu is the domain layer: usable and testable without Telegram (DESIGN.md 2)."""
    code = (
        "import sys, bot.nlu, bot.nlu.__main__; "
        "sys.exit(any(m.split('.')[0] == 'telegram' for m in sys.modules))"
    )
    assert subprocess.run([sys.executable, "-c", code], check=False, timeout=60).returncode == 0
