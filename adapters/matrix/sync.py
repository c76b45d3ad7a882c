"""The sync loop: every event handed to the bot exactly once, across restarts and outages.

- The very first start syncs once and skips history.
- The sync token is stored only after every event of the batch was handled.
- A ``limited`` timeline (more events than one sync returns) is completed by paging
  ``/messages`` backwards from ``prev_batch`` to the stored token; events are then
  handled oldest first.
- Handled event ids are stored, so an event seen twice (a batch re-fetched after a
  crash, an overlap with a backfill) is handed over once.
- In a room the bot has just joined, only what came after its invitation counts.
- Events of different members are handled side by side (``concurrency`` at a time);
  each member's events stay in order (see :mod:`.lanes`).
"""
from __future__ import annotations

import asyncio
import logging
import time
from functools import partial
from typing import TYPE_CHECKING, Any

from nio import MegolmEvent, MessageDirection, RoomMessagesResponse, SyncResponse, UploadFilterResponse
from nio.exceptions import EncryptionError

from .connection import Backoff
from .invites import handle_invites
from .lanes import Job, run_in_lanes
from .session import UNKNOWN_TOKEN, LoginFailed

if TYPE_CHECKING:
    from .adapter import MatrixAdapter

log = logging.getLogger("samovar.adapters.matrix")
PAGE = 100
BEFORE_JOINING = ("leave", "ban", "knock")


SYNC_FILTER: dict[str, Any] = {"room": {"timeline": {"limit": PAGE}}, "presence": {"not_types": ["*"]}}
"""Up to a page of events per room, and no presence. (Leaving out the bot's own events
with ``not_senders`` was measured: it saves syncs but makes each answer a few ms later.)"""


