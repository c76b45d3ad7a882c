"""The Matrix adapter: samovar on a Matrix homeserver through matrix-nio."""
from __future__ import annotations

import asyncio
import contextlib
import logging
from datetime import timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from samovar.core.adapter import AdapterError, NotSupported, Standing
from samovar.core.events import MemberRef, MessageRef, RoomRef

from .actions import Actions
from .config import MatrixConfig
from .connection import Backoff, ConnectionMonitor, Requests
from .rooms import RoomDirectory
from .session import LoginFailed, log_in, make_client
from .state import AdapterState
from .sync import SyncLoop
from .text import parse_user
from .translate import PLATFORM, AuthorIndex, EventTranslator

if TYPE_CHECKING:
    from nio import AsyncClient

    from samovar.core.bot import Bot

log = logging.getLogger("samovar.adapters.matrix")
STOP_GRACE_S = 10.0


class MatrixAdapter:
    """Serves the rooms a Matrix account is in: commands, replies, DMs, reactions, moderation."""

    platform = PLATFORM
    config_model = MatrixConfig

    def __init__(self, config: MatrixConfig) -> None:
        self.config = config
        self.bot: Bot | None = None
        self.monitor = ConnectionMonitor(config.homeserver)
        self.requests = Requests(config.retry, self.monitor)
        self._task: asyncio.Task[None] | None = None
        self._ready: asyncio.Event | None = None
        self._client: AsyncClient | None = None
        self._state: AdapterState | None = None

    # ----- lifecycle -------------------------------------------------------------------------

    async def start(self, bot: Bot) -> None:
        """Log in and sync; returns after the first batch (missed events included) was handled.

        When the homeserver does not answer within ``retry.start_wait`` this returns
        anyway and the adapter keeps trying in the background. Raises
        :class:`LoginFailed` when the credentials are refused.
        """
        self.bot = bot
        store = Path(self.config.store_path)
        self._state = AdapterState(store)
        self._client = make_client(self.config, store)
        self.rooms = RoomDirectory(self._client, self.config, self._state, bot)
        self.authors = AuthorIndex(self._fetch_author)
        self.translator = EventTranslator(self.rooms, self.authors, self._state, bot.clock.now)
        self.actions = Actions(self._client, self.config, self._state, self.rooms, self.authors, self.requests)
        self.sync = SyncLoop(self)
        self._ready = asyncio.Event()
        self._task = asyncio.create_task(self._run(), name="samovar-matrix-sync")
        ready = asyncio.ensure_future(self._ready.wait())
        await asyncio.wait({self._task, ready}, timeout=self.config.retry.start_wait.total_seconds(),
                           return_when=asyncio.FIRST_COMPLETED)
        ready.cancel()
        if self._task.done() and not self._task.cancelled() and self._task.exception() is not None:
            error = self._task.exception()
            await self._close()
            raise error  # type: ignore[misc]
        if not self._ready.is_set():
            log.warning("not connected to the homeserver yet; the adapter keeps trying in the background",
                        extra={"homeserver": self.config.homeserver})

    async def _run(self) -> None:
        backoff = Backoff(self.config.retry.first_delay.total_seconds(), self.config.retry.max_delay.total_seconds())
        while True:
            try:
                await log_in(self.client, self.config, self.state, self.requests)
                await self.sync.run(self._ready)  # type: ignore[arg-type]
                return
            except (LoginFailed, asyncio.CancelledError):
                raise
            except Exception:
                log.exception("Matrix sync loop failed; starting it again")
                await asyncio.sleep(backoff.next())

    async def stop(self) -> None:
        """Finish the batch being handled (at most a few seconds), then disconnect."""
        task, self._task = self._task, None
        if task is not None:
            self.sync.stopping = True
            if not self.sync.handling:
                task.cancel()
            try:
                await asyncio.wait_for(asyncio.shield(task), STOP_GRACE_S)
            except TimeoutError:
                task.cancel()
            except BaseException:
                pass
            with contextlib.suppress(BaseException):
                await task
        await self._close()

    async def _close(self) -> None:
        if self._client is not None:
            await self._client.close()
        if self._state is not None:
            self._state.close()
            self._state = None

    @property
    def client(self) -> AsyncClient:
        """The matrix-nio client (after :meth:`start`)."""
        if self._client is None:
            raise AdapterError("the Matrix adapter is not started")
        return self._client

    @property
    def state(self) -> AdapterState:
        """The adapter's persistent state (after :meth:`start`)."""
        if self._state is None:
            raise AdapterError("the Matrix adapter is not started")
        return self._state

    @property
    def user_id(self) -> str:
        """The bot's own Matrix user id."""
        return self.config.user_id

    async def _fetch_author(self, room_id: str, event_id: str) -> str | None:
        try:
            response = await self.requests.call(
                "get event", lambda: self.client.room_get_event(room_id, event_id), retry_for=5.0)
        except AdapterError:
            return None
        event = getattr(response, "event", None)
        return getattr(event, "sender", None)

    async def direct_membership_changed(self, room_id: str, source: dict[str, Any]) -> None:
        """The member of a direct chat left it: leave too, and write to them no more until they return."""
        partner = self.rooms.direct_partner(room_id)
        content = source.get("content") or {}
        if (partner is None or source.get("type") != "m.room.member" or source.get("state_key") != partner
                or content.get("membership") not in ("leave", "ban")):
            return
        self.rooms.forget(room_id)
        self.state.set_dm_declined(partner, True)
        log.info("direct chat closed by the member", extra={"room": room_id})
        with contextlib.suppress(AdapterError):
            await self.requests.call("leave", lambda: self.client.room_leave(room_id),
                                     retry_for=self.config.retry.send_for.total_seconds())

    # ----- the core's actions --------------------------------------------------------------

    async def send(self, room: RoomRef, text: str, *, reply_to: MessageRef | None = None,
                   thread: str | None = None) -> MessageRef:
        """Post ``text`` in ``room`` as ``msgtype`` (``m.notice`` by default), replying / in a thread."""
        return await self.actions.send(room, text, reply_to=reply_to, thread=thread)

    async def dm(self, member: MemberRef, text: str) -> MessageRef:
        """Write to ``member`` in their direct chat with the bot (opened when needed)."""
        return await self.actions.dm(member, text)

    async def react(self, message: MessageRef, emoji: str) -> None:
        """Add the bot's ``m.reaction`` to ``message``."""
        await self.actions.react(message, emoji)

    async def delete(self, message: MessageRef, reason: str | None = None) -> None:
        """Redact ``message`` (needs the ``redact`` power level for others' messages)."""
        await self.actions.delete(message, reason)

    async def timeout(self, member: MemberRef, duration: timedelta, reason: str | None = None) -> None:
        """Matrix has no timeout: kicks from the group rooms when ``timeout_action: kick``."""
        if self.config.timeout_action != "kick":
            raise NotSupported("Matrix has no timeout; set timeout_action: kick to kick instead")
        await self.actions.kick(member, None, reason)

    async def kick(self, member: MemberRef, room: RoomRef | None = None, reason: str | None = None) -> list[str]:
        """Kick ``member`` from ``room`` (default: every group room they are in)."""
        return await self.actions.kick(member, room, reason)

    async def ban(self, member: MemberRef, room: RoomRef | None = None, reason: str | None = None) -> list[str]:
        """Ban ``member`` from ``room`` (default: every group room of the bot)."""
        return await self.actions.ban(member, room, reason)

    async def unban(self, member: MemberRef, room: RoomRef | None = None) -> list[str]:
        """Lift a ban (default: in every group room of the bot)."""
        return await self.actions.unban(member, room)

    async def standing(self, member: MemberRef, room: RoomRef | None) -> Standing:
        """The member's power level in ``room`` (in the authority room for direct chats)."""
        return Standing(power_level=self.rooms.power_level(member.id, room.id if room else None))

    def mention(self, member: MemberRef) -> str:
        """The user id; outgoing messages turn it into a pill that notifies exactly this member."""
        return member.id

    def parse_mention(self, text: str) -> MemberRef | None:
        """``@user:server``, a matrix.to link, or ``@localpart`` (a member of a shared room, else this server)."""
        user_id = parse_user(text, self.config.server_name, self.rooms.known_users())
        return self.rooms.member_ref(user_id) if user_id else None

    def find_room(self, name_or_id: str) -> RoomRef | None:
        """A room by its name in ``rooms``, room id, alias or display name."""
        return self.rooms.find(name_or_id)
