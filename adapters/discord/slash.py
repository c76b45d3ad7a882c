"""Slash commands generated from the core command registry, and the text an invocation stands for.

Every visible command becomes a chat-input command; ``"buddy volunteer"``
becomes ``/buddy volunteer`` (a subcommand option). Descriptions come from
the catalog key in ``Command.help``, in the community's language with the
other language as a localization; a command alias written in Cyrillic
becomes the Russian name. Arguments become options (a member argument is a
user picker, a number an integer, choices a fixed list). An invocation is
turned back into the text of the same prefix command, so slash and prefix
commands run through the same parsing, permission checks and handlers.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, Iterable

from samovar.core.commands import MEMBER, Arg, Command
from samovar.core.i18n import Catalog
from samovar.core.safety import shorten

SUB_COMMAND, STRING, INTEGER, USER = 1, 3, 4, 6
MAX_COMMANDS, MAX_OPTIONS, MAX_CHOICES, MAX_TEXT = 100, 25, 25, 100
GUILD_INSTALL, BOT_DM = 0, 1
LOCALES = {"en": ("en-US", "en-GB"), "ru": ("ru",)}
_NAME = re.compile(r"^[-_'\w]{1,32}$")
_CYRILLIC = re.compile(r"[\u0400-\u04FF]")


@dataclass(frozen=True, slots=True)
class SlashEntry:
    """One invocable slash command (or subcommand) and its options in argument order."""

    command: Command
    options: tuple[tuple[str, Arg], ...]


@dataclass
class SlashCommands:
    """The generated payloads (per guild, and for DMs with the bot) and the way back to command text."""

    guild_payload: list[dict[str, Any]] = field(default_factory=list)
    dm_payload: list[dict[str, Any]] = field(default_factory=list)
    entries: dict[tuple[str, str | None], SlashEntry] = field(default_factory=dict)
    skipped: list[str] = field(default_factory=list)

    def text_for(self, data: dict[str, Any]) -> str:
        """The command text (without prefix) of an application-command interaction's ``data``."""
        name = str(data.get("name", ""))
        options = list(data.get("options") or [])
        sub = None
        if options and options[0].get("type") == SUB_COMMAND:
            sub = str(options[0]["name"])
            options = list(options[0].get("options") or [])
        entry = self.entries.get((name, sub))
        if entry is None:
            return f"{name} {sub}" if sub else name
        given = {str(o["name"]): o.get("value") for o in options}
        words = [entry.command.name]
        for option_name, arg in entry.options:
            value = given.get(option_name)
            if value is None or value == "":
                continue
            words.append(f"<@{value}>" if arg.type == MEMBER else str(value))
        return " ".join(words)


def build(commands: Iterable[Command], catalog: Catalog, prefix: str, language: str) -> SlashCommands:
    """Generate the slash commands for ``commands`` (hidden ones are left out)."""
    result = SlashCommands()
    texts = _Texts(catalog, language)
    singles: dict[str, Command] = {}
    groups: dict[str, list[Command]] = {}
    for command in commands:
        if command.hidden:
            continue
        head, _, sub = command.name.partition(" ")
        if not _valid(head) or (sub and not _valid(sub)):
            result.skipped.append(command.name)
            continue
        if sub:
            groups.setdefault(head, []).append(command)
        else:
            singles[head] = command
    for scope, wanted in (("guild", ("any", "room")), ("dm", ("any", "dm"))):
        payload = result.guild_payload if scope == "guild" else result.dm_payload
        for head in sorted({*singles, *groups}):
            base = singles.get(head)
            base = base if base is not None and base.where in wanted else None
            subs = [c for c in groups.get(head, []) if c.where in wanted]
            if subs:
                item = _group(head, base, subs, texts, prefix, result)
            elif base is not None:
                item = _single(base, head, texts, prefix, result)
            else:
                continue
            if scope == "dm":
                item.update(contexts=[BOT_DM], integration_types=[GUILD_INSTALL])
            payload.append(item)
        if len(payload) > MAX_COMMANDS:
            result.skipped.extend(str(item["name"]) for item in payload[MAX_COMMANDS:])
            del payload[MAX_COMMANDS:]
    return result


