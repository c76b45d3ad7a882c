"""Interaction response routes: callback, follow-ups, original response (no bot token needed)."""
from __future__ import annotations

from aiohttp import web

from .payloads import message_payload
from .rest import Handler, body, json_response, no_content, services, snowflake


def _truthy(value: str | None) -> bool:
    return (value or "").lower() in ("1", "true")


async def callback(request: web.Request) -> web.Response:
    svc = services(request)
    interaction = svc.desk.get(snowflake(request, "webhook_id"), request.match_info["webhook_token"])
    kind, message = svc.desk.callback(interaction, body(request) or {})
    if not _truthy(request.query.get("with_response")):
        return no_content()
    data = {
        "interaction": {
            "id": str(interaction.id),
            "type": 2,
            "response_message_id": str(message.id) if message else None,
            "response_message_loading": kind == 5,
            "response_message_ephemeral": interaction.ephemeral,
        },
    }
    if message is not None:
        data["resource"] = {"type": kind, "message": message_payload(svc.world, message)}
    elif kind == 9:
        data["resource"] = {"type": kind}
    return json_response(data)


async def followup(request: web.Request) -> web.Response:
    svc = services(request)
    interaction = svc.desk.by_token(snowflake(request, "webhook_id"), request.match_info["webhook_token"])
    message = svc.desk.followup(interaction, body(request) or {})
    if not _truthy(request.query.get("wait")):
        return no_content()
    return json_response(message_payload(svc.world, message))


async def get_message(request: web.Request) -> web.Response:
    svc = services(request)
    interaction = svc.desk.by_token(snowflake(request, "webhook_id"), request.match_info["webhook_token"])
    return json_response(message_payload(svc.world, svc.desk.message(interaction, request.match_info["message"])))


async def edit_message(request: web.Request) -> web.Response:
    svc = services(request)
    interaction = svc.desk.by_token(snowflake(request, "webhook_id"), request.match_info["webhook_token"])
    message = svc.desk.edit(interaction, request.match_info["message"], body(request) or {})
    return json_response(message_payload(svc.world, message))


async def delete_message(request: web.Request) -> web.Response:
    svc = services(request)
    interaction = svc.desk.by_token(snowflake(request, "webhook_id"), request.match_info["webhook_token"])
    svc.desk.delete(interaction, request.match_info["message"])
    return no_content()


_HOOK = r"/webhooks/{webhook_id:\d+}/{webhook_token:[^/]+}"
_MESSAGE = _HOOK + r"/messages/{message:@original|\d+}"
ROUTES: list[tuple[str, str, Handler, bool]] = [
    ("POST", r"/interactions/{webhook_id:\d+}/{webhook_token:[^/]+}/callback", callback, True),
    ("POST", _HOOK, followup, True),
    ("GET", _MESSAGE, get_message, True),
    ("PATCH", _MESSAGE, edit_message, True),
    ("DELETE", _MESSAGE, delete_message, True),
]
