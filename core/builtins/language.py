"""``!language ru|en``: each member chooses the language the bot speaks to them."""
from __future__ import annotations

from pathlib import Path

from ..commands import Arg
from ..context import Context
from ..i18n import LANGUAGES
from ..plugin import Plugin, command


class LanguagePlugin(Plugin):
    """Stores a member's language choice."""

    name = "language"
    locales = Path(__file__).parent.parent / "locales"

    @command("language", Arg("language", choices=LANGUAGES), aliases=("язык",), help="core.language.help")
    async def language(self, ctx: Context, language: str) -> None:
        """Remember the member's language and confirm in it."""
        await self.bot.members.set_language(await ctx.member_id(), language)
        await ctx.reply(ctx.t("core.language.set"))
