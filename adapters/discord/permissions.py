"""What the bot itself may do on a server, checked before acting; and members' role names.

``REQUIRED`` is the exact permission set samovar needs (the invite URL in
``docs/discord.md`` asks for these bits and no others).
"""
from __future__ import annotations

import logging

import discord

from samovar.core.adapter import MissingPermission, Standing

log = logging.getLogger("samovar.adapters.discord")

REQUIRED = discord.Permissions(
    view_channel=True,  # see the rooms it serves
    send_messages=True,  # answer in rooms
    send_messages_in_threads=True,  # answer inside threads
    read_message_history=True,  # reply to a message, react to it
    add_reactions=True,  # celebrate with a reaction
    manage_messages=True,  # moderators' "delete this message"
    moderate_members=True,  # moderators' "time out this member"
)
SCOPES = ("bot", "applications.commands")


def invite_url(application_id: int) -> str:
    """The OAuth2 URL that adds the bot with exactly :data:`REQUIRED`."""
    return discord.utils.oauth_url(application_id, permissions=REQUIRED, scopes=SCOPES)


def missing_on(guild: discord.Guild) -> list[str]:
    """Names of required permissions the bot lacks server-wide in ``guild``."""
    have = guild.me.guild_permissions
    return sorted(name for name, wanted in REQUIRED if wanted and not getattr(have, name))


def warn_about_missing(guilds: list[discord.Guild], application_id: int) -> None:
    """Log a warning for every server where the bot lacks a permission samovar needs."""
    for guild in guilds:
        lacking = missing_on(guild)
        if lacking:
            log.warning(f"In the server {guild.name!r} the bot lacks {', '.join(lacking)}; replies or moderation "
                        f"may fail. Grant these to its role, or re-invite it with {invite_url(application_id)}")


def require_in_channel(channel: discord.abc.GuildChannel | discord.Thread, *names: str) -> None:
    """Raise :class:`MissingPermission` unless the bot has every permission ``names`` in ``channel``."""
    have = channel.permissions_for(channel.guild.me)
    lacking = [name for name in ("view_channel", *names) if not getattr(have, name)]
    if lacking:
        raise MissingPermission(f"the bot lacks {', '.join(lacking)} in #{channel.name}")


def require_can_timeout(guild: discord.Guild, target: discord.Member) -> None:
    """Raise :class:`MissingPermission` unless the bot may time ``target`` out in ``guild``.

    Discord's rules: Moderate Members, never the owner or an administrator, and
    only members whose highest role is below the bot's.
    """
    me = guild.me
    if not me.guild_permissions.moderate_members:
        raise MissingPermission(f"the bot lacks moderate_members in {guild.name}")
    if target.id == guild.owner_id or target.guild_permissions.administrator:
        raise MissingPermission("the server owner and administrators cannot be timed out")
    if target.top_role >= me.top_role:
        raise MissingPermission(f"{target.name}'s highest role is not below the bot's")


def standing_of(member: discord.Member | None) -> Standing:
    """The member's role names (``@everyone`` left out)."""
    if member is None:
        return Standing()
    return Standing(roles=frozenset(role.name for role in member.roles if not role.is_default()))
