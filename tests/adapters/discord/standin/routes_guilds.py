"""Guild member routes: get/list, edit (nick, roles, timeout), role add/remove, kick.

Moderation honours Discord's hierarchy: nobody acts on the owner, and the
bot only acts on members whose highest role is below its own. Administrators
cannot be timed out.
"""
from __future__ import annotations

import datetime as dt

from aiohttp import web

from .errors import ApiError, invalid_form, missing_access, missing_permissions, unknown
from .model import Guild, Member
from .payloads import member_payload
from .permissions import ALL_PERMISSIONS, Perm, base_permissions, top_role_position
from .rest import Handler, Services, body, json_response, no_content, services, snowflake
from .snowflakes import parse_iso, utcnow

MAX_TIMEOUT = dt.timedelta(days=28)


def _guild(svc: Services, request: web.Request) -> Guild:
    guild = svc.world.guilds.get(snowflake(request, "guild_id"))
    if guild is None:
        raise unknown("Guild")
    if svc.world.bot.id not in guild.members:
        raise missing_access()
    return guild


def _member(guild: Guild, request: web.Request, key: str = "user_id") -> Member:
    member = guild.members.get(snowflake(request, key))
    if member is None:
        raise unknown("Member")
    return member


def _require_guild(svc: Services, guild: Guild, perm: Perm) -> int:
    value = base_permissions(guild, guild.members[svc.world.bot.id])
    if not value & perm:
        raise missing_permissions()
    return value


def _require_above(svc: Services, guild: Guild, target: Member) -> None:
    bot = guild.members[svc.world.bot.id]
    if target.user_id == guild.owner_id:
        raise missing_permissions()
    if top_role_position(guild, target) >= top_role_position(guild, bot) and bot.user_id != guild.owner_id:
        raise missing_permissions()


async def get_member(request: web.Request) -> web.Response:
    svc = services(request)
    guild = _guild(svc, request)
    return json_response(member_payload(svc.world, _member(guild, request)))


async def list_members(request: web.Request) -> web.Response:
    svc = services(request)
    guild = _guild(svc, request)
    if not svc.world.application.privileged_intents.get("members"):
        raise missing_access()
    limit = int(request.query.get("limit", 1))
    after = int(request.query.get("after", 0))
    members = sorted((m for m in guild.members.values() if m.user_id > after), key=lambda m: m.user_id)
    return json_response([member_payload(svc.world, m) for m in members[:limit]])


async def edit_member(request: web.Request) -> web.Response:
    svc = services(request)
    guild = _guild(svc, request)
    target = _member(guild, request)
    data = body(request) or {}
    if "communication_disabled_until" in data:
        _set_timeout(svc, guild, target, data["communication_disabled_until"])
    if "nick" in data:
        if target.user_id != svc.world.bot.id:
            _require_guild(svc, guild, Perm.MANAGE_NICKNAMES)
            _require_above(svc, guild, target)
        target.nick = data["nick"] or None
    if "roles" in data:
        _require_guild(svc, guild, Perm.MANAGE_ROLES)
        wanted = [int(r) for r in data["roles"] or []]
        for role_id in set(wanted) ^ set(target.roles):
            _check_role_change(svc, guild, role_id)
        target.roles = wanted
    unsupported = set(data) - {"communication_disabled_until", "nick", "roles"}
    if unsupported:
        svc.recorder.protocol_error(f"PATCH member: fields the stand-in does not model: {sorted(unsupported)}")
    svc.platform.member_updated(guild, target)
    return json_response(member_payload(svc.world, target))


def _set_timeout(svc: Services, guild: Guild, target: Member, value: str | None) -> None:
    _require_guild(svc, guild, Perm.MODERATE_MEMBERS)
    _require_above(svc, guild, target)
    if value is None:
        target.communication_disabled_until = None
        return
    if base_permissions(guild, target) == ALL_PERMISSIONS:
        raise missing_permissions()
    try:
        until = parse_iso(value)
    except ValueError:
        raise invalid_form("communication_disabled_until", "DATE_TIME_TYPE_PARSE",
                           "Could not parse the timestamp.") from None
    if until - utcnow() > MAX_TIMEOUT:
        raise invalid_form("communication_disabled_until", "BASE_TYPE_BAD_TIME",
                           "Timeouts can be at most 28 days in the future.")
    target.communication_disabled_until = until


def _check_role_change(svc: Services, guild: Guild, role_id: int) -> None:
    role = guild.roles.get(role_id)
    if role is None or role_id == guild.id:
        raise unknown("Role")
    bot = guild.members[svc.world.bot.id]
    if role.managed or role.position >= top_role_position(guild, bot):
        raise missing_permissions()


async def add_role(request: web.Request) -> web.Response:
    svc = services(request)
    guild = _guild(svc, request)
    target = _member(guild, request)
    _require_guild(svc, guild, Perm.MANAGE_ROLES)
    role_id = snowflake(request, "role_id")
    _check_role_change(svc, guild, role_id)
    if role_id not in target.roles:
        target.roles.append(role_id)
        svc.platform.member_updated(guild, target)
    return no_content()


async def remove_role(request: web.Request) -> web.Response:
    svc = services(request)
    guild = _guild(svc, request)
    target = _member(guild, request)
    _require_guild(svc, guild, Perm.MANAGE_ROLES)
    role_id = snowflake(request, "role_id")
    _check_role_change(svc, guild, role_id)
    if role_id in target.roles:
        target.roles.remove(role_id)
        svc.platform.member_updated(guild, target)
    return no_content()


async def kick(request: web.Request) -> web.Response:
    svc = services(request)
    guild = _guild(svc, request)
    target = _member(guild, request)
    if target.user_id == svc.world.bot.id:
        raise ApiError(400, 50035, "Invalid Form Body")
    _require_guild(svc, guild, Perm.KICK_MEMBERS)
    _require_above(svc, guild, target)
    svc.platform.member_remove(guild, svc.world.users[target.user_id])
    return no_content()


_MEMBER = r"/guilds/{guild_id:\d+}/members/{user_id:\d+}"
ROUTES: list[tuple[str, str, Handler, bool]] = [
    ("GET", r"/guilds/{guild_id:\d+}/members", list_members, False),
    ("GET", _MEMBER, get_member, False),
    ("PATCH", _MEMBER, edit_member, False),
    ("DELETE", _MEMBER, kick, False),
    ("PUT", _MEMBER + r"/roles/{role_id:\d+}", add_role, False),
    ("DELETE", _MEMBER + r"/roles/{role_id:\d+}", remove_role, False),
]
