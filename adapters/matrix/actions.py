"""The bot acting on Matrix: messages, direct chats, reactions, redactions, kicks and bans.

Every request keeps one transaction id across retries, so a message re-sent
after a lost answer is stored once. Moderation checks the bot's own power
level first and raises :class:`MissingPermission` instead of trying.
"""
from __future__ import annotations

import logging
import uuid
from functools import partial
from typing import Any

from nio import (
    AsyncClient,
    ErrorResponse,
    MatrixRoom,
    RoomBanResponse,
    RoomCreateResponse,
    RoomKickResponse,
    RoomPreset,
    RoomRedactResponse,
    RoomSendResponse,
    RoomUnbanResponse,
)
from nio.exceptions import LocalProtocolError, OlmUnverifiedDeviceError, SendRetryError

from samovar.core.adapter import AdapterError, DirectMessagesClosed, MissingPermission
from samovar.core.events import MemberRef, MessageRef, RoomRef

from .config import MatrixConfig
from .connection import Requests
from .rooms import RoomDirectory
from .state import AdapterState
from .text import outgoing_content
from .translate import PLATFORM, AuthorIndex

log = logging.getLogger("samovar.adapters.matrix")
FORBIDDEN = "M_FORBIDDEN"


class Actions:
    """Carries out the core's actions with the adapter's retry policy."""

    def __init__(self, client: AsyncClient, config: MatrixConfig, state: AdapterState, rooms: RoomDirectory,
                 authors: AuthorIndex, requests: Requests) -> None:
        self.client = client
        self.config = config
        self.state = state
        self.rooms = rooms
        self.authors = authors
        self.requests = requests

    @property
    def own_id(self) -> str:
        return self.client.user_id

    def _retry_for(self) -> float:
        return self.config.retry.send_for.total_seconds()

    # ----- messages --------------------------------------------------------------------------

    async def send(self, room: RoomRef, text: str, *, reply_to: MessageRef | None = None,
                   thread: str | None = None) -> MessageRef:
        """Post ``text``: a reply carries ``m.in_reply_to``; in a thread it stays in the thread."""
        content = outgoing_content(text, self.config.msgtype, lambda user: self.rooms.display_name(user, room.id))
        if thread:
            content["m.relates_to"] = {"rel_type": "m.thread", "event_id": thread,
                                       "is_falling_back": reply_to is None,
                                       "m.in_reply_to": {"event_id": reply_to.id if reply_to else thread}}
        elif reply_to is not None:
            content["m.relates_to"] = {"m.in_reply_to": {"event_id": reply_to.id}}
        event_id = await self.send_event(room.id, "m.room.message", content)
        return MessageRef(PLATFORM, room, event_id)

    async def send_event(self, room_id: str, event_type: str, content: dict[str, Any]) -> str:
        """Send one room event (encrypted where the room is); returns its event id."""
        txn = str(uuid.uuid4())
        ignore = self.config.encryption.ignore_unverified_devices

        async def attempt() -> Any:
            return await self.client.room_send(room_id, event_type, content, tx_id=txn,
                                               ignore_unverified_devices=ignore)

        try:
            response = await self.requests.call(f"send {event_type}", attempt, retry_for=self._retry_for())
        except (LocalProtocolError, OlmUnverifiedDeviceError, SendRetryError) as exc:
            raise AdapterError(f"cannot send to {room_id}: {exc}") from exc
        if isinstance(response, RoomSendResponse):
            self.authors.remember(response.event_id, self.own_id)
            return response.event_id
        raise _error(f"send to {room_id}", response)

    async def dm(self, member: MemberRef, text: str) -> MessageRef:
        """Write in the direct chat with ``member``, opening one (unencrypted) when there is none.

        Raises :class:`DirectMessagesClosed` when the member left or refused the bot's
        direct chat, or the homeserver will not let the bot invite them.
        """
        if self.state.dm_declined(member.id):
            raise DirectMessagesClosed(member.id)
        room_id = self.rooms.direct_room_with(member.id) or await self._open_direct(member.id)
        return await self.send(self.rooms.room_ref(room_id), text)

    async def _open_direct(self, user_id: str) -> str:
        async def attempt() -> Any:
            return await self.client.room_create(is_direct=True, invite=[user_id],
                                                 preset=RoomPreset.trusted_private_chat)

        response = await self.requests.call("create direct chat", attempt, retry_for=self._retry_for())
        if not isinstance(response, RoomCreateResponse):
            log.info("cannot open a direct chat", extra={"error": str(response)})
            raise DirectMessagesClosed(user_id)
        room_id = response.room_id
        self.rooms.remember(room_id, direct_with=user_id)
        if room_id not in self.client.rooms:  # known before the next sync brings it
            self.client.rooms[room_id] = MatrixRoom(room_id, self.own_id)
        return room_id

    # ----- reactions and redactions ------------------------------------------------------------

    async def react(self, message: MessageRef, emoji: str) -> None:
        """Annotate ``message`` with ``emoji`` (``m.reaction``)."""
        content = {"m.relates_to": {"rel_type": "m.annotation", "event_id": message.id, "key": emoji}}
        await self.send_event(message.room.id, "m.reaction", content)

    async def delete(self, message: MessageRef, reason: str | None = None) -> None:
        """Redact ``message``; others' messages need the room's ``redact`` power level."""
        room_id = message.room.id
        self._room(room_id)
        author = await self.authors.author(room_id, message.id)
        if author != self.own_id and not self.rooms.bot_may(room_id, "redact"):
            raise MissingPermission(f"the bot's power level in {room_id} is too low to redact")
        txn = str(uuid.uuid4())
        response = await self.requests.call(
            "redact", lambda: self.client.room_redact(room_id, message.id, reason, tx_id=txn),
            retry_for=self._retry_for())
        if not isinstance(response, RoomRedactResponse):
            raise _error(f"redact in {room_id}", response)

    # ----- kick and ban ------------------------------------------------------------------------

    async def kick(self, member: MemberRef, room: RoomRef | None = None, reason: str | None = None) -> list[str]:
        """Remove ``member`` from ``room`` (default: every group room they are in); the rooms done."""
        targets = [room.id] if room else [r for r in self.rooms.group_rooms() if self._is_joined(r, member.id)]
        for room_id in targets:
            if not self.rooms.bot_may(room_id, "kick", member.id):
                raise MissingPermission(f"the bot's power level in {room_id} is too low to kick {member.id}")
        for room_id in targets:
            response = await self.requests.call(
                "kick", partial(self.client.room_kick, room_id, member.id, reason), retry_for=self._retry_for())
            if not isinstance(response, RoomKickResponse):
                raise _error(f"kick in {room_id}", response)
        return targets

    async def ban(self, member: MemberRef, room: RoomRef | None = None, reason: str | None = None) -> list[str]:
        """Ban ``member`` from ``room`` (default: every group room of the bot); the rooms done."""
        targets = [room.id] if room else self.rooms.group_rooms()
        for room_id in targets:
            if not self.rooms.bot_may(room_id, "ban", member.id):
                raise MissingPermission(f"the bot's power level in {room_id} is too low to ban {member.id}")
        for room_id in targets:
            response = await self.requests.call(
                "ban", partial(self.client.room_ban, room_id, member.id, reason), retry_for=self._retry_for())
            if not isinstance(response, RoomBanResponse):
                raise _error(f"ban in {room_id}", response)
        return targets

    async def unban(self, member: MemberRef, room: RoomRef | None = None) -> list[str]:
        """Lift a ban on ``member`` in ``room`` (default: every group room of the bot)."""
        targets = [room.id] if room else self.rooms.group_rooms()
        for room_id in targets:
            response = await self.requests.call(
                "unban", partial(self.client.room_unban, room_id, member.id), retry_for=self._retry_for())
            if not isinstance(response, RoomUnbanResponse):
                raise _error(f"unban in {room_id}", response)
        return targets

    # ----- helpers -----------------------------------------------------------------------------

    def _room(self, room_id: str) -> MatrixRoom:
        room = self.client.rooms.get(room_id)
        if room is None:
            raise AdapterError(f"the bot is not in room {room_id}")
        return room

    def _is_joined(self, room_id: str, user_id: str) -> bool:
        user = self.client.rooms[room_id].users.get(user_id)
        return user is not None and not user.invited


def _error(what: str, response: object) -> AdapterError:
    if isinstance(response, ErrorResponse) and response.status_code == FORBIDDEN:
        return MissingPermission(f"{what}: {response.message}")
    return AdapterError(f"{what}: {response}")
