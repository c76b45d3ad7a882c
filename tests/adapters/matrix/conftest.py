"""Fixtures for the Matrix tests: one real Synapse per test session.

``synapse`` installs Synapse into ``.cache/synapse-venv`` when missing (about
20-30 s the first time), starts it, and stops it by PID at the end of the
session, also when tests fail or the run is interrupted. A machine where
Synapse cannot be installed fails these tests; they are never skipped.
"""
from __future__ import annotations

import atexit
import secrets
import signal
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from nio import AsyncClient, AsyncClientConfig

from samovar.adapters.matrix import MatrixAdapter
from samovar.core.bot import Bot
from samovar.core.config import deep_merge, load_config_data
from tests.adapters.matrix.echo_plugin import EchoPlugin
from tests.adapters.matrix.members import Member
from tests.adapters.matrix.synapse_harness import (
    RegisteredUser,
    Synapse,
    SynapseInstallError,
    ensure_synapse,
)

MakeUser = Callable[..., Awaitable[RegisteredUser]]
MakeClient = Callable[[RegisteredUser], AsyncClient]


@pytest.fixture(scope="session")
def synapse() -> Iterator[Synapse]:
    """A running throw-away homeserver shared by the whole session."""
    try:
        python = ensure_synapse()
    except SynapseInstallError as error:
        pytest.fail(f"Synapse is required for the Matrix tests: {error}", pytrace=False)
    server = Synapse(python)
    atexit.register(server.cleanup)
    previous_sigterm = _interrupt_on_sigterm()
    try:
        server.start()
        yield server
    finally:
        server.cleanup()
        atexit.unregister(server.cleanup)
        if previous_sigterm is not None:
            signal.signal(signal.SIGTERM, previous_sigterm)


def _raise_interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt(f"signal {signum}")


def _interrupt_on_sigterm() -> signal.Handlers | None:
    """Let SIGTERM (e.g. a CI timeout) unwind the session like Ctrl-C, so the
    homeserver is stopped; returns the handler to restore, None if untouched."""
    if signal.getsignal(signal.SIGTERM) is not signal.SIG_DFL:
        return None
    signal.signal(signal.SIGTERM, _raise_interrupt)
    return signal.SIG_DFL


@pytest.fixture
def matrix_user(synapse: Synapse) -> MakeUser:
    """Factory: ``await matrix_user("alice")`` registers ``@alice-<random>``."""

    async def make(prefix: str, admin: bool = False) -> RegisteredUser:
        return await synapse.register_user_async(f"{prefix}-{secrets.token_hex(3)}", admin=admin)

    return make


@pytest.fixture
async def matrix_client(synapse: Synapse) -> AsyncIterator[MakeClient]:
    """Factory: a matrix-nio client logged in as a user; closed after the test."""
    clients: list[AsyncClient] = []

    def make(user: RegisteredUser) -> AsyncClient:
        client = AsyncClient(
            synapse.base_url,
            config=AsyncClientConfig(encryption_enabled=False, store_sync_tokens=False),
        )
        client.restore_login(user.user_id, user.device_id, user.access_token)
        clients.append(client)
        return client

    try:
        yield make
    finally:
        for client in clients:
            await client.close()


# --------------------------------------------------------------------------
# samovar bots and members for the adapter tests
# --------------------------------------------------------------------------

ECHO_PLUGIN = "tests.adapters.matrix.echo_plugin:EchoPlugin"
PASSWORD_ENV = "SAMOVAR_TEST_MATRIX_PASSWORD"


@dataclass
class RunningBot:
    """A samovar Bot serving Matrix through the real adapter."""

    bot: Bot
    adapter: MatrixAdapter
    user_id: str

    @property
    def echo(self) -> EchoPlugin:
        return next(p for p in self.bot.host.plugins.values() if isinstance(p, EchoPlugin))


@dataclass
class BotRunner:
    """Starts samovar bots for one account (one at a time), all sharing one store directory."""

    synapse: Synapse
    account: RegisteredUser
    directory: Path
    running: list[RunningBot] = field(default_factory=list)

    def config(self, **adapter_settings: Any) -> dict[str, Any]:
        adapter = deep_merge({
            "homeserver": self.synapse.base_url,
            "user_id": self.account.user_id,
            "password_env": PASSWORD_ENV,
            "store_path": str(self.directory / "matrix-store"),
            "invites": {"allowed_servers": [self.synapse.server_name]},
            "retry": {"first_delay": "0.1s", "max_delay": "0.5s", "start_wait": "20s", "send_for": "20s"},
            "sync_timeout": "5s",
        }, adapter_settings)
        return {
            "community": {"name": "Test community", "language": "en", "timezone": "UTC", "main_room": "general"},
            "database_url": f"sqlite://{self.directory / 'samovar.db'}",
            "adapters": {"matrix": adapter},
            "permissions": {"matrix": {"moderator_power": 50, "admin_power": 100}},
            "rate_limit": {"commands": 10_000, "per": "1m"},
            "plugins": {ECHO_PLUGIN: {}},
        }

    async def start(self, **adapter_settings: Any) -> RunningBot:
        raw = self.config(**adapter_settings)
        loaded = load_config_data(raw, "<matrix adapter test>")
        _, settings = loaded.adapters["matrix"]
        bot = Bot(loaded, database_url=raw["database_url"])
        adapter = MatrixAdapter(settings)
        bot.add_adapter(adapter)
        running = RunningBot(bot, adapter, self.account.user_id)
        self.running.append(running)
        await bot.start()
        return running

    async def stop(self) -> None:
        while self.running:
            await self.running.pop().bot.stop()


@pytest.fixture
async def samovar_bot(synapse: Synapse, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> AsyncIterator[BotRunner]:
    """A bot account and a runner that starts samovar bots on it; stopped after the test."""
    account = await synapse.register_user_async(f"samovar-{secrets.token_hex(3)}")
    monkeypatch.setenv(PASSWORD_ENV, account.password)
    runner = BotRunner(synapse, account, tmp_path)
    try:
        yield runner
    finally:
        await runner.stop()


MakeMember = Callable[..., Awaitable[Member]]


@pytest.fixture
async def member(synapse: Synapse, tmp_path: Path) -> AsyncIterator[MakeMember]:
    """Factory: ``await member("alice")`` registers a person and logs their app in
    (``encrypted=True`` gives the app an end-to-end encryption store)."""
    made: list[Member] = []

    async def make(prefix: str, encrypted: bool = False, admin: bool = False) -> Member:
        user = await synapse.register_user_async(f"{prefix}-{secrets.token_hex(3)}", admin=admin)
        store = tmp_path / f"{user.user_id}-store" if encrypted else None
        if store is not None:
            store.mkdir()
        person = Member(synapse.base_url, user, store)
        made.append(person)
        return person

    try:
        yield make
    finally:
        for person in made:
            await person.close()
