"""Gateway intents: which events a session receives and when message content is hidden."""
from __future__ import annotations

import enum
from typing import Any


class Intent(enum.IntFlag):
    """Gateway intent bits (Discord's values)."""

    GUILDS = 1 << 0
    GUILD_MEMBERS = 1 << 1
    GUILD_MODERATION = 1 << 2
    GUILD_EXPRESSIONS = 1 << 3
    GUILD_INTEGRATIONS = 1 << 4
    GUILD_WEBHOOKS = 1 << 5
    GUILD_INVITES = 1 << 6
    GUILD_VOICE_STATES = 1 << 7
    GUILD_PRESENCES = 1 << 8
    GUILD_MESSAGES = 1 << 9
    GUILD_MESSAGE_REACTIONS = 1 << 10
    GUILD_MESSAGE_TYPING = 1 << 11
    DIRECT_MESSAGES = 1 << 12
    DIRECT_MESSAGE_REACTIONS = 1 << 13
    DIRECT_MESSAGE_TYPING = 1 << 14
    MESSAGE_CONTENT = 1 << 15
    GUILD_SCHEDULED_EVENTS = 1 << 16
    AUTO_MODERATION_CONFIGURATION = 1 << 20
    AUTO_MODERATION_EXECUTION = 1 << 21
    GUILD_MESSAGE_POLLS = 1 << 24
    DIRECT_MESSAGE_POLLS = 1 << 25


KNOWN_INTENTS = int(sum(Intent))
PRIVILEGED = {
    "members": Intent.GUILD_MEMBERS,
    "presences": Intent.GUILD_PRESENCES,
    "message_content": Intent.MESSAGE_CONTENT,
}

# event name -> (intent for guild events, intent for DM events); None means always sent.
_EVENT_INTENTS: dict[str, tuple[Intent | None, Intent | None]] = {
    "GUILD_CREATE": (Intent.GUILDS, None),
    "THREAD_CREATE": (Intent.GUILDS, None),
    "THREAD_UPDATE": (Intent.GUILDS, None),
    "CHANNEL_CREATE": (Intent.GUILDS, None),
    "CHANNEL_UPDATE": (Intent.GUILDS, None),
    "GUILD_ROLE_UPDATE": (Intent.GUILDS, None),
    "GUILD_MEMBER_ADD": (Intent.GUILD_MEMBERS, None),
    "GUILD_MEMBER_UPDATE": (Intent.GUILD_MEMBERS, None),
    "GUILD_MEMBER_REMOVE": (Intent.GUILD_MEMBERS, None),
    "MESSAGE_CREATE": (Intent.GUILD_MESSAGES, Intent.DIRECT_MESSAGES),
    "MESSAGE_UPDATE": (Intent.GUILD_MESSAGES, Intent.DIRECT_MESSAGES),
    "MESSAGE_DELETE": (Intent.GUILD_MESSAGES, Intent.DIRECT_MESSAGES),
    "MESSAGE_REACTION_ADD": (Intent.GUILD_MESSAGE_REACTIONS, Intent.DIRECT_MESSAGE_REACTIONS),
    "MESSAGE_REACTION_REMOVE": (Intent.GUILD_MESSAGE_REACTIONS, Intent.DIRECT_MESSAGE_REACTIONS),
    "TYPING_START": (Intent.GUILD_MESSAGE_TYPING, Intent.DIRECT_MESSAGE_TYPING),
}

CONTENT_EVENTS = {"MESSAGE_CREATE", "MESSAGE_UPDATE"}


def receives(intents: int, event: str, in_guild: bool) -> bool:
    """Whether a session identified with ``intents`` is sent ``event``."""
    try:
        guild_intent, dm_intent = _EVENT_INTENTS[event]
    except KeyError:
        return True  # READY, RESUMED, INTERACTION_CREATE, GUILD_MEMBERS_CHUNK ...
    needed = guild_intent if in_guild else dm_intent
    return needed is None or bool(intents & needed)


def hide_content(message: dict[str, Any], bot_id: int, *, in_dm: bool) -> dict[str, Any]:
    """Message payload as an app without message content access sees it.

    Discord keeps content for DMs, the app's own messages and messages that
    mention the app; everything else loses content, embeds, attachments,
    components and polls.
    """
    own = int(message["author"]["id"]) == bot_id
    mentioned = any(int(user["id"]) == bot_id for user in message.get("mentions", []))
    if in_dm or own or mentioned:
        return message
    stripped = dict(message)
    stripped.update(content="", embeds=[], attachments=[], components=[])
    stripped.pop("poll", None)
    if stripped.get("referenced_message"):
        stripped["referenced_message"] = hide_content(stripped["referenced_message"], bot_id, in_dm=in_dm)
    return stripped
