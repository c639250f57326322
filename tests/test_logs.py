"""Token redaction on every log record, arguments and tracebacks included."""

import io
import logging

from bot.logs import configure_logging

TOKEN = "987654321:AAFakeTokenForRedactionTests_abcdefgh"


def test_token_in_args_message_and_traceback_is_redacted():
    stream = io.StringIO()
    configure_logging("DEBUG", stream=stream)
    log = logging.getLogger("test.redaction")
    log.info("calling https://api.telegram.org/bot%s/getMe", TOKEN)
    try:
        raise RuntimeError(f"failed at /bot{TOKEN}/sendMessage")
    except RuntimeError:
        log.exception("request failed")
    logging.getLogger("httpx").warning("HTTP Request: POST /bot%s/x", TOKEN)
    output = stream.getvalue()
    assert TOKEN not in output
    assert output.count("<redacted-token>") == 3


def test_httpx_info_lines_are_silenced():
    configure_logging("DEBUG", stream=io.StringIO())
    assert logging.getLogger("httpx").getEffectiveLevel() == logging.WARNING


def test_invite_codes_in_links_and_start_commands_are_redacted():
    stream = io.StringIO()
    configure_logging("DEBUG", stream=stream)
    code = "Zx9_abcDEF-123456789ab"
    log = logging.getLogger("test.redaction")
    log.debug("sendMessage text=https://t.me/amb_bot?start=%s", code)
    log.debug("update text='/start %s'", code)
    output = stream.getvalue()
    assert code not in output
    assert output.count("<redacted-code>") == 2


def test_invite_codes_in_any_form_are_redacted():
    stream = io.StringIO()
    configure_logging("DEBUG", stream=stream)
    code = "Zx9_abcDEF-123456789ab"
    log = logging.getLogger("test.redaction")
    for text in (code, f"start {code}", f"my code: {code}!", f"«{code}»", f"xx{code}"):
        log.debug("update text=%r", text)
    log.info("update %s", {"text": f"code {code}"})
    output = stream.getvalue()
    assert code not in output and code[:16] not in output
    assert output.count("<redacted-code>") == 6


def test_ordinary_words_and_numeric_ids_are_kept():
    stream = io.StringIO()
    configure_logging("DEBUG", stream=stream)
    logging.getLogger("test.redaction").debug("callback 4000000000000000123 from Anna")
    assert "4000000000000000123 from Anna" in stream.getvalue()


def test_file_names_without_capitals_are_kept():
    """Seen trying migrate-db: 'applied migration postgres/<redacted-code>.sql'."""
    stream = io.StringIO()
    configure_logging("DEBUG", stream=stream)
    log = logging.getLogger("test.redaction")
    log.info("applied migration %s", "postgres/0010_babel_money_team_language.sql")
    log.debug("glued %s", "xxZx9_abcDEF-123456789ab")  # a code glued to text: still cut
    output = stream.getvalue()
    assert "postgres/0010_babel_money_team_language.sql" in output
    assert "Zx9_abcDEF" not in output
