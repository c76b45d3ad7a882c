"""Power levels on a real Synapse: member / moderator / admin roles, and the bot's own power
level checked before it redacts or kicks."""
from __future__ import annotations

from datetime import timedelta

from samovar.core.events import MemberRef
from tests.adapters.matrix.conftest import BotRunner, MakeMember
from tests.adapters.matrix.members import body, eventually, membership_of, replies_to
from tests.adapters.matrix.test_matrix_conversation import room_with_bot


async def answer(person, room: str, bot_id: str, text: str) -> str:
    command = await person.say(room, text)
    [reply] = await person.wait_for(room, replies_to(bot_id, command))
    return body(reply)


async def test_power_levels_map_to_roles(samovar_bot: BotRunner, member: MakeMember) -> None:
    alice, bob = await member("alice"), await member("bob")
    running = await samovar_bot.start()
    room = await room_with_bot(alice, running, bob)

    assert await answer(alice, room, running.user_id, "!role") == "admin"  # the room's creator
    assert await answer(bob, room, running.user_id, "!role") == "member"
    await alice.set_power(room, bob.user_id, 50)
    await alice.wait_for(room, lambda s: s.get("type") == "m.room.power_levels"
                         and s["content"].get("users", {}).get(bob.user_id) == 50)
    assert await answer(bob, room, running.user_id, "!role") == "moderator"


async def test_redaction_needs_the_bots_power_level(samovar_bot: BotRunner, member: MakeMember) -> None:
    alice, bob = await member("alice"), await member("bob")
    running = await samovar_bot.start()
    room = await room_with_bot(alice, running, bob)
    unkind = await bob.say(room, "just think positive!")

    first = await alice.say(room, "!redact", reply_to=unkind)
    [refused] = await alice.wait_for(room, replies_to(running.user_id, first))
    assert body(refused) == "cannot-redact"

    await alice.set_power(room, running.user_id, 50)
    second = await alice.say(room, "!redact", reply_to=unkind)
    [done] = await alice.wait_for(room, replies_to(running.user_id, second))
    assert body(done) == "redacted"
    [gone] = [s for s in await alice.history(room) if s.get("event_id") == unkind]
    assert gone["content"] == {} and gone["unsigned"]["redacted_because"]["sender"] == running.user_id


async def test_kick_needs_the_bots_power_level(samovar_bot: BotRunner, member: MakeMember) -> None:
    alice, bob = await member("alice"), await member("bob")
    running = await samovar_bot.start()
    room = await room_with_bot(alice, running, bob)

    assert await answer(alice, room, running.user_id, f"!kick {bob.user_id}") == "cannot-kick"
    await alice.set_power(room, running.user_id, 50)
    assert await answer(alice, room, running.user_id, f"!kick {bob.user_id}") == "kicked"
    await alice.wait_for(room, membership_of(bob.user_id, "leave"))
    await eventually(lambda: running.echo.left, "the plugins hear that Bob left")
    assert [e.member.id for e in running.echo.left] == [bob.user_id]


async def test_timeout_is_refused_unless_configured_as_kick(samovar_bot: BotRunner, member: MakeMember) -> None:
    alice, bob = await member("alice"), await member("bob")
    running = await samovar_bot.start()
    room = await room_with_bot(alice, running, bob)
    await alice.set_power(room, running.user_id, 50)
    await alice.wait_for(room, lambda s: s.get("type") == "m.room.power_levels"
                         and s["content"].get("users", {}).get(running.user_id) == 50)
    bob_ref = MemberRef("matrix", bob.user_id)

    assert await running.bot.timeout(bob_ref, timedelta(minutes=10)) is False
    await samovar_bot.stop()
    running = await samovar_bot.start(timeout_action="kick")
    assert await running.bot.timeout(bob_ref, timedelta(minutes=10), reason="cool down") is True
    [kick] = await alice.wait_for(room, membership_of(bob.user_id, "leave"))
    assert kick["sender"] == running.user_id and kick["content"].get("reason") == "cool down"
