"""``!privacy export`` and ``!privacy forget``: a member's data belongs to them."""
from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path
from typing import Any

from ..argwords import ArgWords
from ..commands import Arg
from ..context import Context
from ..events import MessageEvent
from ..hookspecs import hookimpl
from ..models import Identity, Member
from ..messages import split_message
from ..plugin import Plugin, command

CONFIRM_WINDOW = timedelta(minutes=10)
CHUNK = 1800
CONFIRM = Arg("confirm", required=False, choices=("confirm",))
# A private answer to the forget question: «да» / "yes" / «подтверждаю» deletes, «нет» / "no" keeps everything.
ANSWER = Arg("answer", choices=("yes", "confirm", "no"), label="core.args.confirm")
_AROUND_AN_ANSWER = " \t\n.!()"


class PrivacyPlugin(Plugin):
    """Exports everything stored about a member, or deletes it after a confirmation."""

    name = "privacy"
    locales = Path(__file__).parent.parent / "locales"

    def __init__(self, *args: Any) -> None:
        super().__init__(*args)
        self._pending: dict[int, float] = {}
        self._words = ArgWords(self.bot.catalog)

    async def collect(self, member_id: int) -> dict[str, Any]:
        """Everything every plugin holds about ``member_id``, keyed by plugin."""
        member = await Member.get_or_none(id=member_id)
        identities = await Identity.filter(member_id=member_id).order_by("id")
        data: dict[str, Any] = {"member": {
            "language": member.language if member else None,
            "written_language": member.written_language if member else None,
            "timezone": member.timezone if member else None,
            "since": member.created_at.isoformat() if member else None,
            "identities": [{"platform": i.platform, "id": i.platform_id, "name": i.display_name} for i in identities],
        }}
        for impl in self.bot.host.impls("export_member_data"):
            part = await self.bot.host.call("export_member_data", f"export-{member_id}", [impl], member_id=member_id)
            if part:
                data[impl.plugin] = part[0]
        return data

    async def forget(self, member_id: int) -> None:
        """Every plugin forgets the member, then the core does."""
        await self.bot.host.call("forget_member", f"forget-{member_id}", member_id=member_id)
        await self.bot.members.forget(member_id)

    @command("privacy export", help="core.privacy.export_help")
    async def export(self, ctx: Context) -> None:
        """DM the member their data as JSON."""
        data = await self.collect(await ctx.member_id())
        text = json.dumps(data, ensure_ascii=False, indent=1, default=str)
        blocks = ["```\n" + block + "\n```" for block in split_message(text.splitlines(), CHUNK)]  # between lines
        await ctx.answer_privately([ctx.t("core.privacy.export_intro"), *blocks], ctx.t("core.privacy.sent_privately"))

    @command("privacy forget", CONFIRM, help="core.privacy.forget_help")
    async def forget_command(self, ctx: Context, confirm: str | None = None) -> None:
        """First call asks for confirmation; ``confirm`` within ten minutes deletes everything."""
        member_id = await ctx.member_id()
        if confirm and self._asked(member_id):
            await self._forget_confirmed(ctx, member_id)
            return
        self._pending[member_id] = self.bot.clock.timestamp()
        word = self._words.choices(CONFIRM, ctx.lang)[0]
        in_private = ctx.room is not None and ctx.room.is_direct  # a plain «да» is taken as the answer only there
        await ctx.reply(ctx.t("core.privacy.confirm_private" if in_private else "core.privacy.confirm",
                              command=f"{self.bot.prefix}privacy forget {word}",
                              yes=self._words.choices(ANSWER, ctx.lang)[0]))

    @hookimpl
    async def claim_direct_message(self, event: MessageEvent, ctx: Context) -> bool | None:
        """A plain «да» or «нет» in private, while the forget question waits, answers it."""
        if not self._pending:
            return None
        member_id = await ctx.member_id()
        if not self._asked(member_id):
            return None
        answer = self._words.canonical(ANSWER, event.text.strip(_AROUND_AN_ANSWER))
        if answer is None:
            return None
        if answer == "no":
            del self._pending[member_id]
            await ctx.reply(ctx.t("core.privacy.kept"))
        else:
            await self._forget_confirmed(ctx, member_id)
        return True

    def _asked(self, member_id: int) -> bool:
        """Whether the forget question waits for the member's answer (it waits ten minutes)."""
        asked = self._pending.get(member_id)
        if asked is not None and self.bot.clock.timestamp() - asked > CONFIRM_WINDOW.total_seconds():
            del self._pending[member_id]
            asked = None
        return asked is not None

    async def _forget_confirmed(self, ctx: Context, member_id: int) -> None:
        del self._pending[member_id]
        text = ctx.t("core.privacy.forgotten")  # in the member's language, before it is forgotten
        await self.forget(member_id)
        await ctx.reply(text)
