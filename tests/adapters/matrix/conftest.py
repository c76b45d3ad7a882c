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

import pytest
from nio import AsyncClient, AsyncClientConfig

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
