"""Logging set-up with a token redaction filter on every handler.

A bot token in a log is a full account takeover, and tokens reach logs in unexpected ways
(httpx logs request URLs, exceptions quote them). So redaction happens on the finished text
of every record, arguments and tracebacks included, not only on the format string.
"""

from __future__ import annotations

import logging
import re
import sys

TOKEN_RE = re.compile(r"\d+:[A-Za-z0-9_-]{30,}")
REDACTED = "<redacted-token>"
# An unused invite code is a way in: DEBUG logs of PTB quote the deep link we send and the
# "/start CODE" update we receive, so the code is cut from both.
INVITE_RE = re.compile(r"((?:[?&]start=|/start\s+))[A-Za-z0-9_-]{16,}")
REDACTED_INVITE = r"\1<redacted-code>"
# ...and a user may type or paste it in any other form ("my code is X", "start X", the bare
# code, glued to other text): any run of URL-safe characters as long as a code (22), or
# longer with letters, digits and a capital mixed (a code glued to text keeps its capitals;
# a file name like 0010_babel_money_team_language has none), is cut wherever it appears.
# Long ids in DEBUG lines (file ids, hashes) lose a little; an invite code is a way in.
CODE_LIKE_RE = re.compile(
    r"(?<![A-Za-z0-9_-])(?:[A-Za-z0-9_-]{22}|(?=[A-Za-z_-]*[0-9])(?=[0-9_-]*[A-Za-z])"
    r"(?=[a-z0-9_-]*[A-Z])[A-Za-z0-9_-]{23,64})(?![A-Za-z0-9_-])"
)
REDACTED_CODE = "<redacted-code>"


def redact(text: str) -> str:
    text = INVITE_RE.sub(REDACTED_INVITE, TOKEN_RE.sub(REDACTED, text))
    return CODE_LIKE_RE.sub(REDACTED_CODE, text)


class RedactTokens(logging.Filter):
    """Rewrites the record in place so any handler/formatter sees only redacted text."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        record.msg, record.args = redact(message), None
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = redact(record.exc_text)
            record.exc_info = None
        if record.stack_info:
            record.stack_info = redact(record.stack_info)
        return True


def configure_logging(level: str = "INFO", stream=None) -> None:
    """Install one redacting stream handler on the root logger (idempotent)."""
    root = logging.getLogger()
    for handler in list(root.handlers):
        if getattr(handler, "_amb", False):
            root.removeHandler(handler)
    handler = logging.StreamHandler(stream or sys.stderr)
    handler._amb = True  # type: ignore[attr-defined]
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    handler.addFilter(RedactTokens())
    root.addHandler(handler)
    root.setLevel(level)
    add_redaction_everywhere()
    # httpx logs every request URL, and Bot API URLs contain the token.
    logging.getLogger("httpx").setLevel(logging.WARNING)
    logging.getLogger("httpcore").setLevel(logging.WARNING)
    logging.getLogger("apscheduler").setLevel(logging.WARNING)
    logging.getLogger("aiohttp.access").setLevel(logging.WARNING)


def add_redaction_everywhere() -> None:
    """Put the filter on every handler that exists now, including ones others installed."""
    loggers = [logging.getLogger()] + [
        logger
        for logger in logging.Logger.manager.loggerDict.values()
        if isinstance(logger, logging.Logger)
    ]
    for logger in loggers:
        for handler in logger.handlers:
            if not any(isinstance(f, RedactTokens) for f in handler.filters):
                handler.addFilter(RedactTokens())
