"""Platform-neutral events and references.

Adapters turn platform traffic into these small frozen dataclasses; plugins only
ever see these. Every reference carries ``platform`` and the platform's own id.
"""
from __future__ import annotations

from dataclasses import MISSING, dataclass, field, fields
from datetime import datetime
from itertools import count
from typing import TypeVar

_event_ids = count(1)
_Frozen = TypeVar("_Frozen", bound=type)


def _quick_init(cls: _Frozen) -> _Frozen:
    """Give a frozen, slotted dataclass an ``__init__`` that fills its slots directly.

    The generated one calls ``object.__setattr__`` once per field, which costs
    more than the rest of making a message event; instances stay just as frozen
    (assigning to a field still raises ``FrozenInstanceError``).
    """
    own = fields(cls)
    if hasattr(cls, "__post_init__") or any(f.default_factory is not MISSING or f.kw_only or not f.init for f in own):
        raise TypeError(f"{cls.__name__}: only plain fields with plain defaults can be filled directly")
    params = ", ".join(f.name if f.default is MISSING else f"{f.name}=_default_{f.name}" for f in own)
    body = "".join(f"    _set_{f.name}(self, {f.name})\n" for f in own)
    namespace = {f"_set_{f.name}": getattr(cls, f.name).__set__ for f in own}
    namespace.update({f"_default_{f.name}": f.default for f in own if f.default is not MISSING})
    exec(f"def __init__(self, {params}):\n{body}", namespace)  # noqa: S102 - generated from field names only
    init = namespace["__init__"]
    init.__qualname__ = f"{cls.__qualname__}.__init__"
    init.__doc__ = cls.__init__.__doc__
    cls.__init__ = init  # type: ignore[misc]
    return cls


def next_event_id() -> str:
    """A process-unique id used to correlate logs with one event."""
    return f"ev{next(_event_ids)}"


@_quick_init
@dataclass(frozen=True, slots=True)
class MemberRef:
    """A person on one platform (``id`` is the platform's user id)."""

    platform: str
    id: str
    name: str = field(default="", compare=False)


@_quick_init
@dataclass(frozen=True, slots=True)
class RoomRef:
    """A room/channel on one platform; ``is_direct`` marks a private chat with the bot."""

    platform: str
    id: str
    name: str = field(default="", compare=False)
    is_direct: bool = field(default=False, compare=False)


@_quick_init
@dataclass(frozen=True, slots=True)
class MessageRef:
    """A message already posted, addressable for replies, reactions and deletion."""

    platform: str
    room: RoomRef
    id: str


@_quick_init
@dataclass(frozen=True, slots=True)
class MessageEvent:
    """A member wrote a message in a room, or directly to the bot (``room.is_direct``)."""

    id: str
    member: MemberRef
    room: RoomRef
    message: MessageRef
    text: str
    at: datetime
    reply_to: MessageRef | None = None
    thread: str | None = None

    @property
    def is_direct(self) -> bool:
        """True when the member wrote to the bot privately."""
        return self.room.is_direct


@_quick_init
@dataclass(frozen=True, slots=True)
class MessageEditedEvent:
    """A member edited one of their messages; ``text`` is the new text."""

    id: str
    member: MemberRef
    message: MessageRef
    text: str
    at: datetime


@_quick_init
@dataclass(frozen=True, slots=True)
class MessageDeletedEvent:
    """A message was deleted (by its author or a moderator)."""

    id: str
    message: MessageRef
    at: datetime
    member: MemberRef | None = None


@_quick_init
@dataclass(frozen=True, slots=True)
class ReactionEvent:
    """A member added or removed a reaction on a message."""

    id: str
    member: MemberRef
    message: MessageRef
    emoji: str
    added: bool
    at: datetime
    message_author: MemberRef | None = None


@_quick_init
@dataclass(frozen=True, slots=True)
class MemberJoinedEvent:
    """A person joined the community (a Discord guild, a served Matrix room, the console)."""

    id: str
    member: MemberRef
    at: datetime
    room: RoomRef | None = None


@_quick_init
@dataclass(frozen=True, slots=True)
class MemberLeftEvent:
    """A person left the community."""

    id: str
    member: MemberRef
    at: datetime
    room: RoomRef | None = None


@_quick_init
@dataclass(frozen=True, slots=True)
class TickEvent:
    """The periodic scheduler tick (every ``scheduler.tick`` of clock time)."""

    id: str
    at: datetime


@_quick_init
@dataclass(frozen=True, slots=True)
class CommandInvocation:
    """A parsed command: which command, the raw argument text and the message it came in."""

    name: str
    args_text: str
    message: MessageEvent
