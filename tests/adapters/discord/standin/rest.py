"""REST plumbing: the aiohttp app, the request pipeline and small helpers for handlers.

Pipeline per request: match a known route (else record it as unknown and
answer 404), check the bot token (interaction/webhook-token routes need
none), apply rate limits and injected 429s, run the handler, and answer
JSON with ``Content-Type: application/json`` exactly (discord.py ignores
the body otherwise).
"""
from __future__ import annotations

import dataclasses
import json
import traceback
from collections.abc import Awaitable, Callable
from typing import Any

from aiohttp import web

from .errors import ApiError, missing_access, missing_permissions, unknown
from .gateway import Gateway
from .model import Channel, ChannelType, Message, World
from .permissions import Perm, channel_permissions
from .platform import Platform
from .ratelimits import RateLimiter
from .recorder import Recorder, RequestRecord

API_PREFIX = "/api/v10"
Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]


@dataclasses.dataclass
class Services:
    """Everything a route handler may touch."""

    world: World
    platform: Platform
    gateway: Gateway
    recorder: Recorder
    ratelimits: RateLimiter
    desk: Any  # InteractionDesk; typed loosely to avoid an import cycle
    gateway_url: Callable[[], str]


SERVICES = web.AppKey("services", Services)
JSON_BODY: Any = web.RequestKey("json", object) if hasattr(web, "RequestKey") else "json"
PUBLIC_ROUTE = "public_route"


def services(request: web.Request) -> Services:
    return request.app[SERVICES]


def json_response(data: Any, status: int = 200) -> web.Response:
    return web.Response(status=status, body=json.dumps(data).encode(),
                        headers={"Content-Type": "application/json"})


def no_content() -> web.Response:
    return web.Response(status=204)


def body(request: web.Request) -> Any:
    """The request's JSON body (already parsed by the pipeline), or None."""
    return request.get(JSON_BODY)


def snowflake(request: web.Request, name: str) -> int:
    return int(request.match_info[name])


# -- lookups with Discord's errors ---------------------------------------------------
def get_channel(svc: Services, channel_id: int) -> Channel:
    channel = svc.world.channels.get(channel_id)
    if channel is None:
        raise unknown("Channel")
    return channel


def get_message(svc: Services, channel: Channel, message_id: int) -> Message:
    message = svc.world.messages.get(message_id)
    if message is None or message.deleted or message.channel_id != channel.id:
        raise unknown("Message")
    return message


def bot_permissions(svc: Services, channel: Channel) -> int:
    """The bot's permissions in a guild channel (everything in its DMs)."""
    guild = svc.world.guild_of(channel)
    if guild is None:
        return -1
    member = guild.members.get(svc.world.bot.id)
    if member is None:
        return 0
    return channel_permissions(guild, member, channel, svc.world.parent_of(channel))


def require(svc: Services, channel: Channel, *perms: Perm) -> None:
    """403 Missing Access without VIEW_CHANNEL, 403 Missing Permissions without ``perms``."""
    if channel.type == ChannelType.DM:
        return  # every DM channel in the stand-in is one of the bot's own
    value = bot_permissions(svc, channel)
    if not value & Perm.VIEW_CHANNEL:
        raise missing_access()
    for perm in perms:
        if not value & perm:
            raise missing_permissions()


# -- the app -----------------------------------------------------------------------------
def build_app(svc: Services, routes: list[tuple[str, str, Handler, bool]],
              gateway_paths: tuple[str, ...]) -> web.Application:
    """``routes``: (method, template under /api/v10, handler, public)."""
    app = web.Application(middlewares=[_pipeline], client_max_size=64 * 1024 * 1024)
    app[SERVICES] = svc
    for path in gateway_paths:
        app.router.add_get(path, svc.gateway.handle)
    for method, template, handler, public in routes:
        resource = app.router.add_resource(API_PREFIX + template)
        route = resource.add_route(method, handler)
        if public:
            setattr(route, PUBLIC_ROUTE, True)
    app.router.add_route("*", "/{tail:.*}", _unknown_route)
    return app


async def _unknown_route(request: web.Request) -> web.Response:
    """Catch-all so unknown paths reach the pipeline, which records and answers them itself."""
    return json_response({"message": "404: Not Found", "code": 0}, 404)


@web.middleware
async def _pipeline(request: web.Request, handler: Handler) -> web.StreamResponse:
    svc = services(request)
    if request.match_info.route.handler == svc.gateway.handle:
        return await handler(request)
    path = request.path[len(API_PREFIX):] if request.path.startswith(API_PREFIX) else request.path
    route = request.match_info.route
    resource = route.resource
    template = None
    if resource is not None and resource.canonical.startswith(API_PREFIX):
        template = resource.canonical[len(API_PREFIX):]

    parsed: Any = None
    if request.can_read_body:
        raw = await request.read()
        ctype = request.headers.get("Content-Type", "")
        if ctype.startswith("multipart/"):
            svc.recorder.protocol_error(f"{request.method} {path}: file uploads are not supported by the stand-in")
            return _finish(svc, request, path, template, None, json_response(
                {"message": "stand-in: file uploads are not supported", "code": 0}, 400), {})
        if raw:
            try:
                parsed = json.loads(raw)
            except ValueError:
                return _finish(svc, request, path, template, None, json_response(
                    {"message": "The request body contains invalid JSON.", "code": 50109}, 400), {})
    request[JSON_BODY] = parsed

    if template is None:
        svc.recorder.unknown_routes.append(f"{request.method} {path}")
        not_found = json_response({"message": "404: Not Found", "code": 0}, 404)
        return _finish(svc, request, path, None, parsed, not_found, {})

    public = getattr(route, PUBLIC_ROUTE, False)
    if not public and request.headers.get("Authorization") != f"Bot {svc.world.token}":
        return _finish(svc, request, path, template, parsed,
                       json_response({"message": "401: Unauthorized", "code": 0}, 401), {})

    verdict = svc.ratelimits.check(request.method, path, template, dict(request.match_info),
                                   counts_globally=not public)
    if verdict.refused is not None:
        return _finish(svc, request, path, template, parsed, json_response(verdict.refused, 429), verdict.headers)
    try:
        response = await handler(request)
    except ApiError as exc:
        response = json_response(exc.body(), exc.status)
    except Exception as exc:  # a stand-in bug must fail the test, quickly
        svc.recorder.protocol_error(f"{request.method} {path}: stand-in error {exc!r}\n{traceback.format_exc()}")
        response = json_response({"message": f"stand-in error: {exc!r}", "code": 0}, 400)
    return _finish(svc, request, path, template, parsed, response, verdict.headers)


def _finish(svc: Services, request: web.Request, path: str, template: str | None, parsed: Any,
            response: web.StreamResponse, headers: dict[str, str]) -> web.StreamResponse:
    response.headers.update(headers)
    response.headers["Via"] = "1.1 google"
    svc.recorder.requests.append(RequestRecord(request.method, path, response.status, template, parsed))
    svc.recorder.changed()
    return response
