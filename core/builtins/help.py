"""``!help``: generated from the command registry, in the member's language.

Private words that nothing answers get a short hint pointing here (see the dispatcher),
except right after a care response.
"""
from __future__ import annotations

from pathlib import Path

from ..argwords import ArgWords
from ..commands import Arg
from ..context import Context
from ..events import MemberRef
from ..hookspecs import hookimpl
from ..plugin import Plugin, command


class HelpPlugin(Plugin):
    """Lists the commands a member may use, or explains one command."""

    name = "help"
    locales = Path(__file__).parent.parent / "locales"

    @hookimpl
    def on_care_given(self, member: MemberRef, source: str) -> None:
        """After a care response, the member's next words are not met with "I'm a bot"."""
        self.bot.dispatcher.cared_for(member)

    @command("help", Arg("command", required=False, rest=True), aliases=("помощь",), help="core.help.help")
    async def help(self, ctx: Context, command: str | None = None) -> None:
        """Reply with the command list, or usage and help of one command."""
        prefix = self.bot.prefix
        role = await ctx.role()
        if command:
            found = self.bot.commands.find(command.removeprefix(prefix))
            if found.command is None and found.group is None:
                await ctx.reply(ctx.t("core.help.no_such", command=command))
                return
            targets = ([(found.command.name, found.command)] if found.command
                       else self.bot.commands.group_entries(found.group or ""))
            words, lang = ArgWords(self.bot.catalog), ctx.lang
            lines = [words.usage(c, prefix, lang, name=name) + (f" — {ctx.t(c.help)}" if c.help else "")
                     for name, c in targets if c.role <= role]
            await ctx.reply("\n".join(lines) or ctx.t("core.help.no_such", command=command))
            return
        lines = [ctx.t("core.help.header")]
        for cmd in self.bot.commands.all():
            if cmd.hidden or cmd.role > role or not self.bot.plugin_enabled_in(cmd.plugin, ctx.room):
                continue
            lines.append(f"{prefix}{cmd.name} — {ctx.t(cmd.help)}" if cmd.help else f"{prefix}{cmd.name}")
        lines.append(ctx.t("core.help.footer", help=prefix + "help"))
        await ctx.reply("\n".join(lines))