def _single(command: Command, name: str, texts: "_Texts", prefix: str, result: SlashCommands) -> dict[str, Any]:
    options, entry = _options(command)
    result.entries[(name, None)] = entry
    return {"type": 1, "name": name, **texts.name_localizations(_russian_names(command, 0)),
            **texts.description(command, prefix), "options": options}


def _group(head: str, base: Command | None, subs: list[Command], texts: "_Texts", prefix: str,
           result: SlashCommands) -> dict[str, Any]:
    children = []
    members = [(head, base)] if base is not None else []
    members += [(c.name.partition(" ")[2], c) for c in subs]
    for sub_name, command in members[:MAX_OPTIONS]:
        options, entry = _options(command)
        result.entries[(head, sub_name)] = entry
        position = 0 if command is base else 1
        children.append({"type": SUB_COMMAND, "name": sub_name,
                         **texts.name_localizations(_russian_names(command, position)),
                         **texts.description(command, prefix), "options": options})
    ru_heads = [n for c in ([base] if base is not None else []) + subs for n in _russian_names(c, 0)]
    description = shorten(" · ".join(name for name, _ in members), MAX_TEXT)
    localized = texts.description(base, prefix) if base is not None and base.help else {"description": description}
    return {"type": 1, "name": head, **texts.name_localizations(ru_heads[:1]), **localized, "options": children}


def _options(command: Command) -> tuple[list[dict[str, Any]], SlashEntry]:
    options: list[dict[str, Any]] = []
    names: list[tuple[str, Arg]] = []
    for arg in command.args[:MAX_OPTIONS]:
        name = _option_name(arg.name)
        option: dict[str, Any] = {"type": _option_type(arg), "name": name,
                                  "description": shorten(arg.usage(), MAX_TEXT), "required": arg.required}
        if arg.choices:
            option["choices"] = [{"name": c, "value": c} for c in arg.choices[:MAX_CHOICES]]
        options.append(option)
        names.append((name, arg))
    options.sort(key=lambda o: not o["required"])  # Discord wants required options first
    return options, SlashEntry(command, tuple(names))


def _option_type(arg: Arg) -> int:
    if arg.choices:
        return STRING
    if arg.type == MEMBER:
        return USER
    if arg.type is int:
        return INTEGER
    return STRING


def _option_name(name: str) -> str:
    cleaned = re.sub(r"[^-_'\w]", "_", name.lower())[:32]
    return cleaned or "value"


def _valid(name: str) -> bool:
    return bool(_NAME.match(name)) and name == name.lower()


def _russian_names(command: Command, position: int) -> list[str]:
    """Cyrillic aliases of ``command`` (word ``position``: 0 for the name, 1 for the subcommand)."""
    found = []
    for alias in command.aliases:
        words = alias.split(" ")
        if position < len(words) and _CYRILLIC.search(words[position]) and _valid(words[position]):
            found.append(words[position])
    return found


class _Texts:
    """Catalog texts for names and descriptions: base in the community language, the other localized."""

    def __init__(self, catalog: Catalog, language: str) -> None:
        self.catalog = catalog
        self.language = language

    def description(self, command: Command, prefix: str) -> dict[str, Any]:
        fallback = shorten(command.usage(prefix), MAX_TEXT)
        if not command.help:
            return {"description": fallback}
        base = self._text(command.help, self.language) or fallback
        localized = {}
        for lang, locales in LOCALES.items():
            text = self._text(command.help, lang)
            if lang != self.language and text:
                localized.update({locale: text for locale in locales})
        return {"description": base, "description_localizations": localized or None}

    def name_localizations(self, russian: list[str]) -> dict[str, Any]:
        if not russian:
            return {}
        return {"name_localizations": {"ru": russian[0]}}

    def _text(self, key: str, lang: str) -> str | None:
        if not self.catalog.has(key, lang):
            return None
        value = self.catalog.raw(key, lang)
        text = str(value[0]) if isinstance(value, list) and value else self.catalog.t(key, lang)
        return shorten(text, MAX_TEXT) or None
