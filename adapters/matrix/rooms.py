"""The rooms the bot serves: names from config, direct chats, members and power levels.

A room's core name is its key in ``adapters.matrix.rooms`` (``general: "#general:example.org"``),
so ``community.main_room`` and per-room overrides in the main config refer to Matrix
rooms by those names; other rooms are named by their Matrix display name.
"""
from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

from nio import AsyncClient, JoinResponse, RoomResolveAliasResponse

from samovar.core.adapter import AdapterError
from samovar.core.events import MemberRef, RoomRef

from .config import MatrixConfig
from .connection import Requests
from .state import AdapterState, RoomRecord
from .translate import PLATFORM

if TYPE_CHECKING:
    from samovar.core.bot import Bot

log = logging.getLogger("samovar.adapters.matrix")
CREATOR_LEVEL = 2**53
"""The power level reported for room creators where they outrank everyone (room version 12 on)."""


def creators_outrank_all(room_version: str) -> bool:
    """True for room versions where the creators' power is above any power level."""
    return room_version == "org.matrix.hydra.11" or (room_version.isdigit() and int(room_version) >= 12)


class RoomDirectory:
    """Everything the adapter knows about its rooms (kept in memory and in the adapter state)."""

    def __init__(self, client: AsyncClient, config: MatrixConfig, state: AdapterState, bot: Bot) -> None:
        self.client = client
        self.config = config
        self.state = state
        self.bot = bot
        self.records: dict[str, RoomRecord] = state.rooms()
        self.configured_ids: dict[str, str] = {}  # config name -> room id
        self._names: dict[str, str] = {}  # room id -> config name
        self._aliases: dict[str, str] = {}  # alias -> room id
        self._creators: dict[str, frozenset[str]] = {}  # room id -> creators above every power level
        for name, target in config.rooms.items():
            if target.startswith("!"):
                self._set_configured(name, target)

    def _set_configured(self, name: str, room_id: str) -> None:
        self.configured_ids[name] = room_id
        self._names[room_id] = name

    # ----- joining ---------------------------------------------------------------------------

    async def join_configured(self, requests: Requests) -> None:
        """Resolve the aliases in ``rooms`` and join every configured room not joined yet."""
        for name, target in self.config.rooms.items():
            try:
                await self._join_configured(requests, name, target)
            except AdapterError as exc:  # rate limited beyond the bound: tried again on the next start
                log.warning("cannot join configured room now", extra={"room": name, "error": str(exc)})

    async def _join_configured(self, requests: Requests, name: str, target: str) -> None:
        room_id = self.configured_ids.get(name)
        if room_id is None:
            resolved = await requests.call("resolve alias", lambda: self.client.room_resolve_alias(target),
                                           retry_for=None)
            if not isinstance(resolved, RoomResolveAliasResponse):
                log.warning("room alias not found", extra={"room": name, "alias": target, "error": str(resolved)})
                return
            room_id = resolved.room_id
            self._aliases[target] = room_id
            self._set_configured(name, room_id)
        if room_id in self.client.rooms:
            return
        joined = await requests.call("join", lambda: self.client.join(target), retry_for=None)
        if isinstance(joined, JoinResponse):
            self.remember(joined.room_id)
            log.info("joined configured room", extra={"room": name})
        else:
            log.warning("cannot join configured room (invite the bot or make the room public)",
                        extra={"room": name, "error": str(joined)})

    def remember(self, room_id: str, direct_with: str | None = None) -> None:
        """Note a room the bot is joining (a direct chat when ``direct_with`` is given)."""
        self.state.remember_room(room_id, direct_with)
        old = self.records.get(room_id)
        self.records[room_id] = RoomRecord(direct_with or (old.direct_with if old else None),
                                           old.seen if old else False)

    def mark_seen(self, room_id: str) -> None:
        """A sync showed the room joined."""
        record = self.records.get(room_id)
        if record is None:
            self.state.remember_room(room_id)
            record = RoomRecord(None, False)
        if not record.seen:
            self.state.mark_seen(room_id)
            self.records[room_id] = RoomRecord(record.direct_with, True)

    def forget(self, room_id: str) -> None:
        """The bot left (or was removed from) the room."""
        self.state.forget_room(room_id)
        self.records.pop(room_id, None)

    def seen(self, room_id: str) -> bool:
        """True when an earlier sync already showed the room joined."""
        record = self.records.get(room_id)
        return record is not None and record.seen

    # ----- references ------------------------------------------------------------------------

    def is_direct(self, room_id: str) -> bool:
        """True for a direct chat between the bot and one member."""
        record = self.records.get(room_id)
        return record is not None and record.direct_with is not None

    def direct_partner(self, room_id: str) -> str | None:
        """The member of a direct chat."""
        record = self.records.get(room_id)
        return record.direct_with if record else None

    def direct_room_with(self, user_id: str) -> str | None:
        """The direct chat with ``user_id`` that is still open, if any."""
        for room_id, record in self.records.items():
            if record.direct_with == user_id:
                return room_id
        return None

    def room_ref(self, room_id: str) -> RoomRef:
        """The core reference of a room."""
        name = self._names.get(room_id)
        if name is None:
            room = self.client.rooms.get(room_id)
            name = room.display_name if room is not None else room_id
        return RoomRef(PLATFORM, room_id, name, self.is_direct(room_id))

    def member_ref(self, user_id: str, room_id: str | None = None, name: str | None = None) -> MemberRef:
        """The core reference of a user, named by their display name in the room when known."""
        if name is None:
            name = self.display_name(user_id, room_id) or user_id
        return MemberRef(PLATFORM, user_id, name)

    def display_name(self, user_id: str, room_id: str | None = None) -> str | None:
        """The user's display name (in ``room_id`` when given, else in any shared room)."""
        rooms = [self.client.rooms.get(room_id)] if room_id else list(self.client.rooms.values())
        for room in rooms:
            if room is not None and user_id in room.users:
                return room.users[user_id].display_name or None
        return None

    def known_users(self) -> set[str]:
        """Every member of every joined room."""
        return {user for room in self.client.rooms.values() for user in room.users}

    def find(self, name_or_id: str) -> RoomRef | None:
        """A room by config name, room id, alias, or display name (``#`` optional)."""
        key = name_or_id.strip()
        if key in self.configured_ids:
            return self.room_ref(self.configured_ids[key])
        if key.startswith("!") and key in self.client.rooms:
            return self.room_ref(key)
        if key in self._aliases:
            return self.room_ref(self._aliases[key])
        for room_id, room in self.client.rooms.items():
            if key in (room.canonical_alias, room.name, "#" + (room.name or "")) and not self.is_direct(room_id):
                return self.room_ref(room_id)
        return None

    def group_rooms(self) -> list[str]:
        """Joined rooms that are not direct chats."""
        return [room_id for room_id in self.client.rooms if not self.is_direct(room_id)]

    # ----- power levels ----------------------------------------------------------------------

    def authority_room(self) -> str | None:
        """The room whose power levels count for direct chats (``authority_room``, else the main room)."""
        name = self.config.authority_room or self.bot.config.community.main_room
        if name.startswith("!"):
            return name
        return self.configured_ids.get(name) or self._aliases.get(name)

    def note_state(self, room_id: str, events: list[Any]) -> None:
        """Learn from state events what matrix-nio does not track (the creators of v12+ rooms)."""
        for event in events:
            source = getattr(event, "source", None) or {}
            if source.get("type") != "m.room.create":
                continue
            content = source.get("content") or {}
            if creators_outrank_all(str(content.get("room_version", "1"))):
                extra = content.get("additional_creators") or []
                self._creators[room_id] = frozenset([source.get("sender", ""), *extra])

    def level(self, room_id: str, user_id: str) -> int:
        """The user's power level in a joined room (creators of v12+ rooms: :data:`CREATOR_LEVEL`)."""
        if user_id in self._creators.get(room_id, ()):
            return CREATOR_LEVEL
        return self.client.rooms[room_id].power_levels.get_user_level(user_id)

    def power_level(self, user_id: str, room_id: str | None) -> int | None:
        """The user's power level in ``room_id`` (or in the authority room for direct chats)."""
        if room_id is None or self.is_direct(room_id) or room_id not in self.client.rooms:
            room_id = self.authority_room()
        if room_id is None or room_id not in self.client.rooms:
            return None
        return self.level(room_id, user_id)

    def bot_may(self, room_id: str, action: str, target: str | None = None) -> bool:
        """Whether the bot's power level allows ``action`` (redact, kick, ban) on ``target`` in the room."""
        room = self.client.rooms.get(room_id)
        if room is None:
            return False
        own = self.level(room_id, self.client.user_id)
        if own < getattr(room.power_levels.defaults, action):
            return False
        return target is None or own > self.level(room_id, target)
