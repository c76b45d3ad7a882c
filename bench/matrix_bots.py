"""The two bots and the members the Matrix benchmark drives (see ``bench_matrix``).

A bare matrix-nio echo bot, samovar (Bot + Matrix adapter + plugins), a watcher
that timestamps replies, and plain nio clients acting as members.
"""
from __future__ import annotations

import asyncio
import contextlib
import os
import time
from pathlib import Path
from typing import Any

from nio import AsyncClient, AsyncClientConfig, MessageDirection, RoomMessagesResponse, RoomSendResponse, SyncResponse

from samovar.adapters.matrix import MatrixAdapter
from samovar.core.bot import Bot
from samovar.core.config import load_config_data
from tests.adapters.matrix.synapse_harness import RegisteredUser, Synapse

ECHO_PLUGIN = "tests.adapters.matrix.echo_plugin:EchoPlugin"
PASSWORD_ENV = "SAMOVAR_BENCH_MATRIX_PASSWORD"
SYNC_FILTER = {"room": {"timeline": {"limit": 100}}, "presence": {"not_types": ["*"]}}

# ----- the bare matrix-nio bot -------------------------------------------------------------------


class BareEchoBot:
    """The baseline: matrix-nio alone, one sync loop, answering ``!echo`` with a reply notice."""

    def __init__(self, base_url: str, user: RegisteredUser) -> None:
        self.base_url, self.user = base_url, user
        self.token: str | None = None
        self.client: AsyncClient | None = None
        self.task: asyncio.Task[None] | None = None

    async def start(self) -> None:
        self.client = AsyncClient(self.base_url, config=AsyncClientConfig(encryption_enabled=False))
        self.client.restore_login(self.user.user_id, self.user.device_id, self.user.access_token)
        if self.token is None:  # first start: skip history
            first = await self.client.sync(timeout=0, sync_filter=SYNC_FILTER)
            assert isinstance(first, SyncResponse), first
            self.token = first.next_batch
        self.task = asyncio.create_task(self.loop())

    async def stop(self) -> None:
        if self.task is not None:
            self.task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self.task
        if self.client is not None:
            await self.client.close()

    async def loop(self) -> None:
        client = self.client
        assert client is not None
        while True:
            response = await client.sync(timeout=30_000, since=self.token, sync_filter=SYNC_FILTER)
            if not isinstance(response, SyncResponse):
                await asyncio.sleep(1)
                continue
            for room_id, info in response.rooms.join.items():
                events = list(info.timeline.events)
                if info.timeline.limited:
                    events = await self.missed(room_id, info.timeline.prev_batch) + events
                for event in events:
                    await self.answer(room_id, event.source)
            self.token = response.next_batch

    async def missed(self, room_id: str, start: str) -> list[Any]:
        assert self.client is not None
        events: list[Any] = []
        while True:
            page = await self.client.room_messages(room_id, start=start, end=self.token, limit=100)
            if not isinstance(page, RoomMessagesResponse) or not page.chunk:
                return list(reversed(events))
            events.extend(page.chunk)
            if not page.end:
                return list(reversed(events))
            start = page.end

    async def answer(self, room_id: str, source: dict[str, Any]) -> None:
        content = source.get("content") or {}
        text = content.get("body", "")
        if (source.get("type") != "m.room.message" or content.get("msgtype") != "m.text"
                or source.get("sender") == self.user.user_id or not text.startswith("!echo ")):
            return
        assert self.client is not None
        await self.client.room_send(room_id, "m.room.message", {
            "msgtype": "m.notice", "body": text[len("!echo "):],
            "m.relates_to": {"m.in_reply_to": {"event_id": source["event_id"]}}})


# ----- samovar ----------------------------------------------------------------------------------


