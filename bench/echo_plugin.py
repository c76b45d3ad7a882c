"""The benchmark's echo command plus 100 other commands, as the peers were measured."""
from __future__ import annotations

from typing import Any

from samovar.core.commands import Arg, Command
from samovar.core.plugin import Plugin, command

OTHER_COMMANDS = 100


class EchoPlugin(Plugin):
    """``!echo TEXT`` replies TEXT; registers ``cmd0`` ... ``cmd99`` that nobody calls."""

    name = "bench_echo"

    @command("echo", Arg("text", rest=True))
    async def echo(self, ctx: Any, text: str) -> None:
        await ctx.reply(text)

    def commands(self) -> list[Command]:
        async def idle(ctx: Any) -> None:
            return None

        others = [Command(name=f"cmd{i}", handler=idle, plugin=self.key) for i in range(OTHER_COMMANDS)]
        return [*super().commands(), *others]
