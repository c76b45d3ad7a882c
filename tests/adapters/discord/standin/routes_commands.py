"""Application command routes (global and guild, list and bulk overwrite)."""
from __future__ import annotations

from aiohttp import web

from . import commands
from .errors import ApiError, missing_access, unknown
from .rest import Handler, Services, body, json_response, services, snowflake


def _check_app(svc: Services, request: web.Request) -> None:
    if snowflake(request, "application_id") != svc.world.application.id:
        raise ApiError(403, 20012, "You are not authorized to perform this action on this application")


def _check_guild(svc: Services, request: web.Request) -> int:
    guild_id = snowflake(request, "guild_id")
    guild = svc.world.guilds.get(guild_id)
    if guild is None:
        raise unknown("Guild")
    if svc.world.bot.id not in guild.members:
        raise missing_access()
    return guild_id


async def get_global(request: web.Request) -> web.Response:
    svc = services(request)
    _check_app(svc, request)
    return json_response(svc.world.application.global_commands)


async def put_global(request: web.Request) -> web.Response:
    svc = services(request)
    _check_app(svc, request)
    stored = commands.overwrite(svc.world, None, body(request))
    svc.recorder.changed()
    return json_response(stored)


async def get_guild(request: web.Request) -> web.Response:
    svc = services(request)
    _check_app(svc, request)
    guild_id = _check_guild(svc, request)
    return json_response(svc.world.application.guild_commands.get(guild_id, []))


async def put_guild(request: web.Request) -> web.Response:
    svc = services(request)
    _check_app(svc, request)
    guild_id = _check_guild(svc, request)
    stored = commands.overwrite(svc.world, guild_id, body(request))
    svc.recorder.changed()
    return json_response(stored)


_APP = r"/applications/{application_id:\d+}"
ROUTES: list[tuple[str, str, Handler, bool]] = [
    ("GET", _APP + "/commands", get_global, False),
    ("PUT", _APP + "/commands", put_global, False),
    ("GET", _APP + r"/guilds/{guild_id:\d+}/commands", get_guild, False),
    ("PUT", _APP + r"/guilds/{guild_id:\d+}/commands", put_guild, False),
]
