"""The bot: config, plugins, storage, scheduler and adapters wired together.

Adapters hand events to ``dispatch``; plugins answer through
:class:`~samovar.core.context.Context`, which calls back into the action
methods here (``send``, ``dm``, ``react`` ...), which call the adapter.
"""
from __future__ import annotations

import logging
from datetime import timedelta
from pathlib import Path
from typing import Any, Awaitable, Callable

from .adapter import Adapter, AdapterError, DirectMessagesClosed, MissingPermission, NotSupported
from .clock import Clock, SystemClock
from .commands import CommandRegistry
from .config import LoadedConfig
from .context import Context
from .dispatch import Dispatcher
from .events import MemberRef, MessageRef, RoomRef, TickEvent, next_event_id
from .i18n import Catalog
from .members import MemberDirectory
from .permissions import Permissions, Role
from .plugins import PluginHost
from .ratelimit import RateLimiter
from .safety import neutralize_mass_mentions
from .scheduler import RealScheduler, Scheduler
from .storage import SchemaOwner, Storage

log = logging.getLogger("samovar.bot")
CORE_LOCALES = Path(__file__).parent / "locales"
TICK_JOB = "samovar.tick"


class Bot:
    """One running samovar: build it from a :class:`LoadedConfig`, add adapters, ``start()``."""

    def __init__(self, config: LoadedConfig, *, clock: Clock | None = None, scheduler: Scheduler | None = None,
                 database_url: str | None = None) -> None:
        self.loaded = config
        self.config = config.main
        self.prefix = self.config.command_prefix
        self.clock: Clock = clock or SystemClock()
        self.scheduler: Any = scheduler or RealScheduler()
        self.catalog = Catalog()
        self.catalog.load_dir(CORE_LOCALES)
        self.commands = CommandRegistry()
        self.host = PluginHost()
        self.members = MemberDirectory(self.clock)
        self.permissions = Permissions(self.config.permissions)
        self.ratelimiter = RateLimiter(self.config.rate_limit.commands, self.config.rate_limit.per.total_seconds())
        self.adapters: dict[str, Adapter] = {}
        self.messages_out = 0  # every send and DM: tells the dispatcher whether a private message was answered
        self.storage = Storage(database_url or self.config.resolved_database_url(), [])
        self._room_languages = {room: o.language for room, o in self.config.rooms.items() if o.language}
        self._load_plugins()
        self.dispatcher = Dispatcher(self)

    # ----- set-up -------------------------------------------------------------------------

    def _load_plugins(self) -> None:
        from .builtins import BUILTIN_PLUGINS

        owners = []
        for plugin_cls in BUILTIN_PLUGINS:
            self._add_plugin(plugin_cls.name, plugin_cls, plugin_cls.config_model())
        for name, (plugin_cls, settings) in self.loaded.plugins.items():
            self._add_plugin(name, plugin_cls, settings)
            if plugin_cls.models:
                owners.append(SchemaOwner(name, tuple(plugin_cls.models), tuple(plugin_cls.migrations)))
        self.storage.owners.extend(owners)

    def _add_plugin(self, name: str, plugin_cls: type, settings: Any) -> None:
        plugin = plugin_cls(self, settings)
        plugin.key = name
        if not plugin.name:
            plugin.name = name
        self.catalog.load_dir(plugin_cls.locales_dir())
        self.host.register(name, plugin)
        for command in plugin.commands():
            self.commands.add(command)

    def add_adapter(self, adapter: Adapter) -> None:
        """Serve one more platform (call before :meth:`start`)."""
        self.adapters[adapter.platform] = adapter

    def plugin(self, name: str) -> Any:
        """The plugin instance enabled as ``name`` (config key) or whose ``Plugin.name`` is ``name``."""
        found = self.host.plugins.get(name)
        if found is not None:
            return found
        for plugin in self.host.plugins.values():
            if plugin.name == name:
                return plugin
        raise KeyError(name)

    # ----- lifecycle ----------------------------------------------------------------------

    async def start(self) -> None:
        """Open storage, start the scheduler, run ``on_startup``, connect adapters."""
        await self.storage.open()
        await self.scheduler.start()
        self.scheduler.every(self.config.scheduler.tick, self._tick, job_id=TICK_JOB)
        await self.host.call("on_startup", "startup")
        for adapter in self.adapters.values():
            await adapter.start(self)
        log.info("samovar ready", extra={"adapters": list(self.adapters), "plugins": list(self.host.plugins)})

    async def stop(self) -> None:
        """Disconnect adapters, run ``on_shutdown``, stop the scheduler, close storage."""
        for adapter in self.adapters.values():
            try:
                await adapter.stop()
            except Exception:
                log.exception("adapter stop failed", extra={"platform": adapter.platform})
        await self.host.call("on_shutdown", "shutdown")
        await self.scheduler.stop()
        await self.storage.close()

    async def _tick(self) -> None:
        await self.host.call("on_tick", "tick", event=TickEvent(next_event_id(), self.clock.now()))

    # ----- events in ------------------------------------------------------------------------

    @property
    def dispatch(self) -> Callable[[Any], Awaitable[None]]:
        """``await bot.dispatch(event)`` hands any event from an adapter to the plugins (see :class:`Dispatcher`).

        The dispatcher's own method, so that every event goes through one coroutine less.
        """
        return self.dispatcher.dispatch

    # ----- lookups for plugins and contexts -----------------------------------------------

    def language_for(self, member: MemberRef | None, room: RoomRef | None) -> str:
        """Member's choice, else the language they last wrote to the bot in, else the room's override, else
        the community default."""
        if member is not None:
            chosen = self.members.language(member) or self.members.written_language(member)
            if chosen:
                return chosen
        if room is not None and self._room_languages:
            lang = self._room_languages.get(room.id) or self._room_languages.get(room.name)
            if lang:
                return lang
        return self.config.community.language

    def room_settings(self, plugin: str, room: RoomRef, default: Any) -> Any:
        """A plugin's settings with the overrides of ``room`` (by id or name)."""
        table = self.loaded.room_plugin_settings
        if not table:
            return default
        return table.get((room.id, plugin)) or table.get((room.name, plugin)) or default

    def plugin_enabled_in(self, plugin: str, room: RoomRef | None) -> bool:
        """False when the room's overrides switch ``plugin`` off."""
        disabled = self.loaded.disabled_in_rooms
        if not disabled or room is None:
            return True
        return plugin not in disabled.get(room.id, ()) and plugin not in disabled.get(room.name, ())

    async def role_of(self, member: MemberRef, room: RoomRef | None) -> Role:
        """The member's role, asked fresh from their platform."""
        adapter = self.adapters.get(member.platform)
        if adapter is None:
            return Role.MEMBER
        return await self.permissions.role_of(adapter, member, room)

    def mention(self, member: MemberRef) -> str:
        """Platform text that mentions ``member``."""
        adapter = self.adapters.get(member.platform)
        return adapter.mention(member) if adapter else member.name or member.id

    def room(self, name_or_id: str, platform: str | None = None) -> RoomRef | None:
        """A room by config name/id on ``platform`` (default: the first adapter that knows it)."""
        for adapter in self.adapters.values():
            if platform and adapter.platform != platform:
                continue
            finder = getattr(adapter, "find_room", None)
            found = finder(name_or_id) if finder else None
            if found is not None:
                return found
        return None

    def is_moderators_room(self, room: RoomRef | None) -> bool:
        """Whether ``room`` is the one named ``community.moderators_room`` (by name or id)."""
        wanted = (self.config.community.moderators_room or "").lstrip("#")
        if room is None or room.is_direct or not wanted:
            return False
        return wanted in ((room.name or "").lstrip("#"), room.id)

    async def member_ref(self, member_id: int, platform: str | None = None) -> MemberRef | None:
        """A platform identity of ``member_id`` that a running adapter can reach."""
        for ref in await self.members.identities(member_id):
            if ref.platform in self.adapters and (platform is None or ref.platform == platform):
                return ref
        return None

    def context_for(self, member: MemberRef | None = None, room: RoomRef | None = None) -> Context:
        """A context not tied to an incoming message (jobs, ticks)."""
        return Context(self, None, member=member, room=room)

    def t(self, key: str, lang: str, /, **values: Any) -> str:
        """Translate ``key`` into ``lang``."""
        return self.catalog.t(key, lang, **values)

    async def offer_private_text(self, event_id: str, member: MemberRef, text: str, lang: str, source: str) -> bool:
        """Show the care plugins words a member gave a plugin (``on_private_text``); True when one answered with
        care: the caller then keeps the words private (no sharing, no celebration)."""
        cared = await self.host.call("on_private_text", event_id, member=member, text=text, lang=lang, source=source)
        return any(cared)

    # ----- actions out ----------------------------------------------------------------------

    async def send(self, room: RoomRef, text: str, *, reply_to: MessageRef | None = None,
                   thread: str | None = None) -> MessageRef | None:
        """Post ``text`` (mass mentions neutralised) in ``room``."""
        self.messages_out += 1
        adapter = self.adapters[room.platform]
        try:
            return await adapter.send(room, neutralize_mass_mentions(text), reply_to=reply_to, thread=thread)
        except AdapterError as exc:
            log.warning("send failed", extra={"room": room.id, "error": str(exc)})
            return None

    async def dm(self, member: MemberRef, text: str) -> MessageRef | None:
        """Write privately; None when the member's DMs are closed or the send failed."""
        self.messages_out += 1
        adapter = self.adapters[member.platform]
        try:
            return await adapter.dm(member, neutralize_mass_mentions(text))
        except DirectMessagesClosed:
            log.info("direct messages closed", extra={"platform": member.platform})
            return None
        except AdapterError as exc:
            log.warning("dm failed", extra={"error": str(exc)})
            return None

    async def react(self, message: MessageRef, emoji: str) -> bool:
        """Add the bot's reaction; False if the platform refused."""
        try:
            await self.adapters[message.platform].react(message, emoji)
            return True
        except AdapterError as exc:
            log.warning("react failed", extra={"error": str(exc)})
            return False

    async def delete(self, message: MessageRef, reason: str | None = None) -> bool:
        """Delete a message; False when the bot lacks the permission."""
        try:
            await self.adapters[message.platform].delete(message, reason)
            return True
        except (MissingPermission, NotSupported, AdapterError) as exc:
            log.warning("delete failed", extra={"error": str(exc)})
            return False

    async def timeout(self, member: MemberRef, duration: timedelta, reason: str | None = None) -> bool:
        """Silence a member where the platform supports it."""
        try:
            await self.adapters[member.platform].timeout(member, duration, reason)
            return True
        except (MissingPermission, NotSupported, AdapterError) as exc:
            log.warning("timeout failed", extra={"error": str(exc)})
            return False
