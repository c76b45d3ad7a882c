"""Reaction routes: add/remove the bot's own, remove someone else's, list who reacted."""
from __future__ import annotations

from typing import Any

from aiohttp import web

from .errors import ApiError, invalid_form, unknown
from .model import ChannelType
from .payloads import user_payload
from .permissions import Perm
from .platform import emoji_key
from .rest import Handler, get_channel, get_message, json_response, no_content, require, services, snowflake

MAX_REACTION_KINDS = 20


def parse_emoji(text: str) -> dict[str, Any]:
    """URL emoji (``👍`` or ``name:id``) as the gateway's emoji object.

    The stand-in's guilds have no custom emojis, so ``name:id`` is Unknown Emoji.
    """
    if ":" in text:
        raise unknown("Emoji")
    if not text or text.isascii():
        raise unknown("Emoji")
    return {"id": None, "name": text}


async def add_own_reaction(request: web.Request) -> web.Response:
    svc = services(request)
    channel = get_channel(svc, snowflake(request, "channel_id"))
    require(svc, channel, Perm.READ_MESSAGE_HISTORY)
    message = get_message(svc, channel, snowflake(request, "message_id"))
    emoji = parse_emoji(request.match_info["emoji"])
    if emoji_key(emoji) not in message.reactions:
        if channel.type != ChannelType.DM:
            require(svc, channel, Perm.ADD_REACTIONS)
        if len(message.reactions) >= MAX_REACTION_KINDS:
            raise ApiError(403, 30010, "Maximum number of reactions reached (20)")
    burst = request.query.get("burst") in ("true", "1")
    svc.platform.add_reaction(message, svc.world.bot, emoji, burst=burst)
    return no_content()


async def remove_own_reaction(request: web.Request) -> web.Response:
    svc = services(request)
    channel = get_channel(svc, snowflake(request, "channel_id"))
    require(svc, channel)
    message = get_message(svc, channel, snowflake(request, "message_id"))
    emoji = parse_emoji(request.match_info["emoji"])
    svc.platform.remove_reaction(message, svc.world.bot, emoji, burst=False)
    svc.platform.remove_reaction(message, svc.world.bot, emoji, burst=True)
    return no_content()


async def remove_user_reaction(request: web.Request) -> web.Response:
    svc = services(request)
    channel = get_channel(svc, snowflake(request, "channel_id"))
    if channel.type == ChannelType.DM:
        raise ApiError(403, 50003, "Cannot execute action on a DM channel")
    require(svc, channel, Perm.MANAGE_MESSAGES)
    message = get_message(svc, channel, snowflake(request, "message_id"))
    emoji = parse_emoji(request.match_info["emoji"])
    user = svc.world.users.get(snowflake(request, "user_id"))
    if user is None:
        raise unknown("User")
    svc.platform.remove_reaction(message, user, emoji, burst=False)
    svc.platform.remove_reaction(message, user, emoji, burst=True)
    return no_content()


async def list_reactors(request: web.Request) -> web.Response:
    svc = services(request)
    channel = get_channel(svc, snowflake(request, "channel_id"))
    require(svc, channel, Perm.READ_MESSAGE_HISTORY)
    message = get_message(svc, channel, snowflake(request, "message_id"))
    emoji = parse_emoji(request.match_info["emoji"])
    try:
        limit = int(request.query.get("limit", 25))
        kind = int(request.query.get("type", 0))
    except ValueError:
        raise invalid_form("limit", "NUMBER_TYPE_COERCE", "Value is not int.") from None
    state = message.reactions.get(emoji_key(emoji))
    user_ids = [] if state is None else sorted(state.burst if kind == 1 else state.normal)
    if "after" in request.query:
        user_ids = [u for u in user_ids if u > int(request.query["after"])]
    return json_response([user_payload(svc.world.users[u]) for u in user_ids[:limit]])


_BASE = r"/channels/{channel_id:\d+}/messages/{message_id:\d+}/reactions/{emoji:[^/]+}"
ROUTES: list[tuple[str, str, Handler, bool]] = [
    ("PUT", _BASE + "/@me", add_own_reaction, False),
    ("DELETE", _BASE + "/@me", remove_own_reaction, False),
    ("DELETE", _BASE + r"/{user_id:\d+}", remove_user_reaction, False),
    ("GET", _BASE, list_reactors, False),
]
