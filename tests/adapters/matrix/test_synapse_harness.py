"""End-to-end checks that the throw-away Synapse behaves like a homeserver
the Matrix adapter can rely on: real users, rooms, messages, reactions, and
data that survives a restart."""
from __future__ import annotations

import asyncio
import json
import secrets
import time
import urllib.error
import urllib.request
from collections.abc import Callable

import pytest
from nio import (
    AsyncClient,
    AsyncClientConfig,
    Event,
    JoinResponse,
    LoginResponse,
    ReactionEvent,
    RoomCreateResponse,
    RoomInviteResponse,
    RoomMessageText,
    RoomSendResponse,
    SyncResponse,
)

from tests.adapters.matrix.conftest import MakeClient, MakeUser
from tests.adapters.matrix.synapse_harness import Synapse, SynapseError

SYNC_DEADLINE_S = 15.0


async def sync_until(
    client: AsyncClient, room_id: str, matches: Callable[[Event], bool]
) -> Event | None:
    """Sync ``client`` until an event in ``room_id`` matches; None if it never comes."""
    deadline = time.monotonic() + SYNC_DEADLINE_S
    while time.monotonic() < deadline:
        response = await client.sync(timeout=1000, since=client.next_batch)
        assert isinstance(response, SyncResponse), response
        room = response.rooms.join.get(room_id)
        for event in room.timeline.events if room else []:
            if matches(event):
                return event
    return None


async def shared_room(alice: AsyncClient, bob: AsyncClient) -> str:
    """Alice creates a room and invites Bob, who joins; returns the room id."""
    created = await alice.room_create(name="tea room")
    assert isinstance(created, RoomCreateResponse), created
    invited = await alice.room_invite(created.room_id, bob.user_id)
    assert isinstance(invited, RoomInviteResponse), invited
    joined = await bob.join(created.room_id)
    assert isinstance(joined, JoinResponse), joined
    return created.room_id


async def send_text(client: AsyncClient, room_id: str, body: str) -> str:
    sent = await client.room_send(room_id, "m.room.message", {"msgtype": "m.text", "body": body})
    assert isinstance(sent, RoomSendResponse), sent
    return sent.event_id


def is_text_from(sender: str, body: str) -> Callable[[Event], bool]:
    return lambda event: (
        isinstance(event, RoomMessageText) and event.sender == sender and event.body == body
    )


async def test_invited_member_receives_message(
    matrix_user: MakeUser, matrix_client: MakeClient
) -> None:
    alice = matrix_client(await matrix_user("alice"))
    bob = matrix_client(await matrix_user("bob"))
    room_id = await shared_room(alice, bob)

    await send_text(alice, room_id, "the kettle is on")

    seen = await sync_until(bob, room_id, is_text_from(alice.user_id, "the kettle is on"))
    assert seen is not None, "bob never saw alice's message"


async def test_reaction_annotation_reaches_author(
    matrix_user: MakeUser, matrix_client: MakeClient
) -> None:
    alice = matrix_client(await matrix_user("alice"))
    bob = matrix_client(await matrix_user("bob"))
    room_id = await shared_room(alice, bob)
    message_id = await send_text(alice, room_id, "I went outside today")

    reaction = {
        "m.relates_to": {"rel_type": "m.annotation", "event_id": message_id, "key": "🌱"}
    }
    sent = await bob.room_send(room_id, "m.reaction", reaction)
    assert isinstance(sent, RoomSendResponse), sent

    seen = await sync_until(
        alice,
        room_id,
        lambda event: isinstance(event, ReactionEvent) and event.sender == bob.user_id,
    )
    assert isinstance(seen, ReactionEvent), "alice never saw bob's reaction"
    assert (seen.reacts_to, seen.key) == (message_id, "🌱")


async def test_restart_keeps_users_rooms_and_tokens(
    synapse: Synapse, matrix_user: MakeUser, matrix_client: MakeClient
) -> None:
    alice_user, bob_user = await matrix_user("alice"), await matrix_user("bob")
    alice, bob = matrix_client(alice_user), matrix_client(bob_user)
    room_id = await shared_room(alice, bob)
    await send_text(alice, room_id, "before the outage")
    for client in (alice, bob):
        await client.close()

    await asyncio.to_thread(synapse.stop)
    assert not synapse.running
    await asyncio.to_thread(synapse.start)

    # Bob's old access token still works, the room and its history are still there.
    bob_again = matrix_client(bob_user)
    before = is_text_from(alice_user.user_id, "before the outage")
    seen_before = await sync_until(bob_again, room_id, before)
    assert seen_before is not None, "the message from before the restart is gone"

    # Alice can log in again with her password, and the room still delivers.
    alice_again = AsyncClient(
        synapse.base_url, alice_user.user_id, config=AsyncClientConfig(encryption_enabled=False)
    )
    try:
        login = await alice_again.login(alice_user.password)
        assert isinstance(login, LoginResponse), login
        await send_text(alice_again, room_id, "after the outage")
    finally:
        await alice_again.close()
    after = is_text_from(alice_user.user_id, "after the outage")
    seen_after = await sync_until(bob_again, room_id, after)
    assert seen_after is not None, "bob missed the message sent after the restart"


def test_start_refuses_when_port_is_taken(synapse: Synapse) -> None:
    intruder = Synapse(synapse.python, port=synapse.port)
    try:
        with pytest.raises(SynapseError, match="already answers"):
            intruder.start()
        assert intruder.pid is None
    finally:
        intruder.cleanup()
    # The original homeserver is untouched.
    localpart = f"after-intruder-{secrets.token_hex(3)}"
    assert synapse.register_user(localpart).user_id == f"@{localpart}:{synapse.server_name}"


def admin_api_status(synapse: Synapse, access_token: str, user_id: str) -> int:
    request = urllib.request.Request(
        f"{synapse.base_url}/_synapse/admin/v2/users/{user_id}",
        headers={"Authorization": f"Bearer {access_token}"},
    )
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            assert json.load(response)["name"] == user_id
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def test_only_admin_users_reach_the_admin_api(synapse: Synapse) -> None:
    admin = synapse.register_user(f"moderator-{secrets.token_hex(3)}", admin=True)
    member = synapse.register_user(f"member-{secrets.token_hex(3)}")

    assert admin_api_status(synapse, admin.access_token, member.user_id) == 200
    assert admin_api_status(synapse, member.access_token, admin.user_id) == 403
