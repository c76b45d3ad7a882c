"""``!thanks @member why``: the member is thanked privately; nobody keeps score in public."""
from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict

from samovar.core.commands import MEMBER, Arg
from samovar.core.context import Context
from samovar.core.hookspecs import hookimpl
from samovar.core.plugin import Plugin, command

from .models import Thanks


class GratitudeSettings(BaseModel):
    """``plugins: {gratitude: {emoji: "💛"}}`` in samovar.yaml."""

    model_config = ConfigDict(extra="forbid")
    emoji: str = "💛"


class GratitudePlugin(Plugin):
    """Passes thanks on privately and reacts to the thank-you message."""

    name = "gratitude"
    config_model = GratitudeSettings
    models = ["gratitude.models"]

    @command("thanks", Arg("member", MEMBER), Arg("reason", rest=True), help="gratitude.help")
    async def thanks(self, ctx: Context, member: Any, reason: str) -> None:
        """Store the thanks, tell the member privately, react to the message."""
        if member == ctx.member:
            await ctx.reply(ctx.t("gratitude.self"))
            return
        giver, receiver = await ctx.member_id(), await ctx.member_id(member)
        await Thanks.create(giver_id=giver, receiver_id=receiver, reason=reason, at=self.bot.clock.now())
        lang = self.bot.language_for(member, None)
        delivered = await ctx.dm(self.t("gratitude.received", lang, giver=ctx.mention(), reason=reason), member)
        await ctx.react(self.config.emoji)
        if delivered is None:
            await ctx.reply(ctx.t("gratitude.not_delivered"))

    @hookimpl
    async def export_member_data(self, member_id: int) -> dict[str, Any]:
        """The thanks the member gave and received."""
        given = await Thanks.filter(giver_id=member_id).values_list("reason", flat=True)
        received = await Thanks.filter(receiver_id=member_id).values_list("reason", flat=True)
        return {"given": list(given), "received": list(received)}

    @hookimpl
    async def forget_member(self, member_id: int) -> None:
        """Delete every thank-you the member gave or received."""
        await Thanks.filter(giver_id=member_id).delete()
        await Thanks.filter(receiver_id=member_id).delete()
