"""Events and references: what plugins receive cannot be changed under another plugin's feet."""
from __future__ import annotations

import dataclasses
import pickle
from datetime import datetime, timezone

import pytest

from samovar.core.events import MemberJoinedEvent, MemberRef, MessageEvent, MessageRef, RoomRef

ROOM = RoomRef("console", "general", "general")
AT = datetime(2026, 1, 5, 9, 0, tzinfo=timezone.utc)


def message(text: str = "hello", **extra: object) -> MessageEvent:
    return MessageEvent("ev1", MemberRef("console", "alice", "Alice"), ROOM, MessageRef("console", ROOM, "m1"),
                        text, AT, **extra)


def test_events_cannot_be_changed_by_a_plugin():
    event = message()
    with pytest.raises(dataclasses.FrozenInstanceError):
        event.text = "something else"  # type: ignore[misc]
    with pytest.raises(dataclasses.FrozenInstanceError):
        event.member.id = "mallory"  # type: ignore[misc]
    assert event.text == "hello" and event.member.id == "alice"


def test_fields_defaults_and_keywords_are_those_declared():
    event = message()
    assert (event.reply_to, event.thread) == (None, None)
    answer = message("thanks", reply_to=event.message, thread="t1")
    assert answer.reply_to == event.message and answer.thread == "t1"
    assert [f.name for f in dataclasses.fields(MessageEvent)] == [
        "id", "member", "room", "message", "text", "at", "reply_to", "thread"]
    assert RoomRef("console", "dm-alice").is_direct is False and RoomRef("console", "dm-alice").name == ""
    joined = MemberJoinedEvent(id="ev2", member=MemberRef("console", "bob"), at=AT, room=ROOM)
    assert joined.member.id == "bob"
    with pytest.raises(TypeError):
        MessageEvent("ev3", MemberRef("console", "alice"), ROOM)  # type: ignore[call-arg]


def test_a_display_name_does_not_change_who_someone_is():
    assert MemberRef("console", "alice", "Alice") == MemberRef("console", "alice", "Alice B.")
    assert len({MemberRef("console", "alice", "Alice"), MemberRef("console", "alice", "")}) == 1
    assert MemberRef("console", "alice") != MemberRef("discord", "alice")


def test_events_survive_a_copy_and_a_round_trip_through_pickle():
    event = message(thread="t1")
    assert pickle.loads(pickle.dumps(event)) == event
    assert dataclasses.replace(event, text="edited").text == "edited" and event.text == "hello"
