"""The whole plugin contract: every hook a plugin may implement, one docstring each.

Implement a hook by defining a method of the same name on a
:class:`~samovar.core.plugin.Plugin` subclass, decorated with ``@hookimpl``.
Implementations may be ``async``; the core awaits them. Every plugin that
implements a hook receives the event (not just the first), and a plugin that
raises is logged with the event id while the others still run. An
implementation may accept any subset of the arguments named here.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pluggy

if TYPE_CHECKING:
    from .context import Context
    from .events import (MemberJoinedEvent, MemberLeftEvent, MemberRef, MessageDeletedEvent,
                         MessageEditedEvent, MessageEvent, ReactionEvent, TickEvent)

PROJECT = "samovar"
hookspec = pluggy.HookspecMarker(PROJECT)
hookimpl = pluggy.HookimplMarker(PROJECT)


@hookspec
def on_startup() -> None:
    """Storage and scheduler are ready and adapters are about to connect: prepare state, schedule jobs."""


@hookspec
def on_shutdown() -> None:
    """The bot is stopping: flush anything held in memory."""


@hookspec
def on_message(event: "MessageEvent", ctx: "Context") -> None:
    """A member wrote a message in a room or to the bot directly (commands included)."""


@hookspec
def on_direct_message(event: "MessageEvent", ctx: "Context") -> None:
    """A member wrote to the bot privately (also given to ``on_message``).

    Room traffic never reaches it, nor a private message another plugin claimed (``claim_direct_message``).
    """


@hookspec
def claim_direct_message(event: "MessageEvent", ctx: "Context") -> bool | None:
    """Asked first about a private message that is not a command: return True after answering it as a whole.

    A claimed message (signs of crisis answered with care, an appeal passed to
    the moderators) reaches no ``on_message`` or ``on_direct_message``, so no
    waiting question or cheerful prompt answers the same words. A plugin that
    raises here claims nothing.
    """


@hookspec
def on_message_edited(event: "MessageEditedEvent", ctx: "Context") -> None:
    """A member edited a message; ``event.text`` is the new text."""


@hookspec
def on_message_deleted(event: "MessageDeletedEvent", ctx: "Context") -> None:
    """A message was deleted."""


@hookspec
def on_reaction_added(event: "ReactionEvent", ctx: "Context") -> None:
    """A member added a reaction to a message."""


@hookspec
def on_reaction_removed(event: "ReactionEvent", ctx: "Context") -> None:
    """A member removed their reaction from a message."""


@hookspec
def on_member_joined(event: "MemberJoinedEvent", ctx: "Context") -> None:
    """Someone joined the community."""


@hookspec
def on_member_left(event: "MemberLeftEvent", ctx: "Context") -> None:
    """Someone left the community: free what was held for them (their data stays until forgotten)."""


@hookspec
def on_tick(event: "TickEvent") -> None:
    """The periodic tick (``scheduler.tick`` in config): run due-scans here."""


@hookspec
def on_private_text(member: "MemberRef", text: str, lang: str, source: str) -> bool | None:
    """Words a member gave a plugin (a check-in answer, a win): return True after a care response.

    The caller then keeps those words private: no sharing, no celebration.
    """


@hookspec
def on_care_given(member: "MemberRef", source: str) -> None:
    """A care plugin has just answered the member's words with care (``source``: "room", "dm", "checkin" ...).

    A plugin in the middle of asking the member questions stops asking for now.
    """


@hookspec(firstresult=True)
def get_buddy(member_id: int) -> int | None:
    """The member id of this member's current buddy, if a plugin assigns buddies (first answer wins)."""


@hookspec
def export_member_data(member_id: int) -> dict[str, Any] | None:
    """Everything this plugin stores about the member, as JSON-ready data (for ``!privacy export``)."""


@hookspec
def forget_member(member_id: int) -> None:
    """Delete every row this plugin holds that names the member (for ``!privacy forget``)."""
