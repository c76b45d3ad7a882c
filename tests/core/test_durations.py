"""Durations as members and config files write them: short forms and unit words in Russian or English."""
from __future__ import annotations

from datetime import timedelta

import pytest

from samovar.core.durations import format_duration, parse_duration


@pytest.mark.parametrize("text, expected", [
    ("90s", timedelta(seconds=90)), ("30m", timedelta(minutes=30)), ("2W", timedelta(weeks=2)),
    ("1d12h", timedelta(days=1, hours=12)), ("1.5h", timedelta(minutes=90)), (3600, timedelta(hours=1)),
    ("2 недели", timedelta(weeks=2)), ("3 дня", timedelta(days=3)), ("30 мин", timedelta(minutes=30)),
    ("1 час", timedelta(hours=1)), ("5 часов", timedelta(hours=5)), ("1 неделю", timedelta(weeks=1)),
    ("1 день", timedelta(days=1)), ("10 дней", timedelta(days=10)), ("45 секунд", timedelta(seconds=45)),
    ("1 час 30 минут", timedelta(minutes=90)), ("1,5 часа", timedelta(minutes=90)), ("2ч30м", timedelta(minutes=150)),
    ("2 Недели", timedelta(weeks=2)), ("2 weeks", timedelta(weeks=2)), ("3 days", timedelta(days=3)),
    ("1 hour", timedelta(hours=1)),
])
def test_durations_are_read(text, expected):
    assert parse_duration(text) == expected


@pytest.mark.parametrize("text", ["", "2", "0d", "2w потом", "скоро", "1,5", "две"])
def test_anything_else_is_refused_with_examples(text):
    with pytest.raises(ValueError, match="30m, 2h, 7d, 2w"):
        parse_duration(text)


def test_formatting_gives_the_short_form_back():
    assert format_duration(parse_duration("1 неделя 2 дня 3 часа")) == "1w2d3h"


@pytest.mark.parametrize(("text", "days"), [("неделю", 7), ("две недели", 14), ("a week", 7), ("two weeks", 14),
                                            ("месяц", 30), ("1 month", 30), ("2 месяца", 60), ("полтора дня", 1.5)])
def test_numbers_in_words_and_a_unit_alone(text: str, days: float) -> None:
    assert parse_duration(text) == timedelta(days=days)


@pytest.mark.parametrize("text", ["m", "две", "week 2", "soon"])
def test_what_is_still_not_a_duration(text: str) -> None:
    with pytest.raises(ValueError):
        parse_duration(text)
