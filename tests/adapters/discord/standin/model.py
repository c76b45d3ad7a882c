"""The stand-in's world: users, guilds, roles, members, channels, messages, commands."""
from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any

from .permissions import EVERYONE_DEFAULT
from .snowflakes import SnowflakeFactory, utcnow


class ChannelType:
    """Discord channel type numbers used by the stand-in."""

    GUILD_TEXT = 0
    DM = 1
    GUILD_CATEGORY = 4
    PUBLIC_THREAD = 11
    PRIVATE_THREAD = 12

    THREADS = (PUBLIC_THREAD, PRIVATE_THREAD)


class MessageType:
    """Discord message type numbers used by the stand-in."""

    DEFAULT = 0
    THREAD_CREATED = 18
    REPLY = 19
    CHAT_INPUT_COMMAND = 20
    THREAD_STARTER_MESSAGE = 21


@dataclasses.dataclass
class User:
    id: int
    username: str
    global_name: str | None = None
    bot: bool = False
    accepts_dms: bool = True
    locale: str = "en-US"


@dataclasses.dataclass
class Role:
    id: int
    name: str
    permissions: int
    position: int = 0
    color: int = 0
    hoist: bool = False
    managed: bool = False
    mentionable: bool = False
    tags: dict[str, Any] | None = None


@dataclasses.dataclass
class Member:
    user_id: int
    roles: list[int] = dataclasses.field(default_factory=list)
    joined_at: dt.datetime = dataclasses.field(default_factory=utcnow)
    nick: str | None = None
    communication_disabled_until: dt.datetime | None = None


@dataclasses.dataclass
class Overwrite:
    id: int
    type: int  # 0 role, 1 member
    allow: int = 0
    deny: int = 0


@dataclasses.dataclass
class Channel:
    id: int
    type: int
    name: str | None = None
    guild_id: int | None = None
    parent_id: int | None = None
    position: int = 0
    topic: str | None = None
    overwrites: dict[int, Overwrite] = dataclasses.field(default_factory=dict)
    last_message_id: int | None = None
    recipient_ids: list[int] = dataclasses.field(default_factory=list)
    # threads only
    owner_id: int | None = None
    auto_archive_duration: int = 1440
    archived: bool = False
    message_count: int = 0
    created_at: dt.datetime = dataclasses.field(default_factory=utcnow)

    @property
    def is_thread(self) -> bool:
        return self.type in ChannelType.THREADS


@dataclasses.dataclass
class ReactionState:
    """Who reacted with one emoji on one message."""

    emoji: dict[str, Any]
    normal: list[int] = dataclasses.field(default_factory=list)
    burst: list[int] = dataclasses.field(default_factory=list)


@dataclasses.dataclass
class Message:
    id: int
    channel_id: int
    author_id: int
    content: str
    guild_id: int | None = None
    type: int = MessageType.DEFAULT
    timestamp: dt.datetime = dataclasses.field(default_factory=utcnow)
    edited_at: dt.datetime | None = None
    reference: dict[str, Any] | None = None
    allowed_mentions: dict[str, Any] | None = None
    mention_user_ids: list[int] = dataclasses.field(default_factory=list)
    mention_role_ids: list[int] = dataclasses.field(default_factory=list)
    mention_everyone: bool = False
    embeds: list[dict[str, Any]] = dataclasses.field(default_factory=list)
    components: list[dict[str, Any]] = dataclasses.field(default_factory=list)
    flags: int = 0
    tts: bool = False
    nonce: int | str | None = None
    reactions: dict[str, ReactionState] = dataclasses.field(default_factory=dict)
    thread_id: int | None = None
    interaction: dict[str, Any] | None = None
    application_id: int | None = None
    webhook_id: int | None = None
    deleted: bool = False
    position: int | None = None

    @property
    def reply_to(self) -> int | None:
        """Id of the message this one replies to, if any."""
        if self.reference is None:
            return None
        return int(self.reference["message_id"])


@dataclasses.dataclass
class Guild:
    id: int
    name: str
    owner_id: int
    roles: dict[int, Role] = dataclasses.field(default_factory=dict)
    members: dict[int, Member] = dataclasses.field(default_factory=dict)
    channel_ids: list[int] = dataclasses.field(default_factory=list)
    preferred_locale: str = "en-US"
    created_at: dt.datetime = dataclasses.field(default_factory=utcnow)


@dataclasses.dataclass
class Application:
    id: int
    name: str
    owner_id: int
    privileged_intents: dict[str, bool]
    global_commands: list[dict[str, Any]] = dataclasses.field(default_factory=list)
    guild_commands: dict[int, list[dict[str, Any]]] = dataclasses.field(default_factory=dict)


