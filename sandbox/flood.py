"""Telegram's flood limits as leaky buckets that answer "retry after N" instead of waiting.

The buckets do the same accounting as aiolimiter.AsyncLimiter, which PTB's AIORateLimiter
uses: a bucket holds up to `max_rate` tokens and leaks `max_rate` per `time_period`. Ours hold
a little more (`tolerance`, `extra_tokens`) because requests reach the server slightly out of
the order and spacing in which the client's limiter let them go. So a bot that paces itself
through AIORateLimiter never sees a 429, and one that blasts does.

Note that AIORateLimiter paces groups (negative chat ids) and the overall rate only: it does
not pace a single private chat. The private-chat bucket here catches a bot that sends many
messages to one person in a burst.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable
from dataclasses import dataclass, field

# Methods that Telegram's flood control counts: sending and editing messages.
COUNTED_METHODS = frozenset(
    {
        "sendmessage",
        "senddocument",
        "sendphoto",
        "editmessagetext",
        "editmessagereplymarkup",
        "editmessagecaption",
        "editmessagemedia",
    }
)


@dataclass(frozen=True, slots=True)
class Rate:
    max_rate: float
    time_period: float


@dataclass(frozen=True, slots=True)
class FloodLimits:
    """Telegram's documented limits with AIORateLimiter's parameters, plus a tolerance."""

    overall: Rate = field(default_factory=lambda: Rate(30, 1))
    group: Rate = field(default_factory=lambda: Rate(20, 60))
    private: Rate = field(default_factory=lambda: Rate(1, 1))
    tolerance: float = 0.10  # extra capacity as a share of max_rate
    extra_tokens: float = 1.0  # and in absolute tokens on top

    def capacity(self, rate: Rate) -> float:
        return rate.max_rate * (1 + self.tolerance) + self.extra_tokens


class LeakyBucket:
    __slots__ = ("_clock", "_last", "_level", "_per_second", "capacity")

    def __init__(self, rate: Rate, capacity: float, clock: Callable[[], float]) -> None:
        self.capacity = capacity
        self._per_second = rate.max_rate / rate.time_period
        self._clock = clock
        self._level = 0.0
        self._last = clock()

    def _leak(self) -> None:
        now = self._clock()
        self._level = max(self._level - (now - self._last) * self._per_second, 0.0)
        self._last = now

    def wait_needed(self) -> float:
        """Seconds until one more token fits; 0 when it fits now."""
        self._leak()
        overflow = self._level + 1 - self.capacity
        return max(overflow, 0.0) / self._per_second

    def take(self) -> None:
        self._leak()
        self._level += 1

    def is_empty(self) -> bool:
        self._leak()
        return self._level == 0


class FloodControl:
    """One overall bucket and one per chat.

    The server asks `retry_after` before running a method and `count`s it only when it
    succeeded, so a request Telegram refuses for another reason (400, 403) costs nothing.
    """

    PRUNE_ABOVE = 1024  # forget idle per-chat buckets once there are this many

    def __init__(self, limits: FloodLimits, clock: Callable[[], float] = time.monotonic) -> None:
        self.limits = limits
        self._clock = clock
        self._overall = LeakyBucket(limits.overall, limits.capacity(limits.overall), clock)
        self._chats: dict[int | str, LeakyBucket] = {}

    def _chat_bucket(self, chat_id: int | str) -> LeakyBucket:
        bucket = self._chats.get(chat_id)
        if bucket is None:
            if len(self._chats) > self.PRUNE_ABOVE:
                for key in [key for key, old in self._chats.items() if old.is_empty()]:
                    del self._chats[key]
            is_group = isinstance(chat_id, str) or chat_id < 0
            rate = self.limits.group if is_group else self.limits.private
            bucket = LeakyBucket(rate, self.limits.capacity(rate), self._clock)
            self._chats[chat_id] = bucket
        return bucket

    def _buckets(self, method: str, chat_id: int | str | None) -> list[LeakyBucket]:
        if method.lower() not in COUNTED_METHODS:
            return []
        if chat_id is None:
            return [self._overall]
        return [self._overall, self._chat_bucket(chat_id)]

    def retry_after(self, method: str, chat_id: int | str | None) -> int | None:
        """None if the request may pass now, else retry_after in whole seconds (>= 1)."""
        buckets = self._buckets(method, chat_id)
        wait = max((bucket.wait_needed() for bucket in buckets), default=0.0)
        return max(1, math.ceil(wait)) if wait > 0 else None

    def count(self, method: str, chat_id: int | str | None) -> None:
        """Count a request that went through (refused ones cost nothing)."""
        for bucket in self._buckets(method, chat_id):
            bucket.take()
