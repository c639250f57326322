"""The HTTP side of the emulator: routes, token check, faults, flood control, dispatch.

URL paths carry the bot token, so nothing here logs a path, and the aiohttp access log is
off (see BotApiEmulator.start). Requests whose Host header is not a loopback name are
refused, so a web page elsewhere cannot reach the emulator through DNS rebinding.
"""

from __future__ import annotations

import asyncio
import logging
from functools import partial
from typing import Any, Protocol

from aiohttp import web

from sandbox.flood import FloodControl
from sandbox.methods import ASYNC_METHODS, METHODS, SENDING_METHODS
from sandbox.models import ApiError, Call, Fault
from sandbox.params import read_params
from sandbox.state import EmulatorState

log = logging.getLogger(__name__)

MAX_BODY = 60 * 1024 * 1024  # Telegram accepts 50 MB uploads from bots
LOOPBACK_HOSTS = frozenset({"127.0.0.1", "localhost", "::1", "[::1]"})
NOT_FOUND = ApiError(404, "Not Found")
UNAUTHORIZED = ApiError(401, "Unauthorized")


class Backend(Protocol):
    """What the HTTP side needs from the emulator (`BotApiEmulator` is the one): its state,
    token, counters and flood buckets, and the call log and faults it keeps."""

    token: str | None
    token_rejected: int | None  # 401 or 404: every token is refused
    state: EmulatorState
    stats: dict[str, int]
    flood: FloodControl | None

    @property
    def stopping(self) -> bool: ...

    def begin_call(self, method: str, params: dict[str, Any]) -> Call: ...

    def end_call(self, call: Call, status: int, **outcome: Any) -> None: ...

    def take_fault(self, chat_id: int | str) -> Fault | None: ...

    async def hold(self, seconds: float | None, until: asyncio.Event | None = None) -> None: ...


class NoAnswer(Exception):  # a control-flow signal, not an error
    """Close the connection without an HTTP answer (timeout and network faults)."""


def _host_name(host: str) -> str:
    if host.startswith("["):
        return host.split("]", 1)[0] + "]"
    return host.rsplit(":", 1)[0] if host.count(":") == 1 else host


@web.middleware
async def loopback_only(request: web.Request, handler):
    if _host_name(request.host or "") not in LOOPBACK_HOSTS:
        return web.json_response(
            {"ok": False, "error_code": 403, "description": "Forbidden"}, status=403
        )
    return await handler(request)


def token_error(emu: Backend, token: str) -> ApiError | None:
    """Telegram answers 404 to a malformed token and 401 to a wrong one (a test can make
    every token rejected with `emu.reject_token`)."""
    if emu.token_rejected == 401:
        return UNAUTHORIZED
    if emu.token_rejected == 404 or ":" not in token or not token.split(":", 1)[0].isdigit():
        return NOT_FOUND
    if emu.token is not None and token != emu.token:
        return UNAUTHORIZED
    return None


async def handle_method(emu: Backend, request: web.Request) -> web.Response:
    method = request.match_info["method"]
    error = token_error(emu, request.match_info["token"])
    params: dict[str, Any] = {}
    if error is None and method.lower() not in METHODS:
        error = NOT_FOUND
    if error is None:
        try:
            params = await read_params(request)
        except ApiError as bad:
            error = bad
    call = emu.begin_call(method, params)
    try:
        if error is not None:
            raise error
        result = await dispatch(emu, method, params)
    except ApiError as failed:
        emu.end_call(call, failed.code, error=failed.description, parameters=failed.parameters)
        return web.json_response(failed.payload(), status=failed.code)
    except NoAnswer as cut:
        emu.end_call(call, 0, error=str(cut))
        if request.transport is not None:
            request.transport.close()
        return web.Response(status=204)
    except Exception as crash:
        log.exception("emulator failed on %s", method)
        emu.end_call(call, 500, error=repr(crash))
        payload = ApiError(500, f"Internal Server Error: {crash!r}").payload()
        return web.json_response(payload, status=500)
    emu.end_call(call, 200, result=result)
    return web.json_response({"ok": True, "result": result})


async def _run(emu: Backend, method: str, params: dict[str, Any]) -> Any:
    name = method.lower()
    handler = METHODS[name]
    if name in ASYNC_METHODS:
        return await handler(emu.state, params)
    return handler(emu.state, params)


