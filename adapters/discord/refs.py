"""Platform-neutral references for Discord objects, and mention syntax.

Messages inside a thread are addressed by the thread's channel id (their
``MessageRef.room`` is the thread), while the event's ``room`` is the parent
channel and ``thread`` the thread id. A slash-command invocation has no
message of its own: it is addressed by an *interaction reference*.
"""
from __future__ import annotations

import re

import discord

from samovar.core.events import MemberRef, MessageRef, RoomRef

PLATFORM = "discord"
_INTERACTION = "interaction-"
_MENTION = re.compile(r"^<@!?(\d+)>$")


def member_ref(user: discord.abc.User) -> MemberRef:
    """A Discord user or member."""
    return MemberRef(PLATFORM, str(user.id), user.display_name)


def room_ref(channel: object) -> RoomRef:
    """A guild channel, thread or DM channel (cached or partial)."""
    if isinstance(channel, discord.DMChannel):
        recipient = channel.recipient
        return RoomRef(PLATFORM, str(channel.id), f"dm:{recipient.name}" if recipient else "dm", is_direct=True)
    if isinstance(channel, discord.PartialMessageable):
        direct = channel.type is discord.ChannelType.private or (channel.guild_id is None and channel.type is None)
        return RoomRef(PLATFORM, str(channel.id), "", is_direct=direct)
    return RoomRef(PLATFORM, str(channel.id), getattr(channel, "name", "") or "")  # type: ignore[attr-defined]


def location(channel: object) -> tuple[RoomRef, RoomRef, str | None]:
    """``(room, message_room, thread)`` for something said in ``channel``.

    For a thread: the parent channel, the thread itself and the thread id;
    otherwise the channel twice and no thread.
    """
    if isinstance(channel, discord.Thread):
        parent = channel.parent
        room = room_ref(parent) if parent is not None else RoomRef(PLATFORM, str(channel.parent_id))
        return room, room_ref(channel), str(channel.id)
    room = room_ref(channel)
    return room, room, None


def message_ref(message: discord.Message) -> MessageRef:
    """A posted message (its room is the channel or thread it is in)."""
    return MessageRef(PLATFORM, room_ref(message.channel), str(message.id))


def interaction_ref(room: RoomRef, interaction_id: int) -> MessageRef:
    """The reference of a slash-command invocation (replies to it answer the interaction)."""
    return MessageRef(PLATFORM, room, f"{_INTERACTION}{interaction_id}")


def interaction_id(ref: MessageRef) -> int | None:
    """The interaction id if ``ref`` is an interaction reference."""
    if ref.id.startswith(_INTERACTION):
        return int(ref.id[len(_INTERACTION):])
    return None


def mention(member: MemberRef) -> str:
    """``<@id>``: a mention that notifies exactly this user."""
    return f"<@{member.id}>"


def mentioned_id(text: str) -> int | None:
    """The user id in ``<@id>`` / ``<@!id>``, else None."""
    match = _MENTION.match(text.strip())
    return int(match.group(1)) if match else None
