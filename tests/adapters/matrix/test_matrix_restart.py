"""Restarts on a real Synapse: the first start skips history, the same device is reused, and
commands sent while the bot was stopped are each answered exactly once."""
from __future__ import annotations

import asyncio
from collections import Counter

from nio import AsyncClient, DevicesResponse

from samovar.core.events import MessageEvent, ReactionEvent
from tests.adapters.matrix.conftest import BotRunner, MakeMember
from tests.adapters.matrix.members import Member, replies_to, sent_by
from tests.adapters.matrix.test_matrix_conversation import room_with_bot

OFFLINE_COMMANDS = 150


async def say_many(room: str, lines: list[tuple[Member, str]], in_flight: int = 10) -> list[str]:
    """Each member writes their text, up to ``in_flight`` messages on their way at once; the event ids."""
    gate = asyncio.Semaphore(in_flight)

    async def one(person: Member, text: str) -> str:
        async with gate:
            return await person.say(room, text)

    return list(await asyncio.gather(*(one(person, text) for person, text in lines)))


async def device_ids(runner: BotRunner) -> set[str]:
    client = AsyncClient(runner.synapse.base_url)
    client.restore_login(runner.account.user_id, runner.account.device_id, runner.account.access_token)
    try:
        response = await client.devices()
        assert isinstance(response, DevicesResponse), response
        return {device.id for device in response.devices}
    finally:
        await client.close()


async def test_first_start_skips_history(samovar_bot: BotRunner, member: MakeMember, matrix_client) -> None:
    alice = await member("alice")
    bot_app = matrix_client(samovar_bot.account)  # the bot account joined before samovar ever ran
    room = await alice.create_room(invite=(samovar_bot.account.user_id,))
    await bot_app.join(room)
    old = await alice.say(room, "!echo from before the bot existed")

    running = await samovar_bot.start()
    new = await alice.say(room, "!echo hello")

    await alice.wait_for(room, replies_to(running.user_id, new))
    history = await alice.history(room)
    assert not [s for s in history if replies_to(running.user_id, old)(s)]
    assert running.echo.echoed == ["hello"]


async def test_commands_sent_while_stopped_are_answered_exactly_once(samovar_bot: BotRunner,
                                                                     member: MakeMember) -> None:
    alice, bob = await member("alice"), await member("bob")
    running = await samovar_bot.start()
    room = await room_with_bot(alice, running, bob)
    first = await alice.say(room, "!echo before the restart")
    await alice.wait_for(room, replies_to(running.user_id, first))
    devices = await device_ids(samovar_bot)
    await samovar_bot.stop()

    lines = [(alice if n % 3 else bob, f"!echo offline {n}") for n in range(OFFLINE_COMMANDS)]
    sent = await say_many(room, lines)
    await bob.react(room, sent[-1], "🫂")  # on Alice's last command, while the bot is away
    running = await samovar_bot.start()
    await alice.wait_for(room, sent_by(running.user_id), count=OFFLINE_COMMANDS + 1)

    history = await alice.history(room)
    replies = [s for s in history if sent_by(running.user_id)(s)]
    answered = Counter(s["content"]["m.relates_to"]["m.in_reply_to"]["event_id"] for s in replies)
    assert len([e for e in sent if answered[e] == 1]) == OFFLINE_COMMANDS  # 0 missed
    assert max(answered.values()) == 1  # 0 twice
    for person in (alice, bob):  # each member's commands were answered oldest first
        written = [s["event_id"] for s in history if s.get("event_id") in set(sent) and s["sender"] == person.user_id]
        replied = [s["content"]["m.relates_to"]["m.in_reply_to"]["event_id"] for s in replies]
        assert [e for e in replied if e in set(written)] == written
    heard = [e.message.id if isinstance(e, MessageEvent) else ("reaction", e.message.id)
             for e in running.echo.heard if isinstance(e, (MessageEvent, ReactionEvent))]
    assert heard.index(sent[-1]) < heard.index(("reaction", sent[-1]))  # the message before the reaction on it
    assert await device_ids(samovar_bot) == devices  # the restart reused the bot's device

    # One more restart: nothing old is handled again, new commands still are.
    await samovar_bot.stop()
    running = await samovar_bot.start()
    last = await alice.say(room, "!echo after the second restart")
    await alice.wait_for(room, replies_to(running.user_id, last))
    assert running.echo.echoed == ["after the second restart"]
    assert len([s for s in await alice.history(room) if sent_by(running.user_id)(s)]) == OFFLINE_COMMANDS + 2
