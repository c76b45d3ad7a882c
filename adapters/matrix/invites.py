"""Invitations: accepted only from allowed inviters or servers, refused otherwise.

The invite state of a room also holds the inviter's own membership event, so the
invitation is the ``m.room.member`` event whose ``state_key`` is the bot itself.
``is_direct`` in it marks a direct chat.
"""
from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from nio import AsyncClient, InviteMemberEvent, JoinResponse

from samovar.core.adapter import AdapterError

from .config import MatrixConfig
from .connection import Requests
from .rooms import RoomDirectory
from .state import AdapterState

log = logging.getLogger("samovar.adapters.matrix")


@dataclass(frozen=True, slots=True)
class Invitation:
    """The bot was invited to ``room_id`` by ``inviter``."""

    room_id: str
    inviter: str
    is_direct: bool


def find_invitation(room_id: str, own_user_id: str, invite_state: Iterable[Any]) -> Invitation | None:
    """The invitation addressed to the bot among a room's invite-state events."""
    for event in invite_state:  # matrix-nio moves "content" out of the source of these events
        if (isinstance(event, InviteMemberEvent) and event.state_key == own_user_id
                and event.membership == "invite"):
            return Invitation(room_id, event.sender, bool(event.content.get("is_direct")))
    return None


def server_of(user_id: str) -> str:
    """The server name of a user id (``@a:example.org`` -> ``example.org``)."""
    return user_id.split(":", 1)[1] if ":" in user_id else ""


def may_invite(config: MatrixConfig, invitation: Invitation, configured_rooms: Iterable[str]) -> bool:
    """True when the bot should accept this invitation."""
    if invitation.room_id in configured_rooms or invitation.inviter in config.invites.allowed_inviters:
        return True
    servers = config.invites.allowed_servers
    allowed = [config.server_name] if servers is None else servers
    return server_of(invitation.inviter) in allowed


async def handle_invites(client: AsyncClient, config: MatrixConfig, state: AdapterState, rooms: RoomDirectory,
                         requests: Requests, invited: dict[str, Any]) -> None:
    """Join or refuse every pending invitation in a sync response's ``rooms.invite``."""
    for room_id, info in invited.items():
        invitation = find_invitation(room_id, client.user_id, info.invite_state)
        if invitation is None:
            continue
        try:
            await _answer(client, config, state, rooms, requests, invitation)
        except AdapterError as exc:  # rate limited beyond the bound: the invitation stays pending
            log.warning("cannot answer an invitation now", extra={"room": room_id, "error": str(exc)})


async def _answer(client: AsyncClient, config: MatrixConfig, state: AdapterState, rooms: RoomDirectory,
                  requests: Requests, invitation: Invitation) -> None:
    room_id = invitation.room_id
    if not may_invite(config, invitation, rooms.configured_ids.values()):
        log.info("invitation refused", extra={"room": room_id, "inviter": invitation.inviter})
        await requests.call("refuse invite", lambda: client.room_leave(room_id), retry_for=None)
        return
    if invitation.is_direct:
        rooms.remember(room_id, direct_with=invitation.inviter)
        state.set_dm_declined(invitation.inviter, False)
    else:
        rooms.remember(room_id)
    joined = await requests.call("join", lambda: client.join(room_id), retry_for=None)
    if isinstance(joined, JoinResponse):
        log.info("invitation accepted", extra={"room": room_id, "inviter": invitation.inviter,
                                               "direct": invitation.is_direct})
    else:
        rooms.forget(room_id)
        log.warning("cannot join after invitation", extra={"room": room_id, "error": str(joined)})