class SyncLoop:
    """Runs syncs until stopped and hands translated events to the bot."""

    def __init__(self, adapter: MatrixAdapter) -> None:
        self.adapter = adapter
        self.handling = False
        self.stopping = False
        self._undecrypted: dict[str, tuple[str, MegolmEvent, float]] = {}
        self._key_requests: set[asyncio.Future[None]] = set()

    async def run(self, ready: asyncio.Event) -> None:
        """Sync until :attr:`stopping`; sets ``ready`` once the first batch has been handled.

        The next sync is requested only once a batch has been handled (a long poll left
        waiting meanwhile is answered by the bot's first own reply anyway).
        """
        adapter = self.adapter
        state = adapter.state
        token = state.sync_token()
        first_ever = token is None
        backoff = Backoff(adapter.config.retry.first_delay.total_seconds(),
                          adapter.config.retry.max_delay.total_seconds())
        filter_ = await self._filter_id()
        pending = self._request(token, filter_, full_state=True)
        full_state = True
        try:
            while not self.stopping:
                response = await pending
                if not isinstance(response, SyncResponse):
                    if getattr(response, "status_code", None) == UNKNOWN_TOKEN:
                        raise LoginFailed(f"the homeserver no longer accepts the bot's access token: {response}")
                    log.warning("sync refused; retrying", extra={"error": str(response)})
                    await asyncio.sleep(backoff.next())
                    pending = self._request(token, filter_, full_state=full_state)
                    continue
                backoff.reset()
                await self._take(response, None if first_ever else token)
                if self.stopping:
                    return
                token = response.next_batch
                state.save_sync_token(token)
                pending = self._request(token, filter_, full_state=False)
                if full_state:
                    await adapter.rooms.join_configured(adapter.requests)
                first_ever = full_state = False
                ready.set()
        finally:
            pending.cancel()

    def _request(self, since: str | None, filter_: str | dict[str, Any], full_state: bool) -> asyncio.Task[Any]:
        client = self.adapter.client
        long_poll = int(self.adapter.config.sync_timeout.total_seconds() * 1000)
        return asyncio.ensure_future(self.adapter.requests.call(
            "sync", lambda: client.sync(timeout=0 if full_state else long_poll, since=since,
                                        full_state=full_state or None, sync_filter=filter_),
            retry_for=None))

    async def _take(self, response: SyncResponse, since: str | None) -> None:
        """Everything one sync brought: state, keys, the events (none on the very first start), invitations."""
        adapter = self.adapter
        for room_id, info in response.rooms.join.items():
            adapter.rooms.note_state(room_id, [*info.state, *info.timeline.events])
        await self._crypto_upkeep()
        self.handling = True
        try:
            if since is None:
                for room_id in response.rooms.join:
                    adapter.rooms.mark_seen(room_id)
            else:
                await self._handle_batch(response, since)
                await self._retry_undecrypted()
            if self.stopping:
                return
            await handle_invites(adapter.client, adapter.config, adapter.state, adapter.rooms, adapter.requests,
                                 response.rooms.invite)
            for room_id in response.rooms.leave:
                adapter.rooms.forget(room_id)
        finally:
            self.handling = False

    async def _filter_id(self) -> str | dict[str, Any]:
        """The sync filter, uploaded once so the homeserver need not parse it on every sync."""
        client = self.adapter.client
        response = await self.adapter.requests.call(
            "upload filter", lambda: client.upload_filter(room=SYNC_FILTER["room"], presence=SYNC_FILTER["presence"]),
            retry_for=None)
        return response.filter_id if isinstance(response, UploadFilterResponse) else SYNC_FILTER

    # ----- one batch ---------------------------------------------------------------------------

    async def _handle_batch(self, response: SyncResponse, since: str | None) -> None:
        rooms = self.adapter.rooms
        jobs: list[Job] = []
        for room_id, info in response.rooms.join.items():
            jobs += self._jobs(room_id, await self._room_events(room_id, info.timeline, since))
        for room_id, info in response.rooms.leave.items():
            if rooms.seen(room_id):
                jobs += self._jobs(room_id, await self._room_events(room_id, info.timeline, since))
        await run_in_lanes(jobs, self.adapter.config.concurrency)
        if not self.stopping:
            for room_id in response.rooms.join:
                rooms.mark_seen(room_id)

    async def _room_events(self, room_id: str, timeline: Any, since: str | None) -> list[Any]:
        """The room's events of this batch, completed from ``/messages`` when the timeline was cut."""
        events = list(timeline.events)
        if self.adapter.rooms.seen(room_id):
            if timeline.limited and timeline.prev_batch:
                events = await self._backfill(room_id, timeline.prev_batch, since) + events
            return events
        # just joined: only what was written to the bot, from its invitation on
        if timeline.limited and timeline.prev_batch and not any(self._before_joining(e) for e in events):
            events = await self._backfill(room_id, timeline.prev_batch, None) + events
        return self._since_invited(events)

    def _jobs(self, room_id: str, events: list[Any]) -> list[Job]:
        """One job per event; the lane is the member acting (or the member a membership event is about)."""
        jobs = []
        for event in events:
            source = getattr(event, "source", None) or {}
            content = source.get("content") or {}
            relates = content.get("m.relates_to") or {}
            member = source.get("state_key") if source.get("type") == "m.room.member" else None
            refers_to = (source.get("redacts") or content.get("redacts") or relates.get("event_id")
                         or (relates.get("m.in_reply_to") or {}).get("event_id"))
            jobs.append(Job((room_id, member or source.get("sender")), source.get("event_id", ""), refers_to,
                            partial(self._handle_event, room_id, event)))
        return jobs

    def _own_membership(self, event: Any) -> str | None:
        source = getattr(event, "source", None) or {}
        if source.get("type") == "m.room.member" and source.get("state_key") == self.adapter.client.user_id:
            return (source.get("content") or {}).get("membership")
        return None

    @staticmethod
    def _membership_then(event: Any) -> str | None:
        """The bot's membership when the event was sent, as Synapse marks it (``unsigned.membership``)."""
        source = getattr(event, "source", None) or {}
        return (source.get("unsigned") or {}).get("membership")

    def _before_joining(self, event: Any) -> bool:
        """True for an event written before the bot was invited (or, unmarked, its own invitation)."""
        membership = self._membership_then(event)
        if membership is not None:
            return membership in BEFORE_JOINING
        return self._own_membership(event) == "invite"

    def _since_invited(self, events: list[Any]) -> list[Any]:
        """The events of a newly joined room from the bot's invitation (or join) on.

        Synapse marks each event with the bot's membership at that point; without
        those marks the bot's own invite (or else its join) event is where it starts."""
        marked = any(self._membership_then(e) is not None for e in events)
        cut = 0
        for index, event in enumerate(events):
            if self._before_joining(event):
                cut = index + 1
        if not marked and cut == 0:
            joins = [i for i, e in enumerate(events) if self._own_membership(e) == "join"]
            cut = joins[-1] + 1 if joins else 0
        return events[cut:]

    async def _backfill(self, room_id: str, start: str, until: str | None) -> list[Any]:
        """Events before ``start`` back to ``until`` (or to the bot's invitation), oldest first."""
        adapter = self.adapter
        limit = adapter.config.max_backfill
        collected: list[Any] = []
        page_from = start
        while len(collected) < limit:
            response = await adapter.requests.call(
                "backfill", partial(adapter.client.room_messages, room_id, start=page_from, end=until,
                                    direction=MessageDirection.back, limit=PAGE),
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
        if self.stopping:
            return
        if isinstance(event, MegolmEvent):
            self._remember_undecrypted(room_id, event)
            return
        source = getattr(event, "source", None) or {}
        event_id = source.get("event_id")
        sender = source.get("sender")
        if not event_id or adapter.state.was_handled(event_id):
            return
        own_id = adapter.client.user_id
        if sender == own_id and not (source.get("type") == "m.room.member" and source.get("state_key") != own_id):
            return  # the bot's own doings, except what it did to members (a kick is still a member leaving)
        direct = adapter.rooms.is_direct(room_id)
        if direct:
            await adapter.direct_membership_changed(room_id, source)
        core_event = await adapter.translator.translate(room_id, source, direct)
        if core_event is None:
            return
        assert adapter.bot is not None
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
        request = asyncio.ensure_future(self._request_key(event))
        self._key_requests.add(request)
        request.add_done_callback(self._key_requests.discard)

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
