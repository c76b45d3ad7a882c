"""Talking to a homeserver that may be away or may rate-limit: backoff, bounded 429 retries.

matrix-nio is configured to give up at once (``max_timeouts=0``,
``max_limit_exceeded=0``); this module decides how long to keep trying and
logs once per change of state (reachable <-> unreachable), not once per attempt.
"""
from __future__ import annotations

import asyncio
import json
import logging
import random
import time
from collections.abc import Awaitable, Callable
from typing import TypeVar

import aiohttp
from nio import ErrorResponse

from samovar.core.adapter import AdapterError

from .config import RetrySettings

log = logging.getLogger("samovar.adapters.matrix")
TRANSIENT_ERRORS: tuple[type[BaseException], ...] = (aiohttp.ClientError, asyncio.TimeoutError, TimeoutError,
                                                      json.JSONDecodeError)
R = TypeVar("R")


class HomeserverUnavailable(AdapterError):
    """The homeserver did not answer for longer than the adapter was allowed to wait."""


class RateLimited(AdapterError):
    """The homeserver kept rate-limiting a request beyond the configured bound."""


class Backoff:
    """Exponential delays with a little jitter: first, 2x first, 4x first ... capped."""

    def __init__(self, first: float, cap: float) -> None:
        self.first, self.cap = max(first, 0.01), max(cap, first)
        self._next = self.first

    def next(self) -> float:
        """The delay to wait now (the following one doubles)."""
        delay = self._next
        self._next = min(self._next * 2, self.cap)
        return delay * random.uniform(0.9, 1.1)

    def reset(self) -> None:
        """Start again from the first delay."""
        self._next = self.first


class ConnectionMonitor:
    """Remembers whether the homeserver answers, logging only when that changes."""

    def __init__(self, homeserver: str) -> None:
        self.homeserver = homeserver
        self.up: bool | None = None
        self._down_since = 0.0

    def reachable(self) -> None:
        """A request got an answer."""
        if self.up is False:
            log.info("homeserver reachable again", extra={
                "homeserver": self.homeserver, "down_for_s": round(time.monotonic() - self._down_since, 1)})
        elif self.up is None:
            log.info("connected to the homeserver", extra={"homeserver": self.homeserver})
        self.up = True

    def unreachable(self, reason: object) -> None:
        """A request failed for lack of an answer."""
        if self.up is not False:
            self._down_since = time.monotonic()
            log.warning("homeserver unreachable; retrying with backoff",
                        extra={"homeserver": self.homeserver, "error": _describe(reason)})
        self.up = False


def _describe(reason: object) -> str:
    if isinstance(reason, BaseException):
        return f"{type(reason).__name__}: {reason}".rstrip(": ")
    return str(reason)


def is_transient(response: object) -> bool:
    """True for answers a working homeserver would not give (5xx from a proxy, for instance)."""
    transport = getattr(response, "transport_response", None)
    status = getattr(transport, "status", 0) or 0
    return isinstance(response, ErrorResponse) and status >= 500


def is_rate_limited(response: object) -> bool:
    """True for ``M_LIMIT_EXCEEDED`` / HTTP 429."""
    if not isinstance(response, ErrorResponse):
        return False
    transport = getattr(response, "transport_response", None)
    return response.status_code in ("M_LIMIT_EXCEEDED", "429") or getattr(transport, "status", 0) == 429


class Requests:
    """Runs one homeserver request with the adapter's retry policy."""

    def __init__(self, settings: RetrySettings, monitor: ConnectionMonitor) -> None:
        self.settings = settings
        self.monitor = monitor

    async def call(self, what: str, make: Callable[[], Awaitable[R]], *, retry_for: float | None) -> R:
        """``await make()`` until it answers; ``retry_for`` seconds of outage at most (None: no limit).

        Returns the response (a success or a non-transient error response).
        Raises :class:`HomeserverUnavailable` or :class:`RateLimited` when the bounds are hit.
        """
        settings = self.settings
        backoff = Backoff(settings.first_delay.total_seconds(), settings.max_delay.total_seconds())
        deadline = None if retry_for is None else time.monotonic() + retry_for
        limited = 0
        while True:
            try:
                response = await make()
            except TRANSIENT_ERRORS as exc:
                reason: object = exc
            else:
                if is_rate_limited(response):
                    self.monitor.reachable()
                    limited += 1
                    wait = (getattr(response, "retry_after_ms", None) or 1000) / 1000
                    if limited > settings.rate_limited_retries or wait > settings.rate_limited_max_wait.total_seconds():
                        raise RateLimited(f"{what}: rate limited by the homeserver {limited} time(s), "
                                          f"asked to wait {wait:.1f} s")
                    log.debug("rate limited; retrying", extra={"request": what, "wait_s": wait})
                    await asyncio.sleep(wait)
                    continue
                if not is_transient(response):
                    self.monitor.reachable()
                    return response
                reason = response
            self.monitor.unreachable(reason)
            delay = backoff.next()
            if deadline is not None and time.monotonic() + delay > deadline:
                raise HomeserverUnavailable(f"{what}: the homeserver did not answer ({_describe(reason)})")
            await asyncio.sleep(delay)
