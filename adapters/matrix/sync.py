"""The sync loop: every event handed to the bot exactly once, across restarts and outages.

- The very first start syncs once and skips history.
- The sync token is stored only after every event of the batch was handled.
- A ``limited`` timeline (more events than one sync returns) is completed by paging
  ``/messages`` backwards from ``prev_batch`` to the stored token; events are then
  handled oldest first.
- Handled event ids are stored, so an event seen twice (a batch re-fetched after a
  crash, an overlap with a backfill) is handed over once.
- In a room the bot has just joined, only what came after its invitation counts.
"""
from __future__ import annotations

import asyncio
import logging
import time
from typing import TYPE_CHECKING, Any

from nio import MegolmEvent, MessageDirection, RoomMessagesResponse, SyncResponse, UploadFilterResponse
from nio.exceptions import EncryptionError

from .connection import Backoff
from .invites import handle_invites
from .session import UNKNOWN_TOKEN, LoginFailed

if TYPE_CHECKING:
    from .adapter import MatrixAdapter

log = logging.getLogger("samovar.adapters.matrix")
PAGE = 100
BEFORE_JOINING = ("leave", "ban", "knock")


def sync_filter(own_user_id: str) -> dict[str, Any]:
    """Up to a page of events per room, no presence, and none of the bot's own events
    (so its replies do not wake its own sync)."""
    return {"room": {"timeline": {"limit": PAGE, "not_senders": [own_user_id]}},
            "presence": {"not_types": ["*"]}}


