"""Routes for login and lookups: gateway, current user, application, users, DMs, guilds."""
from __future__ import annotations

from aiohttp import web

from .errors import ApiError, cannot_dm, invalid_form, missing_access, unknown
from .model import ChannelType
from .payloads import (
    application_payload,
    channel_payload,
    current_user_payload,
    guild_payload,
    role_payload,
    user_payload,
)
from .rest import Handler, body, bot_permissions, get_channel, json_response, require, services, snowflake


async def get_gateway(request: web.Request) -> web.Response:
    return json_response({"url": services(request).gateway_url()})


async def get_gateway_bot(request: web.Request) -> web.Response:
    return json_response({
        "url": services(request).gateway_url(),
        "shards": 1,
        "session_start_limit": {"total": 1000, "remaining": 999, "reset_after": 14_400_000, "max_concurrency": 1},
    })


async def get_current_user(request: web.Request) -> web.Response:
    return json_response(current_user_payload(services(request).world.bot))


async def get_application(request: web.Request) -> web.Response:
    return json_response(application_payload(services(request).world))


async def get_user(request: web.Request) -> web.Response:
    user = services(request).world.users.get(snowflake(request, "user_id"))
    if user is None:
        raise unknown("User")
    return json_response(user_payload(user))


async def create_dm(request: web.Request) -> web.Response:
    svc = services(request)
    data = body(request) or {}
    if "recipient_id" not in data:
        raise invalid_form("recipient_id", "BASE_TYPE_REQUIRED", "This field is required")
    user = svc.world.users.get(int(data["recipient_id"]))
    if user is None:
        raise unknown("User")
    if user.bot:
        raise cannot_dm()
    return json_response(channel_payload(svc.world, svc.world.dm_channel(user)))


async def get_channel_route(request: web.Request) -> web.Response:
    svc = services(request)
    channel = get_channel(svc, snowflake(request, "channel_id"))
    require(svc, channel)
    return json_response(channel_payload(svc.world, channel))


async def get_guild(request: web.Request) -> web.Response:
    svc = services(request)
    guild = svc.world.guilds.get(snowflake(request, "guild_id"))
    if guild is None or svc.world.bot.id not in guild.members:
        raise missing_access() if guild else unknown("Guild")
    data = guild_payload(svc.world, guild)
    if request.query.get("with_counts") in ("true", "1", "True"):
        data.update(approximate_member_count=len(guild.members), approximate_presence_count=0)
    return json_response(data)


async def get_guild_channels(request: web.Request) -> web.Response:
    svc = services(request)
    guild = svc.world.guilds.get(snowflake(request, "guild_id"))
    if guild is None:
        raise unknown("Guild")
    visible = []
    for channel_id in guild.channel_ids:
        channel = svc.world.channels[channel_id]
        if bot_permissions(svc, channel):
            visible.append(channel_payload(svc.world, channel))
    return json_response(visible)


async def get_guild_roles(request: web.Request) -> web.Response:
    svc = services(request)
    guild = svc.world.guilds.get(snowflake(request, "guild_id"))
    if guild is None:
        raise unknown("Guild")
    return json_response([role_payload(r) for r in sorted(guild.roles.values(), key=lambda r: r.position)])


async def leave_or_close_channel(request: web.Request) -> web.Response:
    svc = services(request)
    channel = get_channel(svc, snowflake(request, "channel_id"))
    if channel.type != ChannelType.DM:
        raise ApiError(403, 50013, "Missing Permissions")
    require(svc, channel)
    return json_response(channel_payload(svc.world, channel))


ROUTES: list[tuple[str, str, Handler, bool]] = [
    ("GET", "/gateway", get_gateway, True),
    ("GET", "/gateway/bot", get_gateway_bot, False),
    ("GET", "/users/@me", get_current_user, False),
    ("GET", "/oauth2/applications/@me", get_application, False),
    ("GET", "/applications/@me", get_application, False),
    ("GET", r"/users/{user_id:\d+}", get_user, False),
    ("POST", "/users/@me/channels", create_dm, False),
    ("GET", r"/channels/{channel_id:\d+}", get_channel_route, False),
    ("DELETE", r"/channels/{channel_id:\d+}", leave_or_close_channel, False),
    ("GET", r"/guilds/{guild_id:\d+}", get_guild, False),
    ("GET", r"/guilds/{guild_id:\d+}/channels", get_guild_channels, False),
    ("GET", r"/guilds/{guild_id:\d+}/roles", get_guild_roles, False),
]