async def _run_captured(emu: Backend, method: str, params: dict[str, Any]) -> Any:
    """Run now, keep the outcome (result or ApiError) to hand out later."""
    try:
        return await _run(emu, method, params)
    except ApiError as error:
        return error


def _prefixed(description: str | None, prefix: str, default: str) -> str:
    text = description or default
    return text if text.startswith(prefix) else f"{prefix}{text}"


async def apply_fault(emu: Backend, fault: Fault, method: str, params: dict) -> Any:
    if fault.kind == "forbidden":
        raise ApiError(
            403, _prefixed(fault.description, "Forbidden: ", "bot was blocked by the user")
        )
    if fault.kind == "flood":
        emu.stats["too_many_requests"] += 1
        raise ApiError(
            429,
            f"Too Many Requests: retry after {fault.retry_after}",
            {"retry_after": fault.retry_after},
        )
    if fault.kind == "bad_request":
        raise ApiError(400, _prefixed(fault.description, "Bad Request: ", "fault injected"))
    outcome = await _run_captured(emu, method, params) if fault.deliver else None
    if fault.kind == "network":
        raise NoAnswer("network fault: connection closed")
    if fault.kind == "timeout":
        await emu.hold(fault.hold_seconds)
        raise NoAnswer("timeout fault: held without an answer")
    await emu.hold(None, fault.released)  # "hold": until release(chat_id) or stop
    if emu.stopping:
        raise NoAnswer("held until the emulator stopped")
    if not fault.deliver:
        outcome = await _run_captured(emu, method, params)
    if isinstance(outcome, ApiError):
        raise outcome
    return outcome


async def dispatch(emu: Backend, method: str, params: dict[str, Any]) -> Any:
    name = method.lower()
    chat_key: int | str | None = params.get("chat_id")
    if isinstance(chat_key, str):
        chat_key = chat_key.strip() or None
    if name in SENDING_METHODS and chat_key is not None:
        fault = emu.take_fault(chat_key)
        if fault is not None:
            return await apply_fault(emu, fault, method, params)
    flood = emu.flood  # once: a test may switch the limits off while this call waits
    if flood is None:
        return await _run(emu, method, params)
    retry_after = flood.retry_after(name, chat_key)
    if retry_after is not None:
        emu.stats["too_many_requests"] += 1
        raise ApiError(
            429, f"Too Many Requests: retry after {retry_after}", {"retry_after": retry_after}
        )
    result = await _run(emu, method, params)
    flood.count(name, chat_key)
    return result


async def handle_file(emu: Backend, request: web.Request) -> web.Response:
    error = token_error(emu, request.match_info["token"])
    stored = emu.state.files_by_path.get(request.match_info["path"])
    if error is None and stored is None:
        error = NOT_FOUND
    if error is not None:
        return web.json_response(error.payload(), status=error.code)
    assert stored is not None
    return web.Response(
        body=stored.content, content_type=stored.mime_type or "application/octet-stream"
    )


async def serve_loopback(
    app: web.Application, host: str, port: int, what: str
) -> tuple[web.AppRunner, str, int]:
    """Serve `app` on a loopback address (port 0: a free one); returns runner, host, port."""
    if host not in LOOPBACK_HOSTS:
        raise ValueError(f"{what} only binds loopback addresses, not {host!r}")
    runner = web.AppRunner(app, access_log=None, handle_signals=False, shutdown_timeout=1.0)
    await runner.setup()
    bare = host.strip("[]")
    try:
        await web.TCPSite(runner, bare, port).start()
    except OSError:
        await runner.cleanup()
        raise
    return runner, bare, runner.addresses[0][1]


def http_url(host: str, port: int) -> str:
    return f"http://{f'[{host}]' if ':' in host else host}:{port}"


def build_app(emu: Backend) -> web.Application:
    """The Bot API routes (the emulator adds its control routes beside them)."""
    app = web.Application(client_max_size=MAX_BODY, middlewares=[loopback_only])
    app.router.add_route("*", "/bot{token}/{method}", partial(handle_method, emu))
    app.router.add_get("/file/bot{token}/{path:.+}", partial(handle_file, emu))
    return app
