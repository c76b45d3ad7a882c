"""Long texts go out as several messages that break between lines, else between words."""
from __future__ import annotations

from samovar.core.messages import split_message


def test_short_lines_share_a_message_and_long_ones_break_between_words():
    words = " ".join(f"слово{i}" for i in range(400))  # about 3,000 characters on one line
    messages = split_message(["first line", words, "last line"], limit=1000)
    assert all(len(message) <= 1000 for message in messages)
    assert messages[0].startswith("first line") and messages[1].startswith("слово")
    rejoined = " ".join(message.replace("\n", " ") for message in messages)
    assert rejoined.split() == ["first", "line", *words.split(), "last", "line"], "no word is cut or lost"


def test_a_word_longer_than_a_message_is_the_only_thing_cut():
    assert split_message(["x" * 25], limit=10) == ["x" * 10, "x" * 10, "x" * 5]


def test_lines_may_be_joined_with_a_blank_line():
    assert split_message(["a", "b"], separator="\n\n") == ["a\n\nb"]
