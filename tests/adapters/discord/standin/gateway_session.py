"""Gateway connections and sessions: ordered sending, sequence numbers, replay on RESUME."""
from __future__ import annotations

import asyncio
import dataclasses
import json
from typing import Any

from aiohttp import web

from .compression import Codec


@dataclasses.dataclass
class ConnectionInfo:
    """What a test can learn about one websocket connection."""

    path: str
    compression: str | None
    query: dict[str, str]
    kind: str = "pending"  # "identify" | "resume" | "rejected" | "pending"
    replayed: int = 0
    heartbeats: list[int | None] = dataclasses.field(default_factory=list)
    closed_by_server: int | None = None
    closed_by_client: int | None = None
    presence_updates: int = 0


_CLOSE = object()
_ABORT = object()


class GatewayConnection:
    """One websocket; frames go through a queue so compression sees them in order."""

    def __init__(self, ws: web.WebSocketResponse, request: web.Request, codec: Codec,
                 info: ConnectionInfo) -> None:
        self.ws = ws
        self.request = request
        self.codec = codec
        self.info = info
        self.session: GatewaySession | None = None
        self._outbox: asyncio.Queue[Any] = asyncio.Queue()
        self._writer = asyncio.create_task(self._write_loop())
        self.closing = False

    def send(self, frame: dict[str, Any]) -> None:
        if not self.closing:
            self._outbox.put_nowait(frame)

    def close_soon(self, code: int, reason: str = "", *, discard_pending: bool = False) -> None:
        """Close after the frames already queued (or right away if ``discard_pending``)."""
        if self.closing:
            return
        self.closing = True
        if discard_pending:
            _drain(self._outbox)
        self.info.closed_by_server = code
        self._outbox.put_nowait((_CLOSE, code, reason))

    def abort(self) -> None:
        """Cut the TCP connection without a close frame, like a network failure."""
        if self.closing:
            return
        self.closing = True
        _drain(self._outbox)
        self._outbox.put_nowait((_ABORT,))

    async def stop(self) -> None:
        self._writer.cancel()
        try:
            await self._writer
        except asyncio.CancelledError:
            pass

    async def _write_loop(self) -> None:
        while True:
            item = await self._outbox.get()
            if isinstance(item, tuple) and item[0] is _CLOSE:
                await self.ws.close(code=item[1], message=item[2].encode())
                return
            if isinstance(item, tuple) and item[0] is _ABORT:
                transport = self.request.transport
                if transport is not None:
                    transport.abort()
                return
            payload = self.codec.encode(json.dumps(item, separators=(",", ":")))
            try:
                if isinstance(payload, bytes):
                    await self.ws.send_bytes(payload)
                else:
                    await self.ws.send_str(payload)
            except (ConnectionError, RuntimeError):
                return


class GatewaySession:
    """A gateway session: survives disconnects and replays what the client missed."""

    def __init__(self, session_id: str, intents: int, identify: dict[str, Any]) -> None:
        self.id = session_id
        self.intents = intents
        self.identify = identify
        self.shard: tuple[int, int] = (0, 1)
        self.seq = 0
        self.history: list[dict[str, Any]] = []
        self.connection: GatewayConnection | None = None

    def dispatch(self, event: str, data: dict[str, Any]) -> int:
        """Number the event, keep it for replay and send it if connected."""
        self.seq += 1
        frame = {"op": 0, "t": event, "s": self.seq, "d": data}
        self.history.append(frame)
        if self.connection is not None:
            self.connection.send(frame)
        return self.seq

    def attach(self, connection: GatewayConnection, after_seq: int | None) -> int:
        """Attach a resuming connection and replay events after ``after_seq``."""
        self.connection = connection
        connection.session = self
        missed = [f for f in self.history if after_seq is None or f["s"] > after_seq]
        for frame in missed:
            connection.send(frame)
        return len(missed)

    def detach(self) -> GatewayConnection | None:
        connection, self.connection = self.connection, None
        return connection


def _drain(queue: asyncio.Queue[Any]) -> None:
    while not queue.empty():
        queue.get_nowait()
