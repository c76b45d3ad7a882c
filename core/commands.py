"""Commands declared by plugins: one registry feeds help, prefix commands and slash commands."""
from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any, Awaitable, Callable, Literal

from .durations import parse_duration
from .permissions import Role

Where = Literal["any", "room", "dm"]
MEMBER = "member"
"""Argument type: a mention of a member, resolved by the adapter."""
DURATION = "duration"
"""Argument type: ``30m``, ``2w`` ... parsed into a timedelta."""


class UsageError(Exception):
    """The arguments did not fit the command; ``key``/``values`` describe why for the catalog."""

    def __init__(self, key: str, **values: Any) -> None:
        super().__init__(key)
        self.key = key
        self.values = values


@dataclass(frozen=True, slots=True)
class Arg:
    """One command argument.

    ``type`` is ``str``, ``int``, :data:`DURATION` or :data:`MEMBER`; ``rest`` takes the
    rest of the text; ``choices`` limits words (compared case-insensitively).
    """

    name: str
    type: Any = str
    required: bool = True
    rest: bool = False
    choices: tuple[str, ...] = ()
    default: Any = None

    def usage(self) -> str:
        """``<name>`` / ``[name]`` with choices or ``...`` for rest."""
        label = "|".join(self.choices) if self.choices else self.name + ("..." if self.rest else "")
        return f"<{label}>" if self.required else f"[{label}]"


Handler = Callable[..., Awaitable[Any]]


@dataclass(frozen=True, slots=True)
class Command:
    """A command as declared: ``name`` may hold a space for a subcommand (``"buddy volunteer"``)."""

    name: str
    handler: Handler
    args: tuple[Arg, ...] = ()
    help: str = ""
    aliases: tuple[str, ...] = ()
    role: Role = Role.MEMBER
    where: Where = "any"
    plugin: str = ""
    hidden: bool = False

    def usage(self, prefix: str) -> str:
        """One usage line such as ``!checkin pause <duration>``."""
        return " ".join([prefix + self.name, *(arg.usage() for arg in self.args)])

    def parse(self, text: str, mention_parser: Callable[[str], Any] | None = None) -> dict[str, Any]:
        """Turn the argument text into keyword arguments, or raise :class:`UsageError`."""
        values: dict[str, Any] = {}
        rest = text.strip()
        for arg in self.args:
            if arg.rest:
                word, rest = rest, ""
            else:
                word, _, rest = rest.partition(" ")
                rest = rest.lstrip()
            if not word:
                if arg.required:
                    raise UsageError("core.usage.missing", arg=arg.name)
                values[arg.name] = arg.default
                continue
            values[arg.name] = _convert(arg, word, mention_parser)
        if rest:
            raise UsageError("core.usage.extra", extra=rest)
        return values


def _convert(arg: Arg, word: str, mention_parser: Callable[[str], Any] | None) -> Any:
    if arg.choices:
        lowered = word.lower()
        if lowered not in arg.choices:
            raise UsageError("core.usage.choice", arg=arg.name, choices=", ".join(arg.choices))
        return lowered
    if arg.type is int:
        try:
            return int(word)
        except ValueError:
            raise UsageError("core.usage.number", arg=arg.name) from None
    if arg.type == DURATION:
        try:
            value: timedelta = parse_duration(word)
        except ValueError:
            raise UsageError("core.usage.duration", arg=arg.name) from None
        return value
    if arg.type == MEMBER:
        member = mention_parser(word) if mention_parser else None
        if member is None:
            raise UsageError("core.usage.member", arg=arg.name)
        return member
    return word


@dataclass(slots=True)
class Lookup:
    """Result of finding a command in text: the command and its argument text, or why not."""

    command: Command | None
    args_text: str = ""
    group: str | None = None
    unknown: str | None = None


@dataclass
class CommandRegistry:
    """Every command by name and alias; lookups are one or two dict hits."""

    _exact: dict[str, Command] = field(default_factory=dict)
    _groups: dict[str, dict[str, Command]] = field(default_factory=dict)

    def add(self, command: Command) -> None:
        """Register ``command``; a name already taken raises ValueError."""
        head, _, sub = command.name.partition(" ")
        names = [command.name, *command.aliases]
        for name in names:
            h, _, s = name.partition(" ")
            table = self._groups.setdefault(h, {}) if s else self._exact
            key = s if s else h
            if key in table:
                raise ValueError(f"command {name!r} is already registered")
            table[key] = command

    def remove_plugin(self, plugin: str) -> None:
        """Forget every command of ``plugin``."""
        self._exact = {k: c for k, c in self._exact.items() if c.plugin != plugin}
        for head in list(self._groups):
            self._groups[head] = {k: c for k, c in self._groups[head].items() if c.plugin != plugin}
            if not self._groups[head]:
                del self._groups[head]

    def find(self, text: str) -> Lookup:
        """Find the command that ``text`` (without the prefix) invokes."""
        head, _, rest = text.partition(" ")
        head = head.lower()
        group = self._groups.get(head)
        if group is not None:
            sub, _, sub_rest = rest.lstrip().partition(" ")
            command = group.get(sub.lower())
            if command is not None:
                return Lookup(command, sub_rest)
        command = self._exact.get(head)
        if command is not None:
            return Lookup(command, rest)
        if group is not None:
            return Lookup(None, rest, group=head)
        return Lookup(None, rest, unknown=head)

    def all(self) -> list[Command]:
        """Every distinct command, sorted by name."""
        seen: dict[int, Command] = {}
        for command in [*self._exact.values(), *(c for g in self._groups.values() for c in g.values())]:
            seen[id(command)] = command
        return sorted(seen.values(), key=lambda c: c.name)

    def in_group(self, head: str) -> list[Command]:
        """The subcommands of ``head`` (``"buddy"`` -> ``buddy volunteer`` ...)."""
        return sorted({id(c): c for c in self._groups.get(head, {}).values()}.values(), key=lambda c: c.name)

    def closest(self, word: str) -> str | None:
        """The known command name nearest to a mistyped ``word``."""
        names = [*self._exact, *self._groups]
        match = difflib.get_close_matches(word.lower(), names, n=1, cutoff=0.6)
        return match[0] if match else None
