"""Small plugins used by the core tests (as third-party authors would write them)."""
from __future__ import annotations

from pathlib import Path
from typing import Any

from samovar.core.commands import DURATION, MEMBER, Arg
from samovar.core.hookspecs import hookimpl
from samovar.core.permissions import Role
from samovar.core.plugin import Plugin, command

LOCALES = Path(__file__).parent / "sample_locales"


class Recorder(Plugin):
    """Remembers every event it is handed."""

    name = "recorder"
    locales = LOCALES

    def __init__(self, *args: Any) -> None:
        super().__init__(*args)
        self.seen: list[tuple[str, Any]] = []
        self.ticks = 0

    @hookimpl
    def on_message(self, event: Any) -> None:
        self.seen.append(("message", event.text))

    @hookimpl
    async def on_direct_message(self, event: Any, ctx: Any) -> None:
        self.seen.append(("direct", event.text))

    @hookimpl
    async def on_reaction_added(self, event: Any) -> None:
        self.seen.append(("reaction+", event.emoji))

    @hookimpl
    async def on_reaction_removed(self, event: Any) -> None:
        self.seen.append(("reaction-", event.emoji))

    @hookimpl
    async def on_member_joined(self, event: Any) -> None:
        self.seen.append(("joined", event.member.id))

    @hookimpl
    async def on_member_left(self, event: Any) -> None:
        self.seen.append(("left", event.member.id))

    @hookimpl
    async def on_message_edited(self, event: Any) -> None:
        self.seen.append(("edited", event.text))

    @hookimpl
    async def on_message_deleted(self, event: Any) -> None:
        self.seen.append(("deleted", event.message.id))

    @hookimpl
    async def on_tick(self, event: Any) -> None:
        self.ticks += 1

    @hookimpl
    async def on_startup(self) -> None:
        self.seen.append(("startup", None))

    @hookimpl
    async def on_shutdown(self) -> None:
        self.seen.append(("shutdown", None))

    @hookimpl
    def on_private_text(self, member: Any, text: str, lang: str, source: str) -> None:
        self.seen.append(("private", (member.id, text, lang, source)))

    @hookimpl
    def get_buddy(self, member_id: int) -> int | None:
        return None

    @hookimpl
    def export_member_data(self, member_id: int) -> dict[str, Any]:
        return {"events_seen": len(self.seen)}

    @hookimpl
    def forget_member(self, member_id: int) -> None:
        self.seen.clear()


class Carer(Plugin):
    """Answers private words about a hard night itself, so that nobody else answers them."""

    name = "carer"
    locales = LOCALES

    @hookimpl
    async def claim_direct_message(self, event: Any, ctx: Any) -> bool:
        if "hard night" not in event.text:
            return False
        await ctx.reply(ctx.t("sample.cared"))
        await self.bot.host.call("on_care_given", event.id, member=event.member, source="dm")  # as care plugins do
        return True


class Broken(Plugin):
    """Raises in every hook and command, to prove the others still run."""

    name = "broken"
    locales = LOCALES

    @hookimpl
    def claim_direct_message(self, event: Any) -> bool:
        raise RuntimeError("broken on purpose")

    @hookimpl
    async def on_message(self, event: Any) -> None:
        raise RuntimeError("broken on purpose")

    @hookimpl
    def on_direct_message(self, event: Any) -> None:
        raise RuntimeError("broken on purpose")

    @command("crash", help="sample.crash")
    async def crash(self, ctx: Any) -> None:
        raise RuntimeError("broken on purpose")


class Tools(Plugin):
    """Commands with typed arguments, roles and places."""

    name = "tools"
    locales = LOCALES

    @command("echo", Arg("text", rest=True), help="sample.echo")
    async def echo(self, ctx: Any, text: str) -> None:
        await ctx.reply(text)

    @command("remind", Arg("who", MEMBER), Arg("after", DURATION), help="sample.remind")
    async def remind(self, ctx: Any, who: Any, after: Any) -> None:
        async def later() -> None:
            await ctx.dm(ctx.t("sample.reminder"), who)

        self.bot.scheduler.at(self.bot.clock.now() + after, later, job_id=f"remind-{who.id}")
        await ctx.reply(ctx.t("sample.ok"))

    @command("count", Arg("n", int), Arg("unit", required=False, choices=("apples", "pears")), help="sample.count")
    async def count(self, ctx: Any, n: int, unit: str | None = None) -> None:
        await ctx.reply(ctx.t("sample.counted", count=n))

    @command("sweep", role=Role.MODERATOR, help="sample.sweep")
    async def sweep(self, ctx: Any) -> None:
        await ctx.reply(ctx.t("sample.ok"))

    @command("secret", where="dm", help="sample.secret")
    async def secret(self, ctx: Any) -> None:
        await ctx.reply(ctx.t("sample.ok"))
