"""What a test can look at after the bot acted."""
from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from . import lookup
from .gateway_session import ConnectionInfo
from .interactions import Interaction, InteractionResponse
from .model import Member, Message
from .platform import ReactionEvent
from .recorder import RequestRecord

if TYPE_CHECKING:
    from .gateway import Gateway
    from .interactions import InteractionDesk
    from .model import World
    from .platform import Platform
    from .ratelimits import RateLimiter
    from .recorder import Recorder


class InspectionMixin:
    """Read-only views of :class:`DiscordStandIn`."""

    world: World
    platform: Platform
    gateway: Gateway
    desk: InteractionDesk
    rate_limits: RateLimiter
    recorder: Recorder

    def sent_messages(self, channel: lookup.ChannelRef) -> list[Message]:
        """The bot's live, non-ephemeral messages in a channel or thread, oldest first."""
        target = lookup.channel(self.world, channel)
        return [m for m in self.world.channel_messages(target.id)
                if m.author_id == self.world.bot.id and not m.flags & 64]

    def sent_dms(self, user: lookup.UserRef) -> list[Message]:
        """The bot's live messages in its DM with ``user``, oldest first."""
        account = lookup.user(self.world, user)
        channel_id = self.world.dm_channel_by_user.get(account.id)
        if channel_id is None:
            return []
        return [m for m in self.world.channel_messages(channel_id) if m.author_id == self.world.bot.id]

    def messages_in(self, channel: lookup.ChannelRef) -> list[Message]:
        """Every live message in a channel, oldest first."""
        return self.world.channel_messages(lookup.channel(self.world, channel).id)

    def message(self, message_id: int) -> Message:
        return lookup.message(self.world, message_id)

    @property
    def reactions(self) -> list[ReactionEvent]:
        """Every reaction added or removed so far, by anyone, in order."""
        return self.platform.reaction_log

    def reactions_on(self, message: lookup.MessageRef) -> dict[str, list[int]]:
        """Current reactions on a message: emoji -> user ids (normal and burst together)."""
        target = lookup.message(self.world, message)
        return {key: state.normal + state.burst for key, state in target.reactions.items()
                if state.normal or state.burst}

    @property
    def interaction_responses(self) -> list[InteractionResponse]:
        return self.desk.responses

    def registered_commands(self, guild: lookup.GuildRef = None) -> list[dict[str, Any]]:
        """A guild's commands as last overwritten by the bot (default guild when None)."""
        return self.world.application.guild_commands.get(lookup.guild(self.world, guild).id, [])

    def global_commands(self) -> list[dict[str, Any]]:
        """Global commands as last overwritten by the bot."""
        return self.world.application.global_commands

    def responses_to(self, interaction: Interaction) -> list[InteractionResponse]:
        """The bot's answers to one interaction, in order."""
        return [r for r in self.desk.responses if r.interaction_id == interaction.id]

    def member(self, user: lookup.UserRef, guild: lookup.GuildRef = None) -> Member:
        return lookup.guild(self.world, guild).members[lookup.user(self.world, user).id]

    def typing_in(self, channel: lookup.ChannelRef) -> int:
        """How many times the bot triggered the typing indicator in a channel."""
        target = lookup.channel(self.world, channel)
        return sum(1 for channel_id, _ in self.platform.typing_log if channel_id == target.id)

    @property
    def requests(self) -> list[RequestRecord]:
        return self.recorder.requests

    def requests_to(self, method: str, template: str) -> list[RequestRecord]:
        """Requests that hit one route, e.g. ``("POST", "/channels/{channel_id}/messages")``."""
        return [r for r in self.recorder.requests if r.method == method and r.route == template]

    @property
    def unknown_routes(self) -> list[str]:
        """``"METHOD /path"`` of requests no stand-in route serves (the fixture fails on these)."""
        return self.recorder.unknown_routes

    def take_unknown_routes(self) -> list[str]:
        """Return and forget unknown routes, for tests that hit one on purpose."""
        taken = list(self.recorder.unknown_routes)
        self.recorder.unknown_routes.clear()
        return taken

    @property
    def protocol_errors(self) -> list[str]:
        """Protocol misuse or stand-in gaps (the fixture fails on these too)."""
        return self.recorder.protocol_errors

    @property
    def rate_limit_violations(self) -> list[str]:
        """429s the client earned by ignoring the rate-limit headers (injected ones excluded)."""
        return self.rate_limits.violations

    @property
    def connections(self) -> list[ConnectionInfo]:
        """Every gateway connection so far, oldest first."""
        return self.gateway.connections

    async def wait_for(self, predicate: Callable[[], Any], timeout: float = 5.0) -> Any:
        """Wait until ``predicate()`` is truthy (re-checked on every stand-in change)."""
        return await self.recorder.wait_for(predicate, timeout)
