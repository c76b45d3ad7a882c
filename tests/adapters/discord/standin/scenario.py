"""What a test can make happen: users speaking, reacting, joining, invoking commands; network trouble."""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

from . import lookup
from .interactions import Interaction
from .model import Channel, ChannelType, Member, Message, Overwrite, User
from .permissions import Perm, channel_permissions
from .snowflakes import utcnow

if TYPE_CHECKING:
    from .gateway import Gateway
    from .interactions import InteractionDesk
    from .model import World
    from .platform import Platform
    from .ratelimits import RateLimiter
    from .recorder import Recorder


class ScenarioMixin:
    """Test-facing actions of :class:`DiscordStandIn`."""

    world: World
    platform: Platform
    gateway: Gateway
    desk: InteractionDesk
    rate_limits: RateLimiter
    recorder: Recorder

    # -- people -------------------------------------------------------------------------
    def add_user(self, username: str, *, accepts_dms: bool = True,
                 locale: str = "en-US") -> User:
        """A Discord account that is not (yet) in any guild."""
        user = self.world.add_user(username, global_name=username.capitalize())
        user.accepts_dms, user.locale = accepts_dms, locale
        return user

    def user_says(self, channel: lookup.ChannelRef, user: lookup.UserRef, text: str,
                  reply_to: lookup.MessageRef | None = None) -> Message:
        """``user`` posts ``text`` in a guild channel or thread (optionally as a reply)."""
        target = lookup.channel(self.world, channel)
        author = lookup.user(self.world, user)
        guild = self.world.guild_of(target)
        if guild is None:
            raise ValueError("use user_dms() for direct messages")
        member = guild.members.get(author.id)
        if member is None:
            raise PermissionError(f"{author.username} is not a member of {guild.name}")
        if member.communication_disabled_until and member.communication_disabled_until > utcnow():
            raise PermissionError(f"{author.username} is timed out and cannot speak")
        perms = channel_permissions(guild, member, target, self.world.parent_of(target))
        if not perms & (Perm.SEND_MESSAGES_IN_THREADS if target.is_thread else Perm.SEND_MESSAGES):
            raise PermissionError(f"{author.username} cannot send messages in #{target.name}")
        reference = None
        if reply_to is not None:
            original = lookup.message(self.world, reply_to)
            reference = {"type": 0, "message_id": original.id, "channel_id": target.id, "guild_id": guild.id}
        return self.platform.post_message(target, author, content=text, reference=reference)

    def user_dms(self, user: lookup.UserRef, text: str) -> Message:
        """``user`` sends ``text`` to the bot in a direct message."""
        author = lookup.user(self.world, user)
        return self.platform.post_message(self.world.dm_channel(author), author, content=text)

    def user_reacts(self, message: lookup.MessageRef, user: lookup.UserRef, emoji: str,
                    *, burst: bool = False) -> bool:
        """``user`` adds a (unicode) reaction; ``burst`` makes it a super reaction."""
        return self.platform.add_reaction(lookup.message(self.world, message), lookup.user(self.world, user),
                                          {"id": None, "name": emoji}, burst=burst)

    def user_unreacts(self, message: lookup.MessageRef, user: lookup.UserRef, emoji: str,
                      *, burst: bool = False) -> bool:
        return self.platform.remove_reaction(lookup.message(self.world, message), lookup.user(self.world, user),
                                             {"id": None, "name": emoji}, burst=burst)

    def member_joins(self, user: lookup.UserRef, guild: lookup.GuildRef = None) -> Member:
        """``user`` (a name creates a new account) joins the guild: GUILD_MEMBER_ADD."""
        if isinstance(user, str):
            try:
                account = self.world.find_user(user)
            except KeyError:
                account = self.add_user(user)
        else:
            account = lookup.user(self.world, user)
        return self.platform.member_add(lookup.guild(self.world, guild), account)

    def member_leaves(self, user: lookup.UserRef, guild: lookup.GuildRef = None) -> None:
        """``user`` leaves the guild: GUILD_MEMBER_REMOVE."""
        self.platform.member_remove(lookup.guild(self.world, guild), lookup.user(self.world, user))

    def slash_command(self, user: lookup.UserRef, channel: lookup.ChannelRef | None,
                      name: str, options: dict[str, Any] | None = None) -> Interaction:
        """``user`` runs ``/name`` (``"cmd sub"`` for subcommands) in ``channel`` (None: in a DM).

        The command must have been registered by the bot; options are checked
        against its declared options, as Discord's client does.
        """
        invoker = lookup.user(self.world, user)
        target = self.world.dm_channel(invoker) if channel is None else lookup.channel(self.world, channel)
        if target.type != ChannelType.DM:
            guild = self.world.guild_of(target)
            if guild is None or invoker.id not in guild.members:
                raise PermissionError(f"{invoker.username} is not a member there")
        return self.desk.invoke(invoker, target, name, options or {})

    # -- platform settings -------------------------------------------------------------------
    def revoke_bot_permissions(self, *perms: Perm, guild: lookup.GuildRef = None) -> None:
        """Remove permissions from every role the bot has (and from @everyone): GUILD_ROLE_UPDATE each."""
        target = lookup.guild(self.world, guild)
        mask = 0
        for perm in perms:
            mask |= perm
        for role_id in [target.id, *target.members[self.world.bot.id].roles]:
            role = target.roles[role_id]
            if role.permissions & mask:
                role.permissions &= ~mask
                self.platform.role_updated(target, role)

    def deny_bot_in_channel(self, channel: lookup.ChannelRef, *perms: Perm) -> Channel:
        """A member overwrite that denies the bot ``perms`` in ``channel`` (none: remove it): CHANNEL_UPDATE."""
        found = lookup.channel(self.world, channel)
        bot_id = self.world.bot.id
        mask = 0
        for perm in perms:
            mask |= perm
        if mask:
            found.overwrites[bot_id] = Overwrite(id=bot_id, type=1, deny=mask)
        else:
            found.overwrites.pop(bot_id, None)
        self.platform.channel_updated(found)
        return found

    def rename_channel(self, channel: lookup.ChannelRef, name: str) -> Channel:
        """A moderator renames a channel: CHANNEL_UPDATE."""
        found = lookup.channel(self.world, channel)
        found.name = name
        self.platform.channel_updated(found)
        return found

    def set_privileged_intents(self, **enabled: bool) -> None:
        """Developer-portal switches: members, presences, message_content."""
        self.world.application.privileged_intents.update(enabled)

    def rotate_token(self) -> str:
        """Reset the bot token (the old one stops working); returns the new one."""
        self.world.token = f"{self.world.bot.id}.stand-in.{self.world.ids.next():x}"
        return self.world.token

    def inject_429(self, route_pattern: str, retry_after: float, count: int = 1, *,
                   scope: str = "user", is_global: bool = False) -> None:
        """Answer the next ``count`` matching requests with 429 (see RateLimiter.inject_429)."""
        self.rate_limits.inject_429(route_pattern, retry_after, count, scope=scope, is_global=is_global)

    # -- gateway trouble ---------------------------------------------------------------------------
    async def drop_gateway(self, code: int | None = 4000) -> None:
        """Cut the bot's gateway connection (``code=None``: TCP reset, no close frame).

        The session stays resumable: events from now on are kept and replayed
        when the client resumes.
        """
        dropped = self.gateway.drop(code)
        await self.recorder.wait_for(lambda: not any(c in self.gateway.live for c in dropped))

    def request_reconnect(self) -> None:
        """Gateway op 7: ask the client to reconnect and resume."""
        self.gateway.request_reconnect()

    def invalidate_session(self, resumable: bool = False) -> None:
        """Gateway op 9: a non-resumable invalidation forces a fresh IDENTIFY."""
        self.gateway.invalidate_sessions(resumable)
