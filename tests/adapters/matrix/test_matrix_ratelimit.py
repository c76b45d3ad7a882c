"""Rate limits on a real Synapse (a per-user override makes it answer 429): replies are retried
as the homeserver asks, but only up to the configured bound."""
from __future__ import annotations

import asyncio
import logging
import secrets

import aiohttp
import pytest

from tests.adapters.matrix.conftest import BotRunner, MakeMember
from tests.adapters.matrix.members import body, replies_to, sent_by
from tests.adapters.matrix.synapse_harness import Synapse
from tests.adapters.matrix.test_matrix_conversation import room_with_bot


async def limit_messages(synapse: Synapse, user_id: str, per_second: int | None) -> None:
    """Rate-limit ``user_id`` to ``per_second`` messages (burst 1); None lifts the override."""
    admin = await synapse.register_user_async(f"admin-{secrets.token_hex(3)}", admin=True)
    url = f"{synapse.base_url}/_synapse/admin/v1/users/{user_id}/override_ratelimit"
    headers = {"Authorization": f"Bearer {admin.access_token}"}
    async with aiohttp.ClientSession(headers=headers) as session:
        if per_second is None:
            response = await session.delete(url)
        else:
            response = await session.post(url, json={"messages_per_second": per_second, "burst_count": 1})
        assert response.status == 200, await response.text()


async def test_rate_limited_replies_are_retried(samovar_bot: BotRunner, member: MakeMember,
                                                synapse: Synapse, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG, logger="samovar.adapters.matrix")
    alice = await member("alice")
    running = await samovar_bot.start()
    room = await room_with_bot(alice, running)
    await limit_messages(synapse, running.user_id, 1)

    sent = [await alice.say(room, f"!echo slowly {n}") for n in range(2)]

    for command in sent:
        await alice.wait_for(room, replies_to(running.user_id, command))
    assert running.echo.echoed == ["slowly 0", "slowly 1"]
    assert [r for r in caplog.records if r.getMessage() == "rate limited; retrying"]


async def test_rate_limit_retries_are_bounded(samovar_bot: BotRunner, member: MakeMember, synapse: Synapse,
                                              caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.WARNING, logger="samovar")
    alice = await member("alice")
    running = await samovar_bot.start(retry={"rate_limited_retries": 0})
    room = await room_with_bot(alice, running)
    await limit_messages(synapse, running.user_id, 1)
    await asyncio.sleep(1.1)  # the bot's join counted against the new limit; let that allowance refill

    first = await alice.say(room, "!echo one")
    second = await alice.say(room, "!echo two")
    await alice.wait_for(room, replies_to(running.user_id, first))
    await limit_messages(synapse, running.user_id, None)
    third = await alice.say(room, "!echo three")
    await alice.wait_for(room, replies_to(running.user_id, third))

    # The reply to "two" was given up after the bound instead of holding the bot back.
    assert not [s for s in await alice.history(room) if replies_to(running.user_id, second)(s)]
    assert [body(s) for s in await alice.history(room) if sent_by(running.user_id)(s)] == ["one", "three"]
    failed = [r for r in caplog.records if r.getMessage() == "send failed"]
    assert len(failed) == 1 and "rate limited" in failed[0].__dict__["error"]
