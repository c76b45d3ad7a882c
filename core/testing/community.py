"""An in-memory community: a Bot on the console adapter, SQLite in memory, a virtual clock."""
from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path
from typing import Any, Iterable

from samovar.adapters.console import Action, ConsoleAdapter, ConsoleConfig
from samovar.core.bot import Bot
from samovar.core.clock import VirtualClock
from samovar.core.config import LoadedConfig, load_config
from samovar.core.durations import parse_duration
from samovar.core.events import MemberRef, MessageRef
from samovar.core.scheduler import VirtualScheduler

BASE_CONFIG: dict[str, Any] = {
    "community": {"name": "Test community", "language": "en", "timezone": "UTC", "main_room": "general",
                  "moderators_room": "moderators"},
    "database_url": "sqlite://:memory:",
    "adapters": {"console": {}},
    "permissions": {"console": {"moderators": ["mod"], "admins": ["admin"]}},
    "rate_limit": {"commands": 30, "per": "1m"},
}


def plugin_path(plugin: type | str) -> str:
    """A plugin reference usable in config: entry-point name, dotted path, or a class."""
    return plugin if isinstance(plugin, str) else f"{plugin.__module__}:{plugin.__qualname__}"


class Community:
    """A running bot with helpers to act as members and read what the bot did."""

    def __init__(self, bot: Bot, adapter: ConsoleAdapter, clock: VirtualClock, scheduler: VirtualScheduler) -> None:
        self.bot = bot
        self.adapter = adapter
        self.clock = clock
        self.scheduler = scheduler
        self._seen = 0

    @classmethod
    async def create(cls, config: dict[str, Any] | None = None, *, plugins: Iterable[type | str] | None = None,
                     config_path: str | Path | None = None, start: datetime | None = None,
                     database_url: str | None = None, loaded: LoadedConfig | None = None) -> "Community":
        """Build and start a community.

        ``config`` is merged over a small test default (or over ``config_path``);
        ``plugins`` replaces the plugin list (classes, names or dotted paths).
        """
        overrides: dict[str, Any] = {} if config_path else dict(BASE_CONFIG)
        if config:
            from samovar.core.config import deep_merge
            overrides = deep_merge(overrides, config)
        if plugins is not None:
            settings = (config or {}).get("plugins", {})
            chosen = {plugin_path(p): settings.get(plugin_path(p), {}) for p in plugins}
            overrides["plugins"] = chosen
        if loaded is None:
            loaded = load_config(config_path, overrides) if config_path else _load_over_nothing(overrides)
        clock = VirtualClock(start)
        scheduler = VirtualScheduler(clock)
        bot = Bot(loaded, clock=clock, scheduler=scheduler, database_url=database_url)
        console_settings = loaded.adapters.get("console", (ConsoleAdapter, ConsoleConfig()))[1]
        adapter = ConsoleAdapter(console_settings)  # type: ignore[arg-type]
        bot.add_adapter(adapter)
        await bot.start()
        return cls(bot, adapter, clock, scheduler)

    async def close(self) -> None:
        """Stop the bot and close the database."""
        await self.bot.stop()

    # ----- acting as members ----------------------------------------------------------------

    def member(self, name: str) -> MemberRef:
        """The console member called ``name``."""
        return self.adapter.member(name)

    async def join(self, name: str) -> MemberRef:
        """``name`` joins."""
        return await self.adapter.join(name)

    async def leave(self, name: str) -> None:
        """``name`` leaves."""
        await self.adapter.leave(name)

    async def say(self, name: str, text: str, room: str | None = None, reply_to: MessageRef | None = None,
                  thread: str | None = None) -> MessageRef:
        """``name`` writes in a room (default: the main room)."""
        return await self.adapter.say(name, text, room, reply_to, thread)

    async def dm(self, name: str, text: str) -> MessageRef:
        """``name`` writes to the bot privately."""
        return await self.adapter.dm_bot(name, text)

    async def react(self, name: str, emoji: str, to: MessageRef | None = None, room: str | None = None) -> None:
        """``name`` reacts to ``to`` (default: the last message in the room)."""
        await self.adapter.add_reaction(name, emoji, to, room)

    async def unreact(self, name: str, emoji: str, to: MessageRef | None = None, room: str | None = None) -> None:
        """``name`` removes their reaction."""
        await self.adapter.add_reaction(name, emoji, to, room, remove=True)

    async def edit(self, name: str, message: MessageRef, text: str) -> None:
        """``name`` edits their message."""
        await self.adapter.edit(name, message, text)

    async def delete(self, name: str, message: MessageRef) -> None:
        """``name`` deletes their message."""
        await self.adapter.remove_message(name, message)

    async def wait(self, duration: str | timedelta) -> int:
        """Let virtual time pass; due jobs fire in order. Returns how many fired."""
        return await self.scheduler.advance(parse_duration(duration))

    # ----- reading what the bot did -------------------------------------------------------

    @property
    def actions(self) -> list[Action]:
        """Everything the bot did so far."""
        return self.adapter.actions

    def new_actions(self) -> list[Action]:
        """Actions since the previous call."""
        fresh = self.adapter.actions[self._seen:]
        self._seen = len(self.adapter.actions)
        return fresh

    def dms_to(self, name: str) -> list[str]:
        """Texts the bot sent privately to ``name``."""
        return [a.text or "" for a in self.actions if a.action == "dm" and a.to == name]

    def sent_in(self, room: str) -> list[str]:
        """Texts the bot posted in ``room``."""
        return [a.text or "" for a in self.actions if a.action == "send" and a.room == room]

    def replies_to(self, name: str) -> list[str]:
        """Texts the bot posted in rooms as replies to ``name``'s messages."""
        return [a.text or "" for a in self.actions if a.action == "send" and a.to == name]

    def reactions(self) -> list[str]:
        """Emoji the bot reacted with."""
        return [a.text or "" for a in self.actions if a.action == "react"]

    def t(self, key: str, lang: str = "en", **values: Any) -> str:
        """A catalog text, for comparing with what the bot said."""
        return self.bot.catalog.t(key, lang, **values)


def _load_over_nothing(overrides: dict[str, Any]) -> LoadedConfig:
    from samovar.core.config import load_config_data

    return load_config_data(overrides, "<test config>")
