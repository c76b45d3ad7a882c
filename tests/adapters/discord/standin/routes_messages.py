"""Message routes: send (with replies and allowed_mentions), get, history, edit, delete, typing, threads."""
from __future__ import annotations

from typing import Any

from aiohttp import web

from .errors import ApiError, cannot_dm, invalid_form, missing_permissions
from .intents import hide_content
from .model import Channel, ChannelType, Message
from .payloads import channel_payload, message_payload
from .permissions import Perm
from .rest import (
    Handler,
    Services,
    body,
    get_channel,
    get_message,
    json_response,
    no_content,
    require,
    services,
    snowflake,
)

CREATE_FLAGS = 4 | 4096 | 32768  # SUPPRESS_EMBEDS, SUPPRESS_NOTIFICATIONS, IS_COMPONENTS_V2


def _readable(svc: Services, message: Message) -> dict[str, Any]:
    """A fetched message; content is hidden when the app lacks message content access."""
    data = message_payload(svc.world, message)
    if not svc.world.application.privileged_intents.get("message_content"):
        data = hide_content(data, svc.world.bot.id, in_dm=message.guild_id is None)
    return data


def _require_send(svc: Services, channel: Channel, data: dict[str, Any]) -> None:
    if channel.type == ChannelType.DM:
        recipient = svc.world.users[channel.recipient_ids[0]]
        shares_guild = any(recipient.id in g.members and svc.world.bot.id in g.members
                           for g in svc.world.guilds.values())
        if not recipient.accepts_dms or not shares_guild:
            raise cannot_dm()
        return
    send = Perm.SEND_MESSAGES_IN_THREADS if channel.is_thread else Perm.SEND_MESSAGES
    needed = [send]
    if data.get("message_reference"):
        needed.append(Perm.READ_MESSAGE_HISTORY)
    require(svc, channel, *needed)


async def create_message(request: web.Request) -> web.Response:
    svc = services(request)
    channel = get_channel(svc, snowflake(request, "channel_id"))
    if channel.type == ChannelType.GUILD_CATEGORY:
        raise ApiError(400, 50008, "Cannot send messages in a non-text channel")
    data = body(request) or {}
    _require_send(svc, channel, data)
    if channel.is_thread and channel.archived:
        raise ApiError(400, 50083, "Thread is archived")
    flags = int(data.get("flags") or 0)
    if flags & ~CREATE_FLAGS:
        raise invalid_form("flags", "MESSAGE_INVALID_FLAGS", "Invalid flags for a new message.")
    message = svc.platform.post_message(
        channel, svc.world.bot,
        content=data.get("content") or "",
        embeds=data.get("embeds"),
        reference=data.get("message_reference"),
        allowed_mentions=data.get("allowed_mentions"),
        nonce=data.get("nonce"),
        flags=flags,
        tts=bool(data.get("tts")),
        components=data.get("components"),
    )
    return json_response(message_payload(svc.world, message))


async def get_message_route(request: web.Request) -> web.Response:
    svc = services(request)
    channel = get_channel(svc, snowflake(request, "channel_id"))
    require(svc, channel, Perm.READ_MESSAGE_HISTORY)
    message = get_message(svc, channel, snowflake(request, "message_id"))
    return json_response(_readable(svc, message))


