"""The Gateway: HELLO, IDENTIFY/READY, RESUME, heartbeats, member requests and dispatch.

Close codes follow Discord: 4001 unknown opcode, 4002 decode error, 4003 not
authenticated, 4004 authentication failed, 4005 already authenticated,
4010 invalid shard, 4012 invalid API version, 4013 invalid intents,
4014 disallowed (privileged, not enabled) intents.
"""
from __future__ import annotations

import contextlib
import json
import secrets
from collections.abc import Callable
from typing import Any

from aiohttp import WSMsgType, web

from .compression import codec_for
from .gateway_session import ConnectionInfo, GatewayConnection, GatewaySession
from .intents import CONTENT_EVENTS, KNOWN_INTENTS, PRIVILEGED, Intent, hide_content, receives
from .model import World
from .payloads import current_user_payload, guild_create_payload, member_payload
from .recorder import Recorder

CLIENT_ENDS_SESSION = (1000, 1001)
MEMBER_CHUNK_SIZE = 1000


class Gateway:
    """Serves gateway websockets and fans dispatches out to sessions."""

    def __init__(self, world: World, recorder: Recorder, resume_url: Callable[[], str],
                 heartbeat_interval_ms: int = 41250) -> None:
        self.world = world
        self.recorder = recorder
        self.resume_url = resume_url
        self.heartbeat_interval_ms = heartbeat_interval_ms
        self.sessions: dict[str, GatewaySession] = {}
        self.connections: list[ConnectionInfo] = []
        self.live: list[GatewayConnection] = []

    # -- websocket handling -------------------------------------------------
    async def handle(self, request: web.Request) -> web.WebSocketResponse:
        query = dict(request.query)
        ws = web.WebSocketResponse(max_msg_size=0)
        await ws.prepare(request)
        info = ConnectionInfo(path=request.path, compression=query.get("compress"), query=query)
        self.connections.append(info)
        try:
            codec = codec_for(query.get("compress"))
        except LookupError as exc:
            self.recorder.protocol_error(f"gateway: {exc}")
            await ws.close(code=4000, message=b"Unsupported compression.")
            return ws
        conn = GatewayConnection(ws, request, codec, info)
        self.live.append(conn)
        if query.get("v") != "10":
            conn.close_soon(4012, "Invalid API version.")
        elif query.get("encoding", "json") != "json":
            self.recorder.protocol_error(f"gateway: unsupported encoding {query.get('encoding')!r}")
            conn.close_soon(4002, "Error while decoding payload.")
        else:
            conn.send({"op": 10, "s": None, "t": None,
                       "d": {"heartbeat_interval": self.heartbeat_interval_ms, "_trace": ["stand-in"]}})
        self.recorder.changed()
        try:
            async for msg in ws:
                if msg.type is WSMsgType.TEXT:
                    self._on_frame(conn, msg.data)
                else:
                    self.recorder.protocol_error(f"gateway: unexpected {msg.type.name} frame from client")
        finally:
            if not conn.closing:
                info.closed_by_client = ws.close_code
            self._forget(conn, ws.close_code)
            await conn.stop()
        return ws

    def _forget(self, conn: GatewayConnection, close_code: int | None) -> None:
        if conn in self.live:
            self.live.remove(conn)
        session = conn.session
        if session is not None and session.connection is conn:
            session.detach()
            if not conn.closing and close_code in CLIENT_ENDS_SESSION:
                self.sessions.pop(session.id, None)
        self.recorder.changed()

    def _on_frame(self, conn: GatewayConnection, text: str) -> None:
        try:
            payload = json.loads(text)
            op, data = payload["op"], payload.get("d")
        except (ValueError, KeyError, TypeError):
            conn.close_soon(4002, "Error while decoding payload.")
            return
        if op == 1:
            conn.info.heartbeats.append(data)
            conn.send({"op": 11, "s": None, "t": None, "d": None})
        elif op == 2:
            self._identify(conn, data)
        elif op == 6:
            self._resume(conn, data)
        elif conn.session is None:
            conn.close_soon(4003, "Not authenticated.")
        elif op == 8:
            self._request_members(conn.session, data)
        elif op == 3:
            conn.info.presence_updates += 1
        elif op == 4:
            pass  # voice state update: no voice in the stand-in
        else:
            conn.close_soon(4001, "Unknown opcode.")
        self.recorder.changed()

    # -- IDENTIFY / RESUME ----------------------------------------------------
    def _identify(self, conn: GatewayConnection, data: dict[str, Any]) -> None:
        if conn.session is not None:
            conn.close_soon(4005, "Already authenticated.")
            return
        if data.get("token") != self.world.token:
            conn.info.kind = "rejected"
            conn.close_soon(4004, "Authentication failed.")
            return
        intents = data.get("intents")
        if not isinstance(intents, int) or intents & ~KNOWN_INTENTS:
            conn.close_soon(4013, "Invalid intent(s).")
            return
        enabled = self.world.application.privileged_intents
        if any(intents & bit and not enabled.get(name) for name, bit in PRIVILEGED.items()):
            conn.info.kind = "rejected"
            conn.close_soon(4014, "Disallowed intent(s).")
            return
        shard = data.get("shard") or [0, 1]
        if shard[0] >= shard[1]:
            conn.close_soon(4010, "Invalid shard.")
            return
        session = GatewaySession(secrets.token_hex(16), intents, data)
        session.shard = (int(shard[0]), int(shard[1]))
        self.sessions[session.id] = session
        session.attach(conn, after_seq=None)
        conn.info.kind = "identify"
        session.dispatch("READY", self._ready_payload(session, data))
        if intents & Intent.GUILDS:
            threshold = int(data.get("large_threshold", 50))
            for guild in self.world.guilds.values():
                if self._shard_of(guild.id, session) == session.shard[0]:
                    session.dispatch("GUILD_CREATE", guild_create_payload(
                        self.world, guild, full_member_list=bool(intents & Intent.GUILD_PRESENCES),
                        large_threshold=threshold))

    def _ready_payload(self, session: GatewaySession, identify: dict[str, Any]) -> dict[str, Any]:
        app = self.world.application
        guilds = [g for g in self.world.guilds.values() if self._shard_of(g.id, session) == session.shard[0]]
        ready: dict[str, Any] = {
            "v": 10,
            "user_settings": {},
            "user": current_user_payload(self.world.bot),
            "session_type": "normal",
            "session_id": session.id,
            "resume_gateway_url": self.resume_url(),
            "relationships": [],
            "private_channels": [],
            "presences": [],
            "guilds": [{"id": str(g.id), "unavailable": True} for g in guilds],
            "guild_join_requests": [],
            "geo_ordered_rtc_regions": [],
            "auth": {},
            "application": {"id": str(app.id), "flags": 0},
            "_trace": ["stand-in"],
        }
        if "shard" in identify:
            ready["shard"] = list(session.shard)
        return ready

    def _resume(self, conn: GatewayConnection, data: dict[str, Any]) -> None:
        if data.get("token") != self.world.token:
            conn.info.kind = "rejected"
            conn.close_soon(4004, "Authentication failed.")
            return
        session = self.sessions.get(data.get("session_id", ""))
        if session is None:
            conn.info.kind = "rejected"
            conn.send({"op": 9, "s": None, "t": None, "d": False})
            return
        previous = session.detach()
        if previous is not None and previous is not conn:
            previous.close_soon(4000, "Session resumed elsewhere.", discard_pending=True)
        conn.info.kind = "resume"
        conn.info.replayed = session.attach(conn, data.get("seq"))
        session.dispatch("RESUMED", {"_trace": ["stand-in"]})

    # -- op 8 -----------------------------------------------------------------
    def _request_members(self, session: GatewaySession, data: dict[str, Any]) -> None:
        guild = self.world.guilds.get(int(data.get("guild_id", 0)))
        if guild is None:
            self.recorder.protocol_error(f"gateway op 8: unknown guild {data.get('guild_id')!r}")
            return
        query, user_ids = data.get("query"), data.get("user_ids")
        if query is None and user_ids is None:
            self.recorder.protocol_error("gateway op 8: neither query nor user_ids given")
            return
        if query == "" and not session.intents & Intent.GUILD_MEMBERS:
            self.recorder.protocol_error("gateway op 8: the whole member list needs the GUILD_MEMBERS intent")
            return
        if data.get("presences") and not session.intents & Intent.GUILD_PRESENCES:
            self.recorder.protocol_error("gateway op 8: presences need the GUILD_PRESENCES intent")
            return
        members = list(guild.members.values())
        not_found: list[str] = []
        if user_ids is not None:
            wanted = {int(u) for u in (user_ids if isinstance(user_ids, list) else [user_ids])}
            not_found = [str(u) for u in wanted if u not in guild.members]
            members = [m for m in members if m.user_id in wanted]
        else:
            prefix = (query or "").lower()
            members = [m for m in members if self.world.users[m.user_id].username.lower().startswith(prefix)]
        limit = int(data.get("limit") or 0)
        if limit:
            members = members[:limit]
        chunks = [members[i:i + MEMBER_CHUNK_SIZE] for i in range(0, len(members), MEMBER_CHUNK_SIZE)] or [[]]
        for index, chunk in enumerate(chunks):
            payload: dict[str, Any] = {
                "guild_id": str(guild.id),
                "members": [member_payload(self.world, m) for m in chunk],
                "chunk_index": index,
                "chunk_count": len(chunks),
            }
            if not_found and index == 0:
                payload["not_found"] = not_found
            if data.get("presences"):
                payload["presences"] = []
            if data.get("nonce") is not None:
                payload["nonce"] = data["nonce"]
            session.dispatch("GUILD_MEMBERS_CHUNK", payload)

    # -- fan-out and test controls ------------------------------------------------
    def dispatch(self, event: str, data: dict[str, Any], *, guild_id: int | None = None) -> None:
        """Send an event to every session whose intents (and shard) ask for it."""
        for session in self.sessions.values():
            if not receives(session.intents, event, in_guild=guild_id is not None):
                continue
            shard = self._shard_of(guild_id, session) if guild_id is not None else 0
            if shard != session.shard[0]:
                continue
            payload = data
            if event in CONTENT_EVENTS and not session.intents & Intent.MESSAGE_CONTENT:
                payload = hide_content(data, self.world.bot.id, in_dm=guild_id is None)
            session.dispatch(event, payload)
        self.recorder.changed()

    @staticmethod
    def _shard_of(guild_id: int, session: GatewaySession) -> int:
        return (guild_id >> 22) % session.shard[1]

    def drop(self, code: int | None = 4000) -> list[GatewayConnection]:
        """Cut every live connection; sessions stay resumable and buffer events."""
        dropped = list(self.live)
        for conn in dropped:
            if conn.session is not None and conn.session.connection is conn:
                conn.session.detach()
            if code is None:
                conn.abort()
            else:
                conn.close_soon(code, "Dropped by test.", discard_pending=True)
        self.recorder.changed()
        return dropped

    def request_reconnect(self) -> None:
        """Send op 7 RECONNECT: the client should close and resume."""
        for conn in self.live:
            conn.send({"op": 7, "s": None, "t": None, "d": None})

    def invalidate_sessions(self, resumable: bool = False) -> None:
        """Send op 9 INVALID_SESSION to every connection."""
        for conn in self.live:
            conn.send({"op": 9, "s": None, "t": None, "d": resumable})
        if not resumable:
            self.sessions.clear()

    async def close_all(self) -> None:
        for conn in list(self.live):
            conn.close_soon(1001, "Stand-in shutting down.")
        with contextlib.suppress(TimeoutError):
            await self.recorder.wait_for(lambda: not self.live, timeout=5.0)
