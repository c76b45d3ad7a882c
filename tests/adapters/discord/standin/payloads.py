"""Discord JSON shapes (API v10) built from the stand-in's world."""
from __future__ import annotations

from typing import Any

from .model import Channel, ChannelType, Guild, Member, Message, Role, User, World
from .snowflakes import iso


def user_payload(user: User) -> dict[str, Any]:
    data: dict[str, Any] = {
        "id": str(user.id),
        "username": user.username,
        "discriminator": "0",
        "global_name": user.global_name,
        "avatar": None,
        "avatar_decoration_data": None,
        "banner": None,
        "accent_color": None,
        "public_flags": 0,
        "flags": 0,
    }
    if user.bot:
        data["bot"] = True
    return data


def current_user_payload(user: User) -> dict[str, Any]:
    """``GET /users/@me`` for a bot token."""
    return {
        **user_payload(user),
        "mfa_enabled": False,
        "locale": user.locale,
        "verified": True,
        "email": None,
        "premium_type": 0,
    }


def role_payload(role: Role) -> dict[str, Any]:
    data: dict[str, Any] = {
        "id": str(role.id),
        "name": role.name,
        "color": role.color,
        "colors": {"primary_color": role.color, "secondary_color": None, "tertiary_color": None},
        "hoist": role.hoist,
        "icon": None,
        "unicode_emoji": None,
        "position": role.position,
        "permissions": str(role.permissions),
        "managed": role.managed,
        "mentionable": role.mentionable,
        "flags": 0,
    }
    if role.tags is not None:
        data["tags"] = role.tags
    return data


def member_payload(world: World, member: Member, *, with_user: bool = True) -> dict[str, Any]:
    data: dict[str, Any] = {
        "nick": member.nick,
        "avatar": None,
        "banner": None,
        "roles": [str(r) for r in member.roles],
        "joined_at": iso(member.joined_at),
        "premium_since": None,
        "deaf": False,
        "mute": False,
        "flags": 0,
        "pending": False,
        "communication_disabled_until": iso(member.communication_disabled_until),
    }
    if with_user:
        data["user"] = user_payload(world.users[member.user_id])
    return data


def channel_payload(world: World, channel: Channel) -> dict[str, Any]:
    if channel.type == ChannelType.DM:
        return {
            "id": str(channel.id),
            "type": channel.type,
            "last_message_id": _opt_str(channel.last_message_id),
            "flags": 0,
            "recipients": [user_payload(world.users[u]) for u in channel.recipient_ids],
        }
    if channel.is_thread:
        return thread_payload(channel)
    data: dict[str, Any] = {
        "id": str(channel.id),
        "type": channel.type,
        "guild_id": str(channel.guild_id),
        "name": channel.name,
        "position": channel.position,
        "permission_overwrites": [
            {"id": str(o.id), "type": o.type, "allow": str(o.allow), "deny": str(o.deny)}
            for o in channel.overwrites.values()
        ],
        "nsfw": False,
        "parent_id": _opt_str(channel.parent_id),
        "flags": 0,
    }
    if channel.type == ChannelType.GUILD_TEXT:
        data.update(topic=channel.topic, last_message_id=_opt_str(channel.last_message_id), rate_limit_per_user=0)
    return data


def thread_payload(thread: Channel) -> dict[str, Any]:
    return {
        "id": str(thread.id),
        "type": thread.type,
        "guild_id": str(thread.guild_id),
        "parent_id": str(thread.parent_id),
        "owner_id": str(thread.owner_id),
        "name": thread.name,
        "last_message_id": _opt_str(thread.last_message_id),
        "message_count": thread.message_count,
        "member_count": 1,
        "rate_limit_per_user": 0,
        "flags": 0,
        "total_message_sent": thread.message_count,
        "thread_metadata": {
            "archived": thread.archived,
            "auto_archive_duration": thread.auto_archive_duration,
            "archive_timestamp": iso(thread.created_at),
            "locked": False,
            "create_timestamp": iso(thread.created_at),
        },
    }


def reactions_payload(message: Message, viewer_id: int) -> list[dict[str, Any]]:
    out = []
    for state in message.reactions.values():
        count = len(state.normal) + len(state.burst)
        if count == 0:
            continue
        out.append({
            "count": count,
            "count_details": {"burst": len(state.burst), "normal": len(state.normal)},
            "me": viewer_id in state.normal,
            "me_burst": viewer_id in state.burst,
            "emoji": state.emoji,
            "burst_colors": [],
        })
    return out


