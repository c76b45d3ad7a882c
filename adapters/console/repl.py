"""The REPL on top of the console adapter: type as a member, see what the bot does.

Time runs with the wall clock and jumps forward on ``/wait``. Everything the
REPL itself says comes from the ``console.*`` catalog keys.
"""
from __future__ import annotations

import asyncio
import sys
from datetime import datetime, timezone
from typing import Any, Callable, TextIO

from samovar.core.durations import parse_duration

from .adapter import Action, ConsoleAdapter

REAL_TIME_STEP = 1.0


class Repl:
    """Reads lines, acts as the current member, prints bot actions."""

    def __init__(self, bot: Any, adapter: ConsoleAdapter, scheduler: Any, out: TextIO = sys.stdout,
                 read_line: Callable[[], str] = input) -> None:
        self.bot = bot
        self.adapter = adapter
        self.scheduler = scheduler
        self.out = out
        self.read_line = read_line
        self.member = "alice"
        self.room = bot.config.community.main_room
        self.offset = 0.0
        self.lang = bot.config.community.language
        adapter.listeners.append(self.show)

    def say(self, key: str, **values: Any) -> None:
        """Print a REPL message from the catalog."""
        print(self.bot.t(f"console.{key}", self.lang, **values), file=self.out, flush=True)

    def show(self, action: Action) -> None:
        """Print one bot action readably."""
        if action.action == "dm":
            head = f"[dm → {action.to}]"
        elif action.action == "send":
            head = f"[#{action.room}]" + (f" → {action.to}" if action.to else "")
        else:
            head = f"[{action.action}{' #' + action.room if action.room else ''}" + \
                   (f" {action.to}" if action.to else "") + "]"
        print(f"{head} {action.text or ''}".rstrip(), file=self.out, flush=True)

    async def _follow_real_time(self) -> None:
        while True:
            await asyncio.sleep(REAL_TIME_STEP)
            target = datetime.now(timezone.utc).timestamp() + self.offset
            await self.scheduler.advance_to(datetime.fromtimestamp(target, timezone.utc))

    async def run(self) -> None:
        """Loop until ``/quit`` or end of input."""
        self.say("welcome", member=self.member, room=self.room)
        ticker = asyncio.create_task(self._follow_real_time())
        loop = asyncio.get_running_loop()
        try:
            while True:
                try:
                    line = await loop.run_in_executor(None, self._prompt)
                except EOFError:
                    break
                if not await self.handle(line.strip()):
                    break
        finally:
            ticker.cancel()

    def _prompt(self) -> str:
        return self.read_line(f"{self.member}@#{self.room}> ")

    async def handle(self, line: str) -> bool:
        """Act on one line; False means quit."""
        if not line:
            return True
        if not line.startswith("/"):
            await self.adapter.say(self.member, line, self.room)
            return True
        verb, _, rest = line[1:].partition(" ")
        rest = rest.strip()
        if verb in ("quit", "exit", "q"):
            return False
        handler = getattr(self, f"_cmd_{verb}", None)
        if handler is None:
            self.say("unknown")
        else:
            await handler(rest)
        return True

    async def _cmd_help(self, rest: str) -> None:
        self.say("help")

    async def _cmd_as(self, rest: str) -> None:
        if not rest:
            self.say("usage_as")
            return
        self.member = rest.lstrip("@")
        self.say("now_as", member=self.member)

    async def _cmd_room(self, rest: str) -> None:
        if not rest:
            self.say("usage_room")
            return
        self.room = rest.lstrip("#")
        self.say("now_in", room=self.room)

    async def _cmd_join(self, rest: str) -> None:
        await self.adapter.join((rest or self.member).lstrip("@"))

    async def _cmd_leave(self, rest: str) -> None:
        await self.adapter.leave((rest or self.member).lstrip("@"))

    async def _cmd_dm(self, rest: str) -> None:
        if not rest:
            self.say("usage_dm")
            return
        await self.adapter.dm_bot(self.member, rest)

    async def _cmd_react(self, rest: str) -> None:
        if await self.adapter.add_reaction(self.member, rest or "🎉", room=self.room) is None:
            self.say("nothing_to_react")

    async def _cmd_wait(self, rest: str) -> None:
        try:
            delta = parse_duration(rest)
        except ValueError:
            self.say("usage_wait")
            return
        self.offset += delta.total_seconds()
        await self.scheduler.advance(delta)
        self.say("time_now", now=self.bot.clock.now().strftime("%Y-%m-%d %H:%M UTC"))