class World:
    """All platform state the stand-in serves; ids come from one snowflake factory."""

    def __init__(self, bot_name: str = "samovar", token: str | None = None) -> None:
        self.ids = SnowflakeFactory()
        self.users: dict[int, User] = {}
        self.guilds: dict[int, Guild] = {}
        self.channels: dict[int, Channel] = {}
        self.messages: dict[int, Message] = {}
        self.dm_channel_by_user: dict[int, int] = {}
        self.bot = self.add_user(bot_name, bot=True)
        self.application = Application(
            id=self.bot.id,
            name=bot_name,
            owner_id=self.bot.id,
            privileged_intents={"members": True, "presences": True, "message_content": True},
        )
        self.token = token or f"{self.bot.id}.stand-in.{self.ids.next():x}"

    # -- building ---------------------------------------------------------
    def add_user(self, username: str, *, bot: bool = False, global_name: str | None = None) -> User:
        user = User(id=self.ids.next(), username=username, global_name=global_name, bot=bot)
        self.users[user.id] = user
        return user

    def add_guild(self, name: str, owner: User) -> Guild:
        guild = Guild(id=self.ids.next(), name=name, owner_id=owner.id)
        guild.roles[guild.id] = Role(id=guild.id, name="@everyone", permissions=EVERYONE_DEFAULT)
        self.guilds[guild.id] = guild
        guild.members[owner.id] = Member(user_id=owner.id)
        return guild

    def add_role(self, guild: Guild, name: str, permissions: int, **fields: Any) -> Role:
        position = fields.pop("position", max(r.position for r in guild.roles.values()) + 1)
        role = Role(id=self.ids.next(), name=name, permissions=permissions, position=position, **fields)
        guild.roles[role.id] = role
        return role

    def add_member(self, guild: Guild, user: User, roles: list[Role] | None = None) -> Member:
        member = Member(user_id=user.id, roles=[r.id for r in roles or []])
        guild.members[user.id] = member
        return member

    def add_channel(self, guild: Guild, name: str, *, type: int = ChannelType.GUILD_TEXT,
                    parent: Channel | None = None, topic: str | None = None) -> Channel:
        channel = Channel(
            id=self.ids.next(), type=type, name=name, guild_id=guild.id,
            parent_id=parent.id if parent else None, position=len(guild.channel_ids), topic=topic,
        )
        self.channels[channel.id] = channel
        guild.channel_ids.append(channel.id)
        return channel

    def dm_channel(self, user: User) -> Channel:
        """The DM channel between the bot and ``user``, created on first use."""
        channel_id = self.dm_channel_by_user.get(user.id)
        if channel_id is None:
            channel = Channel(id=self.ids.next(), type=ChannelType.DM, recipient_ids=[user.id])
            self.channels[channel.id] = channel
            self.dm_channel_by_user[user.id] = channel.id
            return channel
        return self.channels[channel_id]

    # -- lookups ----------------------------------------------------------
    def guild_of(self, channel: Channel) -> Guild | None:
        return self.guilds.get(channel.guild_id) if channel.guild_id else None

    def parent_of(self, channel: Channel) -> Channel | None:
        return self.channels.get(channel.parent_id) if channel.is_thread and channel.parent_id else None

    def threads_of(self, guild: Guild) -> list[Channel]:
        return [c for c in self.channels.values() if c.guild_id == guild.id and c.is_thread]

    def channel_messages(self, channel_id: int) -> list[Message]:
        """Live messages of a channel, oldest first."""
        return [m for m in self.messages.values() if m.channel_id == channel_id and not m.deleted]

    def find_user(self, name_or_id: str | int) -> User:
        if isinstance(name_or_id, int):
            return self.users[name_or_id]
        for user in self.users.values():
            if user.username == name_or_id:
                return user
        raise KeyError(f"no user named {name_or_id!r}")

    def find_channel(self, name_or_id: str | int, guild: Guild | None = None) -> Channel:
        if isinstance(name_or_id, int):
            return self.channels[name_or_id]
        for channel in self.channels.values():
            if channel.name == name_or_id and (guild is None or channel.guild_id == guild.id):
                return channel
        raise KeyError(f"no channel named {name_or_id!r}")

    def find_role(self, guild: Guild, name_or_id: str | int) -> Role:
        if isinstance(name_or_id, int):
            return guild.roles[name_or_id]
        for role in guild.roles.values():
            if role.name == name_or_id:
                return role
        raise KeyError(f"no role named {name_or_id!r}")