def message_payload(world: World, message: Message, *, gateway: bool = False,
                    nested: bool = False) -> dict[str, Any]:
    """A message object; ``gateway`` adds the ``guild_id``/``member`` fields of MESSAGE_CREATE."""
    guild = world.guilds.get(message.guild_id) if message.guild_id else None
    data: dict[str, Any] = {
        "id": str(message.id),
        "channel_id": str(message.channel_id),
        "author": user_payload(world.users[message.author_id]),
        "content": message.content,
        "timestamp": iso(message.timestamp),
        "edited_timestamp": iso(message.edited_at),
        "tts": message.tts,
        "mention_everyone": message.mention_everyone,
        "mentions": [_mention_payload(world, guild, uid, gateway) for uid in message.mention_user_ids],
        "mention_roles": [str(r) for r in message.mention_role_ids],
        "attachments": [],
        "embeds": message.embeds,
        "pinned": False,
        "type": message.type,
        "flags": message.flags,
        "components": message.components,
    }
    reactions = reactions_payload(message, world.bot.id)
    if reactions:
        data["reactions"] = reactions
    if message.nonce is not None:
        data["nonce"] = message.nonce
    if message.webhook_id is not None:
        data["webhook_id"] = str(message.webhook_id)
    if message.application_id is not None:
        data["application_id"] = str(message.application_id)
    if message.position is not None:
        data["position"] = message.position
    if message.interaction is not None:
        data["interaction_metadata"] = message.interaction["metadata"]
        data["interaction"] = message.interaction["legacy"]
    if message.reference is not None:
        data["message_reference"] = message.reference
        if message.type == 19 and not nested:
            target = world.messages.get(message.reply_to or 0)
            data["referenced_message"] = (
                message_payload(world, target, nested=True) if target and not target.deleted else None
            )
    if message.thread_id is not None and message.thread_id in world.channels:
        data["thread"] = thread_payload(world.channels[message.thread_id])
    if gateway and guild is not None:
        data["guild_id"] = str(guild.id)
        member = guild.members.get(message.author_id)
        if member is not None and message.webhook_id is None:
            data["member"] = member_payload(world, member, with_user=False)
    return data


def _mention_payload(world: World, guild: Guild | None, user_id: int, gateway: bool) -> dict[str, Any]:
    data = user_payload(world.users[user_id])
    if gateway and guild is not None and user_id in guild.members:
        data["member"] = member_payload(world, guild.members[user_id], with_user=False)
    return data


def guild_payload(world: World, guild: Guild) -> dict[str, Any]:
    return {
        "id": str(guild.id),
        "name": guild.name,
        "icon": None,
        "icon_hash": None,
        "splash": None,
        "discovery_splash": None,
        "owner_id": str(guild.owner_id),
        "afk_channel_id": None,
        "afk_timeout": 300,
        "widget_enabled": False,
        "verification_level": 0,
        "default_message_notifications": 1,
        "explicit_content_filter": 0,
        "roles": [role_payload(r) for r in sorted(guild.roles.values(), key=lambda r: r.position)],
        "emojis": [],
        "stickers": [],
        "features": [],
        "mfa_level": 0,
        "application_id": None,
        "system_channel_id": None,
        "system_channel_flags": 0,
        "rules_channel_id": None,
        "max_presences": None,
        "max_members": 25000000,
        "vanity_url_code": None,
        "description": None,
        "banner": None,
        "premium_tier": 0,
        "premium_subscription_count": 0,
        "preferred_locale": guild.preferred_locale,
        "public_updates_channel_id": None,
        "nsfw_level": 0,
        "premium_progress_bar_enabled": False,
        "safety_alerts_channel_id": None,
        "incidents_data": None,
    }


def guild_create_payload(world: World, guild: Guild, *, full_member_list: bool,
                         large_threshold: int) -> dict[str, Any]:
    """GUILD_CREATE: the guild plus channels, threads and (some) members.

    Without presences, Discord lists only the bot itself; the client asks
    for the rest with op 8 (request guild members).
    """
    members = list(guild.members.values())
    large = len(members) >= large_threshold
    listed = members if full_member_list and not large else [guild.members[world.bot.id]]
    channels = [world.channels[c] for c in guild.channel_ids]
    return {
        **guild_payload(world, guild),
        "joined_at": iso(guild.members[world.bot.id].joined_at),
        "large": large,
        "unavailable": False,
        "member_count": len(members),
        "voice_states": [],
        "members": [member_payload(world, m) for m in listed],
        "channels": [channel_payload(world, c) for c in channels],
        "threads": [thread_payload(t) for t in world.threads_of(guild) if not t.archived],
        "presences": [],
        "stage_instances": [],
        "guild_scheduled_events": [],
        "soundboard_sounds": [],
        "lazy": True,
    }


def application_payload(world: World) -> dict[str, Any]:
    """``GET /oauth2/applications/@me``."""
    app = world.application
    flags = 0
    limited = {"presences": 1 << 13, "members": 1 << 15, "message_content": 1 << 19}
    for name, bit in limited.items():
        if app.privileged_intents.get(name):
            flags |= bit
    return {
        "id": str(app.id),
        "name": app.name,
        "icon": None,
        "description": "",
        "summary": "",
        "type": None,
        "bot_public": True,
        "bot_require_code_grant": False,
        "bot": user_payload(world.bot),
        "owner": user_payload(world.users[app.owner_id]),
        "team": None,
        "verify_key": "0" * 64,
        "flags": flags,
        "hook": True,
        "is_monetized": False,
        "redirect_uris": [],
        "interactions_endpoint_url": None,
        "role_connections_verification_url": None,
        "tags": [],
        "approximate_guild_count": len(world.guilds),
        "integration_types_config": {"0": {}},
    }


def _opt_str(value: int | None) -> str | None:
    return None if value is None else str(value)
