"""People in the Matrix tests: plain matrix-nio clients acting the way a member's app would."""
from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from nio import (
    AsyncClient,
    AsyncClientConfig,
    JoinResponse,
    MegolmEvent,
    MessageDirection,
    RoomCreateResponse,
    RoomMessagesResponse,
    RoomPreset,
    RoomSendResponse,
    SyncResponse,
)

from tests.adapters.matrix.synapse_harness import RegisteredUser

DEADLINE_S = 30.0
Source = dict[str, Any]
Check = Callable[[Source], bool]


class Member:
    """One person with a Matrix account and a client; every method does what their app would."""

    def __init__(self, base_url: str, user: RegisteredUser, store: Path | None = None) -> None:
        encrypted = store is not None
        config = AsyncClientConfig(encryption_enabled=encrypted, store_sync_tokens=False)
        self.client = AsyncClient(base_url, user.user_id, device_id=user.device_id,
                                  store_path=str(store) if store else "", config=config)
        self.client.restore_login(user.user_id, user.device_id, user.access_token)
        self.user = user
        self.user_id = user.user_id

    async def close(self) -> None:
        await self.client.close()

    # ----- acting ----------------------------------------------------------------------------

    async def create_room(self, *, invite: tuple[str, ...] = (), direct: bool = False, encrypted: bool = False,
                          name: str | None = None) -> str:
        initial = [{"type": "m.room.encryption", "state_key": "",
                    "content": {"algorithm": "m.megolm.v1.aes-sha2"}}] if encrypted else []
        created = await self.client.room_create(
            name=name, invite=list(invite), is_direct=direct, initial_state=initial,
            preset=RoomPreset.trusted_private_chat if direct else RoomPreset.private_chat)
        assert isinstance(created, RoomCreateResponse), created
        return created.room_id

    async def invite(self, room_id: str, user_id: str) -> None:
        await self.client.room_invite(room_id, user_id)

    async def join(self, room_id: str) -> None:
        joined = await self.client.join(room_id)
        assert isinstance(joined, JoinResponse), joined

    async def leave(self, room_id: str) -> None:
        await self.client.room_leave(room_id)

    async def send(self, room_id: str, event_type: str, content: dict[str, Any]) -> str:
        sent = await self.client.room_send(room_id, event_type, content, ignore_unverified_devices=True)
        assert isinstance(sent, RoomSendResponse), sent
        return sent.event_id

    async def say(self, room_id: str, body: str, *, reply_to: str | None = None, thread: str | None = None,
                  formatted: str | None = None) -> str:
        content: dict[str, Any] = {"msgtype": "m.text", "body": body}
        if formatted is not None:
            content.update(format="org.matrix.custom.html", formatted_body=formatted)
        if thread:
            content["m.relates_to"] = {"rel_type": "m.thread", "event_id": thread, "is_falling_back": True,
                                       "m.in_reply_to": {"event_id": thread}}
        elif reply_to:
            content["m.relates_to"] = {"m.in_reply_to": {"event_id": reply_to}}
        return await self.send(room_id, "m.room.message", content)

    async def edit(self, room_id: str, event_id: str, body: str) -> str:
        return await self.send(room_id, "m.room.message", {
            "msgtype": "m.text", "body": f"* {body}", "m.new_content": {"msgtype": "m.text", "body": body},
            "m.relates_to": {"rel_type": "m.replace", "event_id": event_id}})

    async def react(self, room_id: str, event_id: str, key: str) -> str:
        return await self.send(room_id, "m.reaction", {
            "m.relates_to": {"rel_type": "m.annotation", "event_id": event_id, "key": key}})

    async def redact(self, room_id: str, event_id: str) -> None:
        await self.client.room_redact(room_id, event_id)

    async def set_power(self, room_id: str, user_id: str, level: int) -> None:
        current = await self.client.room_get_state_event(room_id, "m.room.power_levels")
        content = dict(current.content)
        content["users"] = {**content.get("users", {}), user_id: level}
        await self.client.room_put_state(room_id, "m.room.power_levels", content)

    # ----- looking ---------------------------------------------------------------------------

    async def sync(self, timeout_ms: int = 0, limit: int = 1) -> SyncResponse:
        response = await self.client.sync(timeout=timeout_ms, since=self.client.next_batch,
                                          sync_filter={"room": {"timeline": {"limit": limit}}})
        assert isinstance(response, SyncResponse), response
        if self.client.olm is not None:
            if self.client.should_upload_keys:
                await self.client.keys_upload()
            if self.client.should_query_keys:
                await self.client.keys_query()
            if self.client.should_claim_keys:
                await self.client.keys_claim(self.client.get_users_for_key_claiming())
            await self.client.send_to_device_messages()
        return response

    async def history(self, room_id: str) -> list[Source]:
        """Every event of the room, oldest first (decrypted where this member has the keys)."""
        events: list[Any] = []
        start: str | None = None  # no token: from the newest event
        while True:
            page = await self.client.room_messages(room_id, start=start, direction=MessageDirection.back, limit=100)
            assert isinstance(page, RoomMessagesResponse), page
            events.extend(page.chunk)
            if not page.chunk or not page.end:
                break
            start = page.end
        sources = []
        for event in reversed(events):
            if isinstance(event, MegolmEvent) and self.client.olm is not None:
                try:
                    event = self.client.decrypt_event(event)
                except Exception:
                    pass
            sources.append(event.source)
        return sources

    async def wait_for(self, room_id: str, check: Check, count: int = 1) -> list[Source]:
        """Sync until the room holds ``count`` events matching ``check``; fails after a deadline."""
        deadline = time.monotonic() + DEADLINE_S
        if not self.client.next_batch:
            await self.sync()
        found = {s["event_id"]: s for s in await self.history(room_id) if check(s)}
        while len(found) < count and time.monotonic() < deadline:
            response = await self.sync(timeout_ms=1000, limit=100)
            info = response.rooms.join.get(room_id) or response.rooms.leave.get(room_id)
            if info is None:
                continue
            if info.timeline.limited:  # more arrived than one sync holds: look at the whole room
                found = {s["event_id"]: s for s in await self.history(room_id) if check(s)}
                continue
            for event in info.timeline.events:
                if check(event.source):
                    found[event.source["event_id"]] = event.source
        if len(found) < count:
            raise AssertionError(f"{self.user_id} saw {len(found)} of {count} expected events in {room_id}")
        return list(found.values())

    async def wait_invite(self, check: Callable[[str, list[Source]], bool] | None = None) -> str:
        """Sync until an invitation arrives; returns the room id."""
        deadline = time.monotonic() + DEADLINE_S
        while time.monotonic() < deadline:
            response = await self.sync(timeout_ms=300)
            for room_id, info in response.rooms.invite.items():
                sources = [event.source for event in info.invite_state]
                if check is None or check(room_id, sources):
                    return room_id
        raise AssertionError(f"{self.user_id} was never invited")


def replies_to(bot_id: str, event_id: str) -> Check:
    """Events the bot sent as a reply to ``event_id``."""
    return lambda s: (s.get("sender") == bot_id and s.get("type") == "m.room.message"
                      and ((s["content"].get("m.relates_to") or {}).get("m.in_reply_to") or {}).get("event_id")
                      == event_id)


def sent_by(user_id: str, event_type: str = "m.room.message") -> Check:
    return lambda s: s.get("sender") == user_id and s.get("type") == event_type


def body(source: Source) -> str:
    return str((source.get("content") or {}).get("body", ""))


def membership_of(user_id: str, membership: str) -> Check:
    return lambda s: (s.get("type") == "m.room.member" and s.get("state_key") == user_id
                      and (s.get("content") or {}).get("membership") == membership)


async def eventually(check: Callable[[], object], what: str) -> None:
    """Poll ``check`` until it is truthy; fails with ``what`` after a deadline."""
    deadline = time.monotonic() + DEADLINE_S
    while time.monotonic() < deadline:
        if check():
            return
        await asyncio.sleep(0.05)
    raise AssertionError(f"never happened: {what}")
