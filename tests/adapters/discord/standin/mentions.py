"""Who a message pings: mentions parsed from content, filtered by ``allowed_mentions``."""
from __future__ import annotations

import dataclasses
import re
from typing import Any

from .errors import invalid_form
from .model import Guild, World

USER_MENTION = re.compile(r"<@!?(\d+)>")
ROLE_MENTION = re.compile(r"<@&(\d+)>")
ALL_PARSE = ("users", "roles", "everyone")


@dataclasses.dataclass
class Mentions:
    users: list[int]
    roles: list[int]
    everyone: bool


def validate_allowed_mentions(allowed: dict[str, Any] | None) -> None:
    """Discord rejects ``parse`` together with an explicit list of the same kind."""
    if not allowed:
        return
    parse = allowed.get("parse") or []
    for kind in ("users", "roles"):
        if kind in parse and allowed.get(kind):
            raise invalid_form(f"allowed_mentions.{kind}", "MESSAGE_ALLOWED_MENTIONS_PARSE_EXCLUSIVE",
                               f'parse:["{kind}"] and {kind}: [ids...] are mutually exclusive.')
    if len(allowed.get("users") or []) > 100 or len(allowed.get("roles") or []) > 100:
        raise invalid_form("allowed_mentions", "BASE_TYPE_MAX_LENGTH", "Must be 100 or fewer in length.")


def resolve(world: World, guild: Guild | None, content: str, allowed: dict[str, Any] | None,
            replied_author: int | None, can_mention_everyone: bool) -> Mentions:
    """Mentions that take effect; without ``allowed_mentions`` everything in content pings."""
    parse = set(ALL_PARSE) if allowed is None else set(allowed.get("parse") or [])
    allowed_users = {int(u) for u in (allowed or {}).get("users") or []}
    allowed_roles = {int(r) for r in (allowed or {}).get("roles") or []}

    users: list[int] = []
    for raw in USER_MENTION.findall(content):
        uid = int(raw)
        if uid in world.users and uid not in users and ("users" in parse or uid in allowed_users):
            users.append(uid)
    if replied_author is not None and replied_author not in users:
        replied = True if allowed is None else bool(allowed.get("replied_user", False))
        if replied:
            users.append(replied_author)

    roles: list[int] = []
    if guild is not None:
        for raw in ROLE_MENTION.findall(content):
            rid = int(raw)
            if rid in guild.roles and rid not in roles and ("roles" in parse or rid in allowed_roles):
                roles.append(rid)

    everyone = (
        guild is not None
        and ("@everyone" in content or "@here" in content)
        and "everyone" in parse
        and can_mention_everyone
    )
    return Mentions(users=users, roles=roles, everyone=everyone)
