"""`python -m sandbox`: talk to the bot in a running sandbox from a terminal.

    python -m sandbox say "/help" [--as 1001] [--chat ID]
    python -m sandbox press "set:menu:lang" [--message-id N] [--as 1001]
    python -m sandbox messages [--chat ID]

The emulator is found at --url, else $SANDBOX_URL, else http://127.0.0.1:8765. `say` and
`press` print what the bot sent or edited in that chat in answer (exit 1 if nothing came).
"""

from __future__ import annotations

import argparse
import sys
from typing import Any

import httpx

from sandbox.client import ControlClient, ControlError, default_url

DEFAULT_USER = 1001


def format_message(msg: dict[str, Any], *, since: int | None = None) -> str:
    """One bot message: "[#id] text", then a line per inline keyboard row."""
    head = f"[#{msg['message_id']}]"
    if msg.get("deleted"):
        return f"{head} (deleted)"
    if since is not None and msg.get("edited_seq") and msg["seq"] <= since:
        head += " (edited)"
    body = msg.get("text") or ""
    if msg.get("kind") in ("document", "photo"):
        body = f"[{msg['kind']} {msg.get('filename') or ''}, {msg.get('size', 0)} bytes] {body}"
    lines = [f"{head} {body}".rstrip()]
    for row in (msg.get("reply_markup") or {}).get("inline_keyboard") or []:
        labels = [
            f"[{b.get('text', '')} -> {b.get('callback_data') or b.get('url') or ''}]" for b in row
        ]
        lines.append("     " + " ".join(labels))
    return "\n".join(lines)


def _print_changes(result: dict[str, Any], since: int, timeout: float) -> int:
    for msg in result["messages"]:
        print(format_message(msg, since=since))
    for answer in result.get("answers", []):
        if answer.get("text"):
            print(f"({'alert' if answer.get('show_alert') else 'answer'}) {answer['text']}")
    if not result["messages"] and not result.get("answers"):
        print(f"(no reply within {timeout:g}s)")
        return 1
    return 0


def say(client: ControlClient, args: argparse.Namespace) -> int:
    sent = client.send_text(args.text, user=args.user, chat_id=args.chat)
    chat_id = sent["message"]["chat"]["id"]
    result = client.wait(chat_id, sent["mark"], timeout=args.timeout, settle=args.settle)
    return _print_changes(result, sent["mark"], args.timeout)


def press(client: ControlClient, args: argparse.Namespace) -> int:
    pressed = client.press(
        args.callback_data, user=args.user, message_id=args.message_id, chat_id=args.chat
    )
    chat_id = args.chat if args.chat is not None else args.user
    result = client.wait(
        chat_id,
        pressed["mark"],
        timeout=args.timeout,
        settle=args.settle,
        query_id=pressed["query_id"],
    )
    return _print_changes(result, pressed["mark"], args.timeout)


def messages(client: ControlClient, args: argparse.Namespace) -> int:
    chat_id = args.chat if args.chat is not None else args.user
    found = client.messages(chat_id)
    for msg in found:
        print(format_message(msg))
    if not found:
        print(f"(the bot sent nothing to chat {chat_id})")
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m sandbox", description=__doc__.split("\n")[0])
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--url", default=None, help="emulator URL (default $SANDBOX_URL)")
    common.add_argument("--as", dest="user", type=int, default=DEFAULT_USER, help="user id")
    common.add_argument("--chat", type=int, default=None, help="chat id (default: private)")
    waiting = argparse.ArgumentParser(add_help=False)
    waiting.add_argument("--timeout", type=float, default=10.0, help="seconds to wait")
    waiting.add_argument(
        "--settle", type=float, default=0.5, help="stop after this long without changes"
    )
    commands = parser.add_subparsers(dest="command", required=True)
    cmd = commands.add_parser("say", parents=[common, waiting], help="send a text as a user")
    cmd.add_argument("text")
    cmd.set_defaults(run=say)
    cmd = commands.add_parser("press", parents=[common, waiting], help="press an inline button")
    cmd.add_argument("callback_data")
    cmd.add_argument("--message-id", type=int, default=None)
    cmd.set_defaults(run=press)
    cmd = commands.add_parser("messages", parents=[common], help="list what the bot sent")
    cmd.set_defaults(run=messages)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    url = args.url or default_url()
    try:
        with ControlClient(url, timeout=5.0) as client:
            return args.run(client, args)
    except ControlError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    except httpx.HTTPError as error:
        print(
            f"error: no emulator answering at {url} ({error}); is the sandbox running?",
            file=sys.stderr,
        )
        return 2
