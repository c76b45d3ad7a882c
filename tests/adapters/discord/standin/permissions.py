"""Permission bits and Discord's permission computation (roles, then channel overwrites)."""
from __future__ import annotations

import enum
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .model import Channel, Guild, Member


class Perm(enum.IntFlag):
    """The permission bits the stand-in checks (Discord's values)."""

    CREATE_INSTANT_INVITE = 1 << 0
    KICK_MEMBERS = 1 << 1
    BAN_MEMBERS = 1 << 2
    ADMINISTRATOR = 1 << 3
    MANAGE_CHANNELS = 1 << 4
    MANAGE_GUILD = 1 << 5
    ADD_REACTIONS = 1 << 6
    VIEW_CHANNEL = 1 << 10
    SEND_MESSAGES = 1 << 11
    MANAGE_MESSAGES = 1 << 13
    EMBED_LINKS = 1 << 14
    ATTACH_FILES = 1 << 15
    READ_MESSAGE_HISTORY = 1 << 16
    MENTION_EVERYONE = 1 << 17
    USE_EXTERNAL_EMOJIS = 1 << 18
    CHANGE_NICKNAME = 1 << 26
    MANAGE_NICKNAMES = 1 << 27
    MANAGE_ROLES = 1 << 28
    USE_APPLICATION_COMMANDS = 1 << 31
    MANAGE_THREADS = 1 << 34
    CREATE_PUBLIC_THREADS = 1 << 35
    CREATE_PRIVATE_THREADS = 1 << 36
    SEND_MESSAGES_IN_THREADS = 1 << 38
    MODERATE_MEMBERS = 1 << 40


ALL_PERMISSIONS = (1 << 51) - 1

# What @everyone gets in a fresh server.
EVERYONE_DEFAULT = int(
    Perm.CREATE_INSTANT_INVITE
    | Perm.ADD_REACTIONS
    | Perm.VIEW_CHANNEL
    | Perm.SEND_MESSAGES
    | Perm.EMBED_LINKS
    | Perm.ATTACH_FILES
    | Perm.READ_MESSAGE_HISTORY
    | Perm.MENTION_EVERYONE
    | Perm.USE_EXTERNAL_EMOJIS
    | Perm.CHANGE_NICKNAME
    | Perm.USE_APPLICATION_COMMANDS
    | Perm.CREATE_PUBLIC_THREADS
    | Perm.CREATE_PRIVATE_THREADS
    | Perm.SEND_MESSAGES_IN_THREADS
)


def base_permissions(guild: Guild, member: Member) -> int:
    """Guild-level permissions of a member: owner and administrators get everything."""
    if member.user_id == guild.owner_id:
        return ALL_PERMISSIONS
    value = guild.roles[guild.id].permissions
    for role_id in member.roles:
        role = guild.roles.get(role_id)
        if role is not None:
            value |= role.permissions
    if value & Perm.ADMINISTRATOR:
        return ALL_PERMISSIONS
    return value


def channel_permissions(guild: Guild, member: Member, channel: Channel, parent: Channel | None = None) -> int:
    """Permissions in a channel: base, then @everyone, role and member overwrites.

    Threads take their parent's overwrites; pass the parent as ``parent``.
    """
    value = base_permissions(guild, member)
    if value == ALL_PERMISSIONS:
        return value
    overwrites = (parent or channel).overwrites
    everyone = overwrites.get(guild.id)
    if everyone is not None:
        value = (value & ~everyone.deny) | everyone.allow
    allow = deny = 0
    for role_id in member.roles:
        overwrite = overwrites.get(role_id)
        if overwrite is not None:
            allow |= overwrite.allow
            deny |= overwrite.deny
    value = (value & ~deny) | allow
    own = overwrites.get(member.user_id)
    if own is not None:
        value = (value & ~own.deny) | own.allow
    if not value & Perm.VIEW_CHANNEL:
        return 0
    return value


def top_role_position(guild: Guild, member: Member) -> int:
    """Position of the member's highest role (0 for @everyone only)."""
    positions = [guild.roles[r].position for r in member.roles if r in guild.roles]
    return max(positions, default=0)
