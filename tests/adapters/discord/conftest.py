"""Fixtures for testing against the local Discord stand-in.

``discord_standin``: a started :class:`DiscordStandIn` with the default world
(see ``standin/world_presets.py``) and discord.py pointed at it. Options go in
a marker: ``@pytest.mark.discord_standin(heartbeat_interval_ms=100)``. At
teardown the test fails if anything hit a route the stand-in does not know or
misused the protocol.

``run_discord_client``: ``await run_discord_client(client)`` starts a
``discord.Client`` (or subclass) with the stand-in's token, waits for
``on_ready`` and closes it at teardown.

Stand-in API in short (names, ids or model objects are accepted for users,
channels and messages):

- act as users: ``user_says(channel, user, text, reply_to=None)``,
  ``user_dms(user, text)``, ``user_reacts(message, user, emoji, burst=False)``,
  ``user_unreacts(...)``, ``member_joins(user)``, ``member_leaves(user)``,
  ``slash_command(user, channel_or_None, "name [sub]", {option: value})``;
- trouble: ``await drop_gateway(code=4000 | None)``, ``request_reconnect()``,
  ``invalidate_session()``, ``inject_429(pattern, retry_after, count)``,
  ``rate_limits.set_rule(pattern, limit, per)``, ``revoke_bot_permissions(Perm...)``,
  ``set_privileged_intents(message_content=False)``, ``rotate_token()``;
- inspect: ``sent_messages(channel)``, ``sent_dms(user)``, ``messages_in(channel)``,
  ``reactions``, ``reactions_on(message)``, ``interaction_responses``,
  ``responses_to(interaction)``, ``registered_commands(guild=None)``,
  ``global_commands()``, ``member(user)``, ``typing_in(channel)``, ``requests``,
  ``requests_to(method, template)``, ``rate_limit_violations``, ``connections``,
  ``unknown_routes``, ``take_unknown_routes()``;
- wait: ``await wait_for(predicate, timeout=5)``.
"""
from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator, Awaitable, Callable

import discord
import pytest

from .standin import DiscordStandIn, discord_py_pointed_at

READY_TIMEOUT = 10.0


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "discord_standin(**options): options for the Discord stand-in fixture")


@pytest.fixture
async def discord_standin(request: pytest.FixtureRequest) -> AsyncIterator[DiscordStandIn]:
    marker = request.node.get_closest_marker("discord_standin")
    standin = DiscordStandIn(**(marker.kwargs if marker else {}))
    await standin.start()
    try:
        with discord_py_pointed_at(standin):
            yield standin
    finally:
        await standin.stop()
    assert not standin.unknown_routes, f"routes the stand-in does not serve: {standin.unknown_routes}"
    assert not standin.protocol_errors, "protocol errors:\n" + "\n".join(standin.protocol_errors)


StartClient = Callable[..., Awaitable[discord.Client]]


@pytest.fixture
async def run_discord_client(discord_standin: DiscordStandIn) -> AsyncIterator[StartClient]:
    running: list[tuple[discord.Client, asyncio.Task[None]]] = []

    async def start(client: discord.Client, token: str | None = None, *, wait_ready: bool = True) -> discord.Client:
        task = asyncio.create_task(client.start(token or discord_standin.token))
        running.append((client, task))
        if wait_ready:
            ready = asyncio.create_task(client.wait_until_ready())
            done, _ = await asyncio.wait({ready, task}, timeout=READY_TIMEOUT,
                                         return_when=asyncio.FIRST_COMPLETED)
            if ready not in done:
                ready.cancel()
                if task in done:
                    task.result()  # raises what start() raised
                raise TimeoutError("discord client did not become ready")
        return client

    yield start
    for client, task in running:
        await client.close()
        with contextlib.suppress(Exception, asyncio.CancelledError):
            await asyncio.wait_for(task, 5.0)
