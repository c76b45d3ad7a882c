"""State changes and the gateway events Discord sends for them.

REST handlers and the test-facing injections both go through here, so a
message posted by the bot and one "typed" by a test user produce the same
MESSAGE_CREATE.
"""
from __future__ import annotations

import dataclasses
from typing import Any

from . import mentions as mention_rules
from .errors import ApiError, empty_message, invalid_form, unknown
from .gateway import Gateway
from .model import Channel, ChannelType, Guild, Member, Message, MessageType, ReactionState, Role, User, World
from .payloads import channel_payload, member_payload, message_payload, role_payload, thread_payload, user_payload
from .permissions import Perm, channel_permissions
from .recorder import Recorder
from .snowflakes import utcnow

MAX_CONTENT = 2000
HAS_THREAD = 1 << 5
ARCHIVE_DURATIONS = (60, 1440, 4320, 10080)


@dataclasses.dataclass
class ReactionEvent:
    """One reaction added or removed, by the bot or by a test user."""

    action: str  # "add" | "remove"
    message_id: int
    channel_id: int
    user_id: int
    emoji: str
    burst: bool
    by_bot: bool


class Platform:
    """Applies changes to the world and dispatches the matching gateway events."""

    def __init__(self, world: World, gateway: Gateway, recorder: Recorder) -> None:
        self.world = world
        self.gateway = gateway
        self.recorder = recorder
        self.reaction_log: list[ReactionEvent] = []
        self.typing_log: list[tuple[int, int]] = []  # (channel_id, user_id)

    # -- messages ---------------------------------------------------------------
    def post_message(self, channel: Channel, author: User, *, content: str = "",
                     embeds: list[dict[str, Any]] | None = None, reference: dict[str, Any] | None = None,
                     allowed_mentions: dict[str, Any] | None = None, nonce: int | str | None = None,
                     flags: int = 0, tts: bool = False, components: list[dict[str, Any]] | None = None,
                     message_type: int | None = None, interaction: dict[str, Any] | None = None,
                     webhook_id: int | None = None, dispatch: bool = True) -> Message:
        """Validate, store and (unless ``dispatch`` is false) announce a new message."""
        content = content or ""
        embeds = embeds or []
        components = components or []
        if len(content) > MAX_CONTENT:
            raise invalid_form("content", "BASE_TYPE_MAX_LENGTH", f"Must be {MAX_CONTENT} or fewer in length.")
        if not content and not embeds and not components and not flags & 128:
            raise empty_message()
        mention_rules.validate_allowed_mentions(allowed_mentions)
        guild = self.world.guild_of(channel)
        replied_author = None
        if reference is not None:
            reference, replied_author = self._check_reference(channel, reference)
        if message_type is None:
            message_type = MessageType.REPLY if reference is not None else MessageType.DEFAULT
        can_everyone = guild is not None and author.id in guild.members and bool(
            channel_permissions(guild, guild.members[author.id], channel, self.world.parent_of(channel))
            & Perm.MENTION_EVERYONE)
        found = mention_rules.resolve(self.world, guild, content, allowed_mentions, replied_author, can_everyone)
        message = Message(
            id=self.world.ids.next(), channel_id=channel.id, author_id=author.id, content=content,
            guild_id=guild.id if guild else None, type=message_type, reference=reference,
            allowed_mentions=allowed_mentions, mention_user_ids=found.users, mention_role_ids=found.roles,
            mention_everyone=found.everyone, embeds=embeds, components=components, flags=flags, tts=tts,
            nonce=nonce, interaction=interaction, webhook_id=webhook_id,
            application_id=webhook_id,
        )
        if channel.is_thread:
            message.position = channel.message_count
            channel.message_count += 1
        self.world.messages[message.id] = message
        channel.last_message_id = message.id
        if dispatch:
            self.gateway.dispatch("MESSAGE_CREATE", self.gateway_message(message), guild_id=message.guild_id)
        self.recorder.changed()
        return message

    def _check_reference(self, channel: Channel, reference: dict[str, Any]) -> tuple[dict[str, Any] | None, int | None]:
        target = self.world.messages.get(int(reference.get("message_id") or 0))
        if target is None or target.deleted or target.channel_id != channel.id:
            if reference.get("fail_if_not_exists", True):
                raise invalid_form("message_reference", "MESSAGE_REFERENCE_UNKNOWN_MESSAGE", "Unknown message")
            return None, None
        full = {
            "type": int(reference.get("type", 0)),
            "message_id": str(target.id),
            "channel_id": str(channel.id),
        }
        if target.guild_id is not None:
            full["guild_id"] = str(target.guild_id)
        return full, target.author_id

    def gateway_message(self, message: Message) -> dict[str, Any]:
        return message_payload(self.world, message, gateway=True)

    def edit_message(self, message: Message, changes: dict[str, Any]) -> Message:
        if "content" in changes:
            content = changes["content"] or ""
            if len(content) > MAX_CONTENT:
                raise invalid_form("content", "BASE_TYPE_MAX_LENGTH", f"Must be {MAX_CONTENT} or fewer in length.")
            message.content = content
        if "embeds" in changes:
            message.embeds = changes["embeds"] or []
        if "components" in changes:
            message.components = changes["components"] or []
        if "allowed_mentions" in changes:
            mention_rules.validate_allowed_mentions(changes["allowed_mentions"])
            message.allowed_mentions = changes["allowed_mentions"]
        if "flags" in changes and changes["flags"] is not None:
            message.flags = (message.flags & ~4) | (int(changes["flags"]) & 4)
        if not message.content and not message.embeds and not message.components:
            raise empty_message()
        message.edited_at = utcnow()
        if not message.flags & 64:
            self.gateway.dispatch("MESSAGE_UPDATE", self.gateway_message(message), guild_id=message.guild_id)
        self.recorder.changed()
        return message

    def delete_message(self, message: Message) -> None:
        message.deleted = True
        data: dict[str, Any] = {"id": str(message.id), "channel_id": str(message.channel_id)}
        if message.guild_id is not None:
            data["guild_id"] = str(message.guild_id)
        if not message.flags & 64:
            self.gateway.dispatch("MESSAGE_DELETE", data, guild_id=message.guild_id)
        self.recorder.changed()

    def typing(self, channel: Channel, user: User) -> None:
        self.typing_log.append((channel.id, user.id))
        self.recorder.changed()

    # -- reactions ----------------------------------------------------------------
    def add_reaction(self, message: Message, user: User, emoji: dict[str, Any], *, burst: bool = False) -> bool:
        """Add a reaction; False if the user already had it (Discord then sends nothing)."""
        key = emoji_key(emoji)
        state = message.reactions.setdefault(key, ReactionState(emoji=emoji))
        bucket = state.burst if burst else state.normal
        if user.id in bucket:
            return False
        bucket.append(user.id)
        data = self._reaction_event(message, user, emoji, burst)
        data["message_author_id"] = str(message.author_id)
        data["burst_colors"] = ["#ffb800"] if burst else []
        guild = self.world.guilds.get(message.guild_id or 0)
        if guild is not None and user.id in guild.members:
            data["member"] = member_payload(self.world, guild.members[user.id])
        self.gateway.dispatch("MESSAGE_REACTION_ADD", data, guild_id=message.guild_id)
        self._log_reaction("add", message, user, key, burst)
        return True

    def remove_reaction(self, message: Message, user: User, emoji: dict[str, Any], *, burst: bool = False) -> bool:
        key = emoji_key(emoji)
        state = message.reactions.get(key)
        if state is None:
            return False
        bucket = state.burst if burst else state.normal
        if user.id not in bucket:
            return False
        bucket.remove(user.id)
        if not state.normal and not state.burst:
            del message.reactions[key]
        self.gateway.dispatch("MESSAGE_REACTION_REMOVE", self._reaction_event(message, user, emoji, burst),
                              guild_id=message.guild_id)
        self._log_reaction("remove", message, user, key, burst)
        return True

    def _reaction_event(self, message: Message, user: User, emoji: dict[str, Any], burst: bool) -> dict[str, Any]:
        data: dict[str, Any] = {
            "user_id": str(user.id),
            "channel_id": str(message.channel_id),
            "message_id": str(message.id),
            "emoji": emoji,
            "burst": burst,
            "type": 1 if burst else 0,
        }
        if message.guild_id is not None:
            data["guild_id"] = str(message.guild_id)
        return data

    def _log_reaction(self, action: str, message: Message, user: User, key: str, burst: bool) -> None:
        self.reaction_log.append(ReactionEvent(action, message.id, message.channel_id, user.id, key, burst,
                                               user.id == self.world.bot.id))
        self.recorder.changed()

    # -- threads --------------------------------------------------------------------
    def start_thread(self, message: Message, creator: User, name: str, auto_archive_duration: int = 1440) -> Channel:
        parent = self.world.channels[message.channel_id]
        if parent.type != ChannelType.GUILD_TEXT:
            raise ApiError(400, 50024, "Cannot execute action on this channel type")
        if message.thread_id is not None:
            raise ApiError(400, 160004, "A thread has already been created for this message")
        if not name or len(name) > 100:
            raise invalid_form("name", "BASE_TYPE_BAD_LENGTH", "Must be between 1 and 100 in length.")
        if auto_archive_duration not in ARCHIVE_DURATIONS:
            raise invalid_form("auto_archive_duration", "BASE_TYPE_CHOICES",
                               f"Value must be one of {ARCHIVE_DURATIONS}.")
        thread = Channel(id=message.id, type=ChannelType.PUBLIC_THREAD, name=name, guild_id=parent.guild_id,
                         parent_id=parent.id, owner_id=creator.id, auto_archive_duration=auto_archive_duration)
        self.world.channels[thread.id] = thread
        message.thread_id = thread.id
        message.flags |= HAS_THREAD
        self.gateway.dispatch("THREAD_CREATE", {**thread_payload(thread), "newly_created": True},
                              guild_id=thread.guild_id)
        self.gateway.dispatch("MESSAGE_UPDATE", self.gateway_message(message), guild_id=message.guild_id)
        self.recorder.changed()
        return thread

    # -- members ----------------------------------------------------------------------
    def member_add(self, guild: Guild, user: User) -> Member:
        if user.id in guild.members:
            raise ValueError(f"{user.username} is already a member of {guild.name}")
        member = Member(user_id=user.id)
        guild.members[user.id] = member
        self.gateway.dispatch("GUILD_MEMBER_ADD", {**member_payload(self.world, member), "guild_id": str(guild.id)},
                              guild_id=guild.id)
        return member

    def member_remove(self, guild: Guild, user: User) -> None:
        if guild.members.pop(user.id, None) is None:
            raise unknown("Member")
        self.gateway.dispatch("GUILD_MEMBER_REMOVE", {"guild_id": str(guild.id), "user": user_payload(user)},
                              guild_id=guild.id)

    def role_updated(self, guild: Guild, role: Role) -> None:
        """A role changed (e.g. its permissions): GUILD_ROLE_UPDATE."""
        self.gateway.dispatch("GUILD_ROLE_UPDATE", {"guild_id": str(guild.id), "role": role_payload(role)},
                              guild_id=guild.id)
        self.recorder.changed()

    def channel_updated(self, channel: Channel) -> None:
        """A channel changed (e.g. its name): CHANNEL_UPDATE."""
        self.gateway.dispatch("CHANNEL_UPDATE", channel_payload(self.world, channel), guild_id=channel.guild_id)
        self.recorder.changed()

    def member_updated(self, guild: Guild, member: Member) -> None:
        self.gateway.dispatch("GUILD_MEMBER_UPDATE", {**member_payload(self.world, member), "guild_id": str(guild.id)},
                              guild_id=guild.id)
        self.recorder.changed()


def emoji_key(emoji: dict[str, Any]) -> str:
    """How a reaction is named in URLs and in the reaction log: ``👍`` or ``name:id``."""
    return emoji["name"] if emoji.get("id") is None else f"{emoji['name']}:{emoji['id']}"
