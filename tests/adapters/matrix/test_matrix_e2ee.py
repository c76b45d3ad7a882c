"""End-to-end encryption on a real Synapse: a member's encrypted command is read and answered
encrypted, and the bot's crypto store survives a restart."""
from __future__ import annotations

from nio import MessageDirection, RoomMessagesResponse

from tests.adapters.matrix.conftest import BotRunner, MakeClient, MakeMember
from tests.adapters.matrix.members import body, membership_of, replies_to
from tests.adapters.matrix.synapse_harness import RegisteredUser


async def wire_types(matrix_client: MakeClient, user: RegisteredUser, room: str) -> dict[str, str]:
    """Event id -> type as stored by the homeserver (a client without keys sees only ciphertext)."""
    raw = matrix_client(user)
    page = await raw.room_messages(room, direction=MessageDirection.back, limit=100)
    assert isinstance(page, RoomMessagesResponse), page
    return {event.event_id: event.source["type"] for event in page.chunk}


async def test_encrypted_round_trip_survives_a_restart(samovar_bot: BotRunner, member: MakeMember,
                                                       matrix_client: MakeClient) -> None:
    alice = await member("alice", encrypted=True)
    await alice.sync()  # uploads Alice's device keys
    running = await samovar_bot.start()
    room = await alice.create_room(invite=(running.user_id,), encrypted=True)
    await alice.wait_for(room, membership_of(running.user_id, "join"))
    await alice.sync()  # learns the bot's device

    command = await alice.say(room, "!echo only we can read this")
    [reply] = await alice.wait_for(room, replies_to(running.user_id, command))
    assert body(reply) == "only we can read this"

    await samovar_bot.stop()
    running = await samovar_bot.start()  # same device, same crypto store
    second = await alice.say(room, "!echo still private")
    [reply_again] = await alice.wait_for(room, replies_to(running.user_id, second))
    assert body(reply_again) == "still private"

    on_the_wire = await wire_types(matrix_client, alice.user, room)
    for event_id in (command, reply["event_id"], second, reply_again["event_id"]):
        assert on_the_wire[event_id] == "m.room.encrypted"
