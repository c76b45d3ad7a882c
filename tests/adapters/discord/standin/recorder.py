"""What happened on the stand-in, kept for tests to inspect and wait on."""
from __future__ import annotations

import asyncio
import dataclasses
from collections.abc import Callable
from typing import Any


@dataclasses.dataclass
class RequestRecord:
    method: str
    path: str
    status: int
    route: str | None
    body: Any = None


class Recorder:
    """Request log, protocol problems and a change signal to wait on."""

    def __init__(self) -> None:
        self.requests: list[RequestRecord] = []
        self.unknown_routes: list[str] = []
        self.protocol_errors: list[str] = []
        self._changed = asyncio.Event()

    def changed(self) -> None:
        """Wake everything waiting in :meth:`wait_for`."""
        self._changed.set()
        self._changed = asyncio.Event()

    def protocol_error(self, text: str) -> None:
        self.protocol_errors.append(text)
        self.changed()

    async def wait_for(self, predicate: Callable[[], Any], timeout: float = 5.0) -> Any:
        """Wait until ``predicate()`` is truthy; return its value.

        Raises ``TimeoutError`` naming the predicate when it stays false.
        """
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        while True:
            value = predicate()
            if value:
                return value
            remaining = deadline - loop.time()
            if remaining <= 0:
                raise TimeoutError(f"condition not met within {timeout}s: {predicate!r}")
            try:
                await asyncio.wait_for(self._changed.wait(), remaining)
            except TimeoutError:
                pass