async def history(request: web.Request) -> web.Response:
    """``GET /channels/{id}/messages``: newest first, with before/after/around and limit 1-100."""
    svc = services(request)
    channel = get_channel(svc, snowflake(request, "channel_id"))
    require(svc, channel, Perm.READ_MESSAGE_HISTORY)
    try:
        limit = int(request.query.get("limit", 50))
    except ValueError:
        raise invalid_form("limit", "NUMBER_TYPE_COERCE", "Value is not int.") from None
    if not 1 <= limit <= 100:
        raise invalid_form("limit", "NUMBER_TYPE_MAX", "int value should be between 1 and 100.")
    messages = svc.world.channel_messages(channel.id)
    messages = [m for m in messages if not m.flags & 64]
    query = request.query
    if "around" in query:
        pivot = int(query["around"])
        older = [m for m in messages if m.id <= pivot][-((limit + 1) // 2):]
        newer = [m for m in messages if m.id > pivot][: limit // 2]
        selected = older + newer
    elif "after" in query:
        selected = [m for m in messages if m.id > int(query["after"])][:limit]
    else:
        if "before" in query:
            messages = [m for m in messages if m.id < int(query["before"])]
        selected = messages[-limit:]
    selected.sort(key=lambda m: m.id, reverse=True)
    return json_response([_readable(svc, m) for m in selected])


async def edit_message(request: web.Request) -> web.Response:
    svc = services(request)
    channel = get_channel(svc, snowflake(request, "channel_id"))
    require(svc, channel)
    message = get_message(svc, channel, snowflake(request, "message_id"))
    if message.author_id != svc.world.bot.id:
        raise ApiError(403, 50005, "Cannot edit a message authored by another user")
    svc.platform.edit_message(message, body(request) or {})
    return json_response(message_payload(svc.world, message))


async def delete_message(request: web.Request) -> web.Response:
    svc = services(request)
    channel = get_channel(svc, snowflake(request, "channel_id"))
    require(svc, channel)
    message = get_message(svc, channel, snowflake(request, "message_id"))
    if message.author_id != svc.world.bot.id:
        if channel.type == ChannelType.DM:
            raise ApiError(403, 50003, "Cannot execute action on a DM channel")
        require(svc, channel, Perm.MANAGE_MESSAGES)
    svc.platform.delete_message(message)
    return no_content()


async def typing(request: web.Request) -> web.Response:
    svc = services(request)
    channel = get_channel(svc, snowflake(request, "channel_id"))
    _require_send(svc, channel, {})
    svc.platform.typing(channel, svc.world.bot)
    return no_content()


async def start_thread(request: web.Request) -> web.Response:
    svc = services(request)
    channel = get_channel(svc, snowflake(request, "channel_id"))
    require(svc, channel, Perm.CREATE_PUBLIC_THREADS, Perm.READ_MESSAGE_HISTORY)
    message = get_message(svc, channel, snowflake(request, "message_id"))
    data = body(request) or {}
    thread = svc.platform.start_thread(message, svc.world.bot, data.get("name") or "",
                                       int(data.get("auto_archive_duration") or 1440))
    return json_response(channel_payload(svc.world, thread), 201)


async def bulk_delete(request: web.Request) -> web.Response:
    svc = services(request)
    channel = get_channel(svc, snowflake(request, "channel_id"))
    require(svc, channel, Perm.MANAGE_MESSAGES)
    ids = (body(request) or {}).get("messages") or []
    if not 2 <= len(ids) <= 100:
        raise invalid_form("messages", "BASE_TYPE_BAD_LENGTH", "Must be between 2 and 100 in length.")
    for message_id in ids:
        message = svc.world.messages.get(int(message_id))
        if message is None or message.channel_id != channel.id:
            raise missing_permissions()
        svc.platform.delete_message(message)
    return no_content()


ROUTES: list[tuple[str, str, Handler, bool]] = [
    ("POST", r"/channels/{channel_id:\d+}/messages", create_message, False),
    ("GET", r"/channels/{channel_id:\d+}/messages", history, False),
    ("POST", r"/channels/{channel_id:\d+}/messages/bulk-delete", bulk_delete, False),
    ("GET", r"/channels/{channel_id:\d+}/messages/{message_id:\d+}", get_message_route, False),
    ("PATCH", r"/channels/{channel_id:\d+}/messages/{message_id:\d+}", edit_message, False),
    ("DELETE", r"/channels/{channel_id:\d+}/messages/{message_id:\d+}", delete_message, False),
    ("POST", r"/channels/{channel_id:\d+}/typing", typing, False),
    ("POST", r"/channels/{channel_id:\d+}/messages/{message_id:\d+}/threads", start_thread, False),
]