class SyncLoop:
    """Runs syncs until stopped and hands translated events to the bot."""

    def __init__(self, adapter: "MatrixAdapter") -> None:
        self.adapter = adapter
        self.handling = False
        self.stopping = False
        self._undecrypted: dict[str, tuple[str, MegolmEvent, float]] = {}

    async def run(self, ready: asyncio.Event) -> None:
        """Sync until :attr:`stopping`; sets ``ready`` once the first batch has been handled."""
        adapter = self.adapter
        client, state, config = adapter.client, adapter.state, adapter.config
        token = state.sync_token()
        first_ever = token is None
        full_state = True
        backoff = Backoff(config.retry.first_delay.total_seconds(), config.retry.max_delay.total_seconds())
        long_poll = int(config.sync_timeout.total_seconds() * 1000)
        filter_ = await self._filter_id()
        while not self.stopping:
            response = await adapter.requests.call(
                "sync", lambda: client.sync(timeout=0 if full_state else long_poll, since=token,
                                            full_state=full_state or None, sync_filter=filter_),
                retry_for=None)
            if not isinstance(response, SyncResponse):
                if getattr(response, "status_code", None) == UNKNOWN_TOKEN:
                    raise LoginFailed(f"the homeserver no longer accepts the bot's access token: {response}")
                log.warning("sync refused; retrying", extra={"error": str(response)})
                await asyncio.sleep(backoff.next())
                continue
            backoff.reset()
            for room_id, info in response.rooms.join.items():
                adapter.rooms.note_state(room_id, [*info.state, *info.timeline.events])
            await self._crypto_upkeep()
            self.handling = True
            try:
                if first_ever:
                    for room_id in response.rooms.join:
                        adapter.rooms.mark_seen(room_id)
                else:
                    await self._handle_batch(response, token)
                    await self._retry_undecrypted()
                if self.stopping:
                    return
                await handle_invites(client, config, state, adapter.rooms, adapter.requests, response.rooms.invite)
                for room_id in response.rooms.leave:
                    adapter.rooms.forget(room_id)
            finally:
                self.handling = False
            token = response.next_batch
            state.save_sync_token(token)
            if full_state:
                await adapter.rooms.join_configured(adapter.requests)
            first_ever = full_state = False
            ready.set()

    async def _filter_id(self) -> str | dict[str, Any]:
        """The sync filter, uploaded once so the homeserver need not parse it on every sync."""
        client = self.adapter.client
        wanted = sync_filter(client.user_id)
        response = await self.adapter.requests.call(
            "upload filter", lambda: client.upload_filter(room=wanted["room"], presence=wanted["presence"]),
            retry_for=None)
        return response.filter_id if isinstance(response, UploadFilterResponse) else wanted

    # ----- one batch ---------------------------------------------------------------------------

    async def _handle_batch(self, response: SyncResponse, since: str | None) -> None:
        rooms = self.adapter.rooms
        for room_id, info in response.rooms.join.items():
            await self._handle_room(room_id, info.timeline, since)
            rooms.mark_seen(room_id)
            if self.stopping:
                return
        for room_id, info in response.rooms.leave.items():
            if rooms.seen(room_id):
                await self._handle_room(room_id, info.timeline, since)

    async def _handle_room(self, room_id: str, timeline: Any, since: str | None) -> None:
        events = list(timeline.events)
        if self.adapter.rooms.seen(room_id):
            if timeline.limited and timeline.prev_batch:
                events = await self._backfill(room_id, timeline.prev_batch, since) + events
        else:  # just joined: only what was written to the bot, from its invitation on
            if timeline.limited and timeline.prev_batch and not any(self._before_joining(e) for e in events):
                events = await self._backfill(room_id, timeline.prev_batch, None) + events
            events = self._since_invited(events)
        for event in events:
            if self.stopping:
                return
            await self._handle_event(room_id, event)

    def _own_membership(self, event: Any) -> str | None:
        source = getattr(event, "source", None) or {}
        if source.get("type") == "m.room.member" and source.get("state_key") == self.adapter.client.user_id:
            return (source.get("content") or {}).get("membership")
        return None

    def _before_joining(self, event: Any) -> bool:
        """True for an event written before the bot was invited (or its own invitation/join)."""
        source = getattr(event, "source", None) or {}
        membership = (source.get("unsigned") or {}).get("membership")
        return membership in BEFORE_JOINING or self._own_membership(event) in ("invite", "join")

    def _since_invited(self, events: list[Any]) -> list[Any]:
        """The events of a newly joined room from the bot's invitation (or join) on.

        Synapse marks each event with the bot's membership at that point
        (``unsigned.membership``); the bot's own invite/join event is the fallback."""
        cut = 0
        for index, event in enumerate(events):
            if self._before_joining(event):
                cut = index + 1
        return events[cut:]

    async def _backfill(self, room_id: str, start: str, until: str | None) -> list[Any]:
        """Events before ``start`` back to ``until`` (or to the bot's invitation), oldest first."""
        adapter = self.adapter
        limit = adapter.config.max_backfill
        collected: list[Any] = []
        page_from = start
        while len(collected) < limit:
            response = await adapter.requests.call(
                "backfill", lambda f=page_from: adapter.client.room_messages(
                    room_id, start=f, end=until, direction=MessageDirection.back, limit=PAGE),
                retry_for=None)
            if not isinstance(response, RoomMessagesResponse):
                log.warning("backfill failed", extra={"room": room_id, "error": str(response)})
                break
            for event in response.chunk:  # newest first
                if until is None and self._before_joining(event):
                    return list(reversed(collected))
                collected.append(event)
            if not response.chunk or not response.end or response.end == page_from:
                break
            page_from = response.end
        else:
            log.warning("backfill stopped at max_backfill; older missed events are skipped",
                        extra={"room": room_id, "max_backfill": limit})
        if collected:
            log.info("backfilled missed events", extra={"room": room_id, "events": len(collected)})
        return list(reversed(collected))

    # ----- one event ---------------------------------------------------------------------------

    async def _handle_event(self, room_id: str, event: Any) -> None:
        adapter = self.adapter
        if isinstance(event, MegolmEvent):
            self._remember_undecrypted(room_id, event)
            return
        source = getattr(event, "source", None) or {}
        event_id = source.get("event_id")
        sender = source.get("sender")
        if not event_id or adapter.state.was_handled(event_id):
            return
        if sender == adapter.client.user_id:
            return
        direct = adapter.rooms.is_direct(room_id)
        if direct:
            await adapter.direct_membership_changed(room_id, source)
        core_event = await adapter.translator.translate(room_id, source, direct)
        if core_event is None:
            return
        try:
            await adapter.bot.dispatch(core_event)
        except Exception:
            log.exception("dispatch failed", extra={"event_id": core_event.id, "matrix_event": event_id})
        adapter.state.mark_handled(event_id)

    # ----- encryption --------------------------------------------------------------------------

    async def _crypto_upkeep(self) -> None:
        """Upload, query and claim keys as matrix-nio asks, and send queued to-device messages."""
        client, requests = self.adapter.client, self.adapter.requests
        if client.olm is None:
            return
        if client.should_upload_keys:
            await requests.call("keys upload", client.keys_upload, retry_for=None)
        if client.should_query_keys:
            await requests.call("keys query", client.keys_query, retry_for=None)
        if client.should_claim_keys:
            users = client.get_users_for_key_claiming()
            await requests.call("keys claim", lambda: client.keys_claim(users), retry_for=None)
        if client.outgoing_to_device_messages:
            await client.send_to_device_messages()

    def _remember_undecrypted(self, room_id: str, event: MegolmEvent) -> None:
        if event.event_id in self._undecrypted or self.adapter.state.was_handled(event.event_id):
            return
        self._undecrypted[event.event_id] = (room_id, event, time.monotonic())
        asyncio.ensure_future(self._request_key(event))

    async def _request_key(self, event: MegolmEvent) -> None:
        try:
            await self.adapter.client.request_room_key(event)
        except Exception:  # a key request is a courtesy; the event is retried either way
            log.debug("room key request failed", exc_info=True)

    async def _retry_undecrypted(self) -> None:
        """Try again the encrypted events whose keys had not arrived; give up after a while."""
        if not self._undecrypted:
            return
        wait = self.adapter.config.encryption.undecryptable_wait.total_seconds()
        for event_id, (room_id, event, since) in list(self._undecrypted.items()):
            try:
                decrypted = self.adapter.client.decrypt_event(event)
            except EncryptionError:
                if time.monotonic() - since > wait:
                    del self._undecrypted[event_id]
                    log.warning("could not decrypt an event; giving up", extra={"room": room_id,
                                                                               "matrix_event": event_id})
                continue
            del self._undecrypted[event_id]
            await self._handle_event(room_id, decrypted)
