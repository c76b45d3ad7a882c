"""Application command validation and storage (bulk overwrite keeps ids of unchanged names)."""
from __future__ import annotations

import re
from typing import Any

from .errors import ApiError
from .model import World

LOCALES = {
    "id", "da", "de", "en-GB", "en-US", "es-ES", "es-419", "fr", "hr", "it", "lt", "hu", "nl", "no", "pl",
    "pt-BR", "ro", "fi", "sv-SE", "vi", "tr", "cs", "el", "bg", "ru", "uk", "hi", "th", "zh-CN", "ja",
    "zh-TW", "ko",
}
NAME = re.compile(r"^[-_'\w\u0900-\u097F\u0E00-\u0E7F]{1,32}$")
CHAT_INPUT, SUB_COMMAND, SUB_COMMAND_GROUP = 1, 1, 2


class _Errors:
    """Collects problems in Discord's nested ``errors`` shape."""

    def __init__(self) -> None:
        self.tree: dict[str, Any] = {}

    def add(self, path: list[str], code: str, message: str) -> None:
        node = self.tree
        for part in path:
            node = node.setdefault(part, {})
        node.setdefault("_errors", []).append({"code": code, "message": message})


def _check_name(errors: _Errors, path: list[str], name: Any, lowercase: bool) -> None:
    if not isinstance(name, str) or not NAME.match(name):
        errors.add(path, "APPLICATION_COMMAND_INVALID_NAME", f"Command name is invalid: {name!r}")
    elif lowercase and name != name.lower():
        errors.add(path, "APPLICATION_COMMAND_INVALID_NAME", "Command name must be lowercase")


def _check_texts(errors: _Errors, path: list[str], item: dict[str, Any], lowercase: bool,
                 needs_description: bool) -> None:
    _check_name(errors, [*path, "name"], item.get("name"), lowercase)
    description = item.get("description")
    if needs_description and (not isinstance(description, str) or not 1 <= len(description) <= 100):
        errors.add([*path, "description"], "BASE_TYPE_BAD_LENGTH", "Must be between 1 and 100 in length.")
    for field, check_desc in (("name_localizations", False), ("description_localizations", True)):
        for locale, text in (item.get(field) or {}).items():
            if locale not in LOCALES:
                errors.add([*path, field, locale], "LOCALE_INVALID", f"Invalid locale: {locale!r}")
            elif check_desc:
                if not isinstance(text, str) or not 1 <= len(text) <= 100:
                    errors.add([*path, field, locale], "BASE_TYPE_BAD_LENGTH", "Must be between 1 and 100 in length.")
            else:
                _check_name(errors, [*path, field, locale], text, lowercase)


def _check_options(errors: _Errors, path: list[str], options: list[dict[str, Any]]) -> None:
    if len(options) > 25:
        errors.add(path, "BASE_TYPE_MAX_LENGTH", "Must be 25 or fewer in length.")
    seen_optional = False
    names: set[Any] = set()
    for index, option in enumerate(options):
        here = [*path, str(index)]
        _check_texts(errors, here, option, lowercase=True, needs_description=True)
        if option.get("name") in names:
            errors.add([*here, "name"], "APPLICATION_COMMAND_OPTIONS_NAME_ALREADY_EXISTS",
                       "Option names must be unique")
        names.add(option.get("name"))
        if option.get("type") in (SUB_COMMAND, SUB_COMMAND_GROUP):
            _check_options(errors, [*here, "options"], option.get("options") or [])
            continue
        if option.get("required"):
            if seen_optional:
                errors.add(here, "APPLICATION_COMMAND_OPTIONS_REQUIRED_INVALID",
                           "Required options must be placed before non-required options")
        else:
            seen_optional = True


def overwrite(world: World, guild_id: int | None, payload: Any) -> list[dict[str, Any]]:
    """Validate a bulk overwrite and store it; returns the stored command objects."""
    if not isinstance(payload, list):
        raise ApiError(400, 50035, "Invalid Form Body", {"_errors": [{"code": "LIST_TYPE_CONVERT",
                                                                      "message": "Only iterables may be used."}]})
    errors = _Errors()
    seen: set[tuple[int, str]] = set()
    for index, command in enumerate(payload):
        kind = int(command.get("type", CHAT_INPUT))
        is_chat_input = kind == CHAT_INPUT
        _check_texts(errors, [str(index)], command, lowercase=is_chat_input, needs_description=is_chat_input)
        _check_options(errors, [str(index), "options"], command.get("options") or [])
        if (kind, command.get("name")) in seen:
            errors.add([str(index), "name"], "APPLICATION_COMMANDS_DUPLICATE_NAME",
                       "Application command names must be unique")
        seen.add((kind, command.get("name")))
    if errors.tree:
        raise ApiError(400, 50035, "Invalid Form Body", errors.tree)

    app = world.application
    previous = app.guild_commands.get(guild_id, []) if guild_id else app.global_commands
    old_ids = {(c["type"], c["name"]): c["id"] for c in previous}
    stored = []
    for command in payload:
        kind = int(command.get("type", CHAT_INPUT))
        entry = {
            "id": old_ids.get((kind, command["name"])) or str(world.ids.next()),
            "application_id": str(app.id),
            "version": str(world.ids.next()),
            "type": kind,
            "name": command["name"],
            "name_localizations": command.get("name_localizations"),
            "description": command.get("description", ""),
            "description_localizations": command.get("description_localizations"),
            "options": command.get("options") or [],
            "default_member_permissions": command.get("default_member_permissions"),
            "nsfw": bool(command.get("nsfw", False)),
            "contexts": command.get("contexts"),
            "integration_types": command.get("integration_types") or [0],
        }
        if guild_id:
            entry["guild_id"] = str(guild_id)
        elif "dm_permission" in command:
            entry["dm_permission"] = command["dm_permission"]
        stored.append(entry)
    if guild_id:
        app.guild_commands[guild_id] = stored
    else:
        app.global_commands = stored
    return stored
