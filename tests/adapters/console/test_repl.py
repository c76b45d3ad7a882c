"""The console REPL: a person types as members and sees what the bot does."""
from __future__ import annotations

import io

from samovar.adapters.console.repl import Repl


async def test_typing_as_members_joining_dming_reacting_and_waiting(community_factory):
    town = await community_factory(plugins=["tests.core.sample_plugins:Tools"])
    out = io.StringIO()
    repl = Repl(town.bot, town.adapter, town.scheduler, out=out)
    for line in ["/join bob", "!echo hello", "/as bob", "/dm !secret", "/react 🎉", "/wait 2h",
                 "/room wins", "!echo in wins", "/nonsense"]:
        assert await repl.handle(line)
    assert not await repl.handle("/quit")
    shown = out.getvalue().splitlines()
    assert "[#general] → alice hello" in shown
    assert "[dm → bob] Done." in shown
    assert "[#wins] → bob in wins" in shown
    assert "Time is now 2026-01-05 11:00 UTC." in shown
    assert town.bot.t("console.unknown", "en") in shown
    assert town.clock.now().hour == 11
