"""The short memory of room messages that lets a member mark one as a win later."""
from __future__ import annotations

from datetime import datetime, timedelta, timezone

from samovar.core.events import MemberRef, MessageRef, RoomRef
from samovar.plugins.wins.recent import RecentMessages

ROOM = RoomRef("console", "general")
ALICE = MemberRef("console", "alice")
NOW = datetime(2026, 1, 5, 9, tzinfo=timezone.utc)


def ref(number: int) -> MessageRef:
    return MessageRef("console", ROOM, f"m{number}")


def test_the_oldest_message_is_dropped_when_full_and_the_rest_kept() -> None:
    recent = RecentMessages(timedelta(days=7), capacity=3)
    for number in range(4):
        recent.remember(ref(number), ALICE, f"text {number}", NOW)
    assert recent.get(ref(0), NOW) is None
    assert [recent.get(ref(n), NOW).text for n in (1, 2, 3)] == ["text 1", "text 2", "text 3"]


def test_edits_deletions_and_age_are_followed() -> None:
    recent = RecentMessages(timedelta(days=7), capacity=3)
    recent.remember(ref(1), ALICE, "first words", NOW)
    recent.remember(ref(2), ALICE, "gone soon", NOW)
    recent.edited(ref(1), "better words")
    recent.forget_message(ref(2))
    assert recent.get(ref(1), NOW).text == "better words"
    assert recent.get(ref(2), NOW) is None
    assert recent.get(ref(1), NOW + timedelta(days=8)) is None, "older than keep_for"
    for number in range(3, 6):  # a deleted message's place in line does not make the memory grow
        recent.remember(ref(number), ALICE, f"text {number}", NOW)
    assert len([n for n in range(6) if recent.get(ref(n), NOW)]) == 3


def test_forgetting_an_author_drops_their_messages_only() -> None:
    recent = RecentMessages(timedelta(days=7))
    bob = MemberRef("console", "bob")
    recent.remember(ref(1), ALICE, "mine", NOW)
    recent.remember(ref(2), bob, "his", NOW)
    recent.forget_author([ALICE])
    assert recent.get(ref(1), NOW) is None and recent.get(ref(2), NOW).text == "his"
