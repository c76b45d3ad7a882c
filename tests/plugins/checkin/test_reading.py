"""Reading what members write: "fri 18:00 Europe/Berlin" in any order, and the themes of a week."""
from __future__ import annotations

from samovar.plugins.checkin.schedule import parse_when
from samovar.plugins.checkin.similar import pair_by_theme
from samovar.plugins.checkin.themes import default_matcher

DAYS = {"mon": ["mon", "monday", "пн"], "tue": ["tue"], "wed": ["wed", "ср"], "thu": ["thu"], "fri": ["fri", "пт"],
        "sat": ["sat"], "sun": ["sun"]}


def test_day_time_and_zone_in_any_order():
    assert parse_when("18:00 fri Europe/Berlin", DAYS) == parse_when("Europe/Berlin FRI 18:00", DAYS)
    when = parse_when("пт 9.30 utc", DAYS)
    assert (when.weekday, when.minute, when.tz, when.unknown) == (4, 9 * 60 + 30, "UTC", None)


def test_missing_parts_stay_open_and_strangers_are_named():
    assert parse_when(None, DAYS) == parse_when("", DAYS)
    assert parse_when("18:00", DAYS).weekday is None
    assert parse_when("fri 25:00", DAYS).unknown == "25:00"
    assert parse_when("fri Mars/Olympus", DAYS).unknown == "Mars/Olympus"


def test_themes_in_both_languages():
    themes = default_matcher().themes
    assert themes("My boss was kind for once", None) == ["work"]
    assert themes("Не высыпаюсь, и на работе завал") == ["sleep", "work"]
    assert themes("Сдала экзамен!", "поссорилась с мамой") == ["family", "study"]
    assert themes("a quiet week", "-") == []


def test_pairs_prefer_rare_themes_and_never_repeat():
    pairs = pair_by_theme({1: {"work", "sleep"}, 2: {"work"}, 3: {"sleep"}, 4: {"work"}}, set())
    assert sorted(pairs) == [(1, 3, "sleep"), (2, 4, "work")]
    assert pair_by_theme({1: {"work"}, 2: {"work"}}, {frozenset((1, 2))}) == []