class SamovarBot:
    """samovar with the Matrix adapter; ``stop`` then ``start`` keeps its store and database."""

    def __init__(self, synapse: Synapse, user: RegisteredUser, directory: Path, plugins: list[str],
                 encryption: bool = True) -> None:
        self.synapse, self.user, self.directory, self.plugins = synapse, user, directory, plugins
        self.encryption = encryption
        self.bot: Bot | None = None

    def config(self) -> dict[str, Any]:
        return {
            "community": {"name": "Bench", "language": "en", "timezone": "UTC", "main_room": "general"},
            "database_url": f"sqlite://{self.directory / 'samovar.db'}",
            "adapters": {"matrix": {
                "homeserver": self.synapse.base_url, "user_id": self.user.user_id, "password_env": PASSWORD_ENV,
                "store_path": str(self.directory / "matrix-store"),
                "encryption": {"enabled": self.encryption},
                "invites": {"allowed_servers": [self.synapse.server_name]}}},
            "permissions": {"matrix": {"moderator_power": 50, "admin_power": 100}},
            "rate_limit": {"commands": 1_000_000, "per": "1m"},
            "plugins": {name: {} for name in self.plugins},
        }

    async def start(self) -> None:
        os.environ[PASSWORD_ENV] = self.user.password
        self.directory.mkdir(parents=True, exist_ok=True)
        loaded = load_config_data(self.config(), "<matrix bench>")
        bot = Bot(loaded, database_url=self.config()["database_url"])
        bot.add_adapter(MatrixAdapter(loaded.adapters["matrix"][1]))
        await bot.start()
        self.bot = bot

    async def stop(self) -> None:
        if self.bot is not None:
            await self.bot.stop()
            self.bot = None


# ----- the members who write the commands ------------------------------------------------------


class Watcher:
    """Alice's app: syncs and notes when the answer to each command arrives."""

    def __init__(self, client: AsyncClient) -> None:
        self.client = client
        self.answers: dict[str, asyncio.Future[float]] = {}
        self.arrived: dict[str, float] = {}
        self.token: str | None = None
        self.task: asyncio.Task[None] | None = None

    async def start(self) -> None:
        first = await self.client.sync(timeout=0, sync_filter=SYNC_FILTER)
        assert isinstance(first, SyncResponse), first
        self.token = first.next_batch
        self.task = asyncio.create_task(self.watch())

    async def stop(self) -> None:
        if self.task is not None:
            self.task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self.task

    async def watch(self) -> None:
        while True:
            response = await self.client.sync(timeout=30_000, since=self.token, sync_filter=SYNC_FILTER)
            if not isinstance(response, SyncResponse):
                await asyncio.sleep(0.5)
                continue
            now = time.perf_counter()
            for room_id, info in response.rooms.join.items():
                events = list(info.timeline.events)
                if info.timeline.limited:
                    page = await self.client.room_messages(room_id, start=info.timeline.prev_batch, end=self.token,
                                                           direction=MessageDirection.back, limit=1000)
                    if isinstance(page, RoomMessagesResponse):
                        events = list(reversed(page.chunk)) + events
                for event in events:
                    relates = (event.source.get("content") or {}).get("m.relates_to") or {}
                    answered = (relates.get("m.in_reply_to") or {}).get("event_id")
                    if answered and answered not in self.arrived:
                        self.arrived[answered] = now
                        future = self.answers.get(answered)
                        if future is not None and not future.done():
                            future.set_result(now)
            self.token = response.next_batch

    def expect(self, event_id: str) -> asyncio.Future[float]:
        """A future that gets the time the answer to ``event_id`` arrived."""
        future = self.answers[event_id] = asyncio.get_running_loop().create_future()
        if event_id in self.arrived:  # answered before the send call returned
            future.set_result(self.arrived[event_id])
        return future


class Members:
    """The people writing commands (``clients[0]`` is Alice, whose app also watches for answers)."""

    def __init__(self, base_url: str, users: list[RegisteredUser]) -> None:
        self.clients = []
        for user in users:
            client = AsyncClient(base_url, config=AsyncClientConfig(encryption_enabled=False))
            client.restore_login(user.user_id, user.device_id, user.access_token)
            self.clients.append(client)
        self.watcher = Watcher(self.clients[0])

    async def close(self) -> None:
        await self.watcher.stop()
        for client in self.clients:
            await client.close()

    async def room_with(self, name: str, bot_id: str) -> str:
        """Alice creates a room with everyone in it and invites the bot."""
        alice = self.clients[0]
        created = await alice.room_create(name=f"bench {name}",
                                          invite=[bot_id, *(c.user_id for c in self.clients[1:])])
        for client in self.clients[1:]:
            await client.join(created.room_id)
        return created.room_id

    async def send(self, room_id: str, text: str, member: int = 0) -> asyncio.Future[float]:
        """Member number ``member`` writes ``text``; the future gets the time its answer arrived."""
        sent = await self.clients[member].room_send(room_id, "m.room.message", {"msgtype": "m.text", "body": text})
        assert isinstance(sent, RoomSendResponse), sent
        return self.watcher.expect(sent.event_id)


# ----- the measurements --------------------------------------------------------------------------
