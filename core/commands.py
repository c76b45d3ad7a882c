"""Commands declared by plugins: one registry feeds help, prefix commands and slash commands."""
from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any, Awaitable, Callable, Literal, Sequence

from .durations import parse_duration
from .permissions import Role

Where = Literal["any", "room", "dm"]
MEMBER = "member"
"""Argument type: a mention of a member, resolved by the adapter."""
DURATION = "duration"
"""Argument type: ``30m``, ``2w``, ``2 недели`` ... parsed into a timedelta."""
DURATION_WORDS = 6
"""At most this many words make one duration (``1 час 30 минут`` is four)."""
ChoiceAlias = Callable[["Arg", str], "str | None"]
"""Finds the canonical choice that a (lower-cased) word stands for, or None."""


class UsageError(Exception):
    """The arguments did not fit the command; ``key``/``values`` describe why for the catalog.

    ``argument`` is the argument at fault, if one is: its name (``arg``) and choices
    (``choices``) are then in ``values`` as declared, for rendering in the member's words.
    """

    def __init__(self, key: str, argument: "Arg | None" = None, **values: Any) -> None:
        super().__init__(key)
        self.key = key
        self.argument = argument
        if argument is not None:
            values.setdefault("arg", argument.name)
            if argument.choices:
                values.setdefault("choices", ", ".join(argument.choices))
        self.values = values


@dataclass(frozen=True, slots=True)
class Arg:
    """One command argument.

    ``type`` is ``str``, ``int``, :data:`DURATION` or :data:`MEMBER`; ``rest`` takes the
    rest of the text; ``choices`` limits words (compared case-insensitively).
    ``label`` is the catalog key of what members call the argument and its choices
    (default ``core.args.<name>``; see :mod:`samovar.core.argwords`).
    """

    name: str
    type: Any = str
    required: bool = True
    rest: bool = False
    choices: tuple[str, ...] = ()
    default: Any = None
    label: str = ""

    def usage(self, name: str | None = None, choices: Sequence[str] | None = None) -> str:
        """``<name>`` / ``[name]`` with choices or ``...`` for rest (``name``/``choices`` as shown to a member)."""
        choices = self.choices if choices is None else choices
        shown = "|".join(choices) if choices else (name or self.name) + ("..." if self.rest else "")
        return f"<{shown}>" if self.required else f"[{shown}]"


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

    def parse(self, text: str, mention_parser: Callable[[str], Any] | None = None,
              choice_alias: ChoiceAlias | None = None) -> dict[str, Any]:
        """Turn the argument text into keyword arguments, or raise :class:`UsageError`.

        A choice is its declared word, or a word ``choice_alias`` maps onto one (``выкл`` -> ``off``):
        handlers always get the declared word.
        """
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
                    raise UsageError("core.usage.missing", arg)
                values[arg.name] = arg.default
                continue
            if arg.choices:
                lowered = word.lower()
                values[arg.name] = lowered if lowered in arg.choices else _alias(arg, lowered, choice_alias)
            elif arg.type is str:
                values[arg.name] = word
            elif arg.type is int or arg.rest or arg.type != DURATION:
                values[arg.name] = _convert(arg, word, mention_parser)
            else:  # a duration may take several words: "2 недели"
                values[arg.name], rest = _duration(arg, word, rest)
        if rest:
            raise UsageError("core.usage.extra", extra=rest)
        return values


def _alias(arg: Arg, lowered: str, choice_alias: ChoiceAlias | None) -> str:
    """The declared choice that another word stands for (``выкл`` -> ``off``)."""
    canonical = choice_alias(arg, lowered) if choice_alias else None
    if canonical is None:
        raise UsageError("core.usage.choice", arg)
    return canonical


def _convert(arg: Arg, word: str, mention_parser: Callable[[str], Any] | None) -> Any:
    if arg.type is int:
        try:
            return int(word.removeprefix("#"))  # "#3", as alerts and lists write numbers
        except ValueError:
            raise UsageError("core.usage.number", arg) from None
    if arg.type == DURATION:
        try:
            value: timedelta = parse_duration(word)
        except ValueError:
            raise UsageError("core.usage.duration", arg) from None
        return value
    if arg.type == MEMBER:
        member = mention_parser(word) if mention_parser else None
        if member is None:
            raise UsageError("core.usage.member", arg)
        return member
    return word


def _duration(arg: Arg, word: str, rest: str) -> tuple[timedelta, str]:
    """The duration starting at ``word`` and the text after it: ``2w``, or several words (``2 недели``)."""
    try:
        return parse_duration(word), rest
    except ValueError:
        pass
    found: tuple[timedelta, str] | None = None
    text = word
    for _ in range(DURATION_WORDS - 1):  # the longest run of words that reads as a duration
        token, _, rest = rest.partition(" ")
        rest = rest.lstrip()
        if not token:
            break
        text += " " + token  # parse_duration reads "2 недели" and "две недели" with their spaces
        try:
            found = parse_duration(text), rest
        except ValueError:
            continue
    if found is None:
        raise UsageError("core.usage.duration", arg)
    return found


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

    def group_entries(self, head: str) -> list[tuple[str, Command]]:
        """Each subcommand reachable as ``head ...``, once, by the name it has there (``coffee languages``
        for ``buddy languages`` and its alias), sorted by that name."""
        found: dict[int, tuple[str, Command]] = {}
        for sub, command in sorted(self._groups.get(head, {}).items()):
            name = command.name if command.name.partition(" ")[0] == head else f"{head} {sub}"
            if id(command) not in found or command.name == name:
                found[id(command)] = (name, command)
        return sorted(found.values(), key=lambda entry: entry[0])

    def closest(self, word: str) -> str | None:
        """The known command name nearest to a mistyped ``word``."""
        names = [*self._exact, *self._groups]
        match = difflib.get_close_matches(word.lower(), names, n=1, cutoff=0.6)
        return match[0] if match else None
