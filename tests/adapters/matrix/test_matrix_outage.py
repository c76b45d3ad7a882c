"""The homeserver going away (stopping and restarting the real Synapse): the bot retries with
backoff, logs once per change, and answers what was sent meanwhile."""
from __future__ import annotations

import asyncio
import logging

import pytest

from tests.adapters.matrix.conftest import BotRunner, MakeMember
from tests.adapters.matrix.members import eventually, replies_to
from tests.adapters.matrix.synapse_harness import Synapse
from tests.adapters.matrix.test_matrix_conversation import room_with_bot

LOGGER = "samovar.adapters.matrix"
AFTER_OUTAGE = 20


def messages(caplog: pytest.LogCaptureFixture, text: str) -> int:
    return len([r for r in caplog.records if r.name == LOGGER and r.getMessage() == text])


async def test_homeserver_going_away_mid_run(samovar_bot: BotRunner, member: MakeMember, synapse: Synapse,
                                             caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.INFO, logger=LOGGER)
    alice = await member("alice")
    running = await samovar_bot.start()
    room = await room_with_bot(alice, running)

    await asyncio.to_thread(synapse.stop)
    await eventually(lambda: messages(caplog, "homeserver unreachable; retrying with backoff"), "the bot notices")
    await asyncio.sleep(1.5)  # several retries fail while the homeserver is down
    await asyncio.to_thread(synapse.start)
    sent = [await alice.say(room, f"!echo back {n}") for n in range(AFTER_OUTAGE)]

    for command in sent:
        await alice.wait_for(room, replies_to(running.user_id, command))
    assert running.echo.echoed == [f"back {n}" for n in range(AFTER_OUTAGE)]
    assert messages(caplog, "homeserver unreachable; retrying with backoff") == 1
    assert messages(caplog, "homeserver reachable again") == 1


async def test_homeserver_unreachable_at_start(samovar_bot: BotRunner, member: MakeMember, synapse: Synapse,
                                               caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.INFO, logger=LOGGER)
    alice = await member("alice")
    running = await samovar_bot.start()
    room = await room_with_bot(alice, running)
    await samovar_bot.stop()

    await asyncio.to_thread(synapse.stop)
    running = await samovar_bot.start(retry={"start_wait": "1s"})  # returns; keeps trying in the background
    assert messages(caplog, "not connected to the homeserver yet; the adapter keeps trying in the background") == 1
    await asyncio.to_thread(synapse.start)
    command = await alice.say(room, "!echo anyone home?")

    await alice.wait_for(room, replies_to(running.user_id, command))
    assert messages(caplog, "homeserver unreachable; retrying with backoff") == 1
    assert messages(caplog, "homeserver reachable again") == 1
