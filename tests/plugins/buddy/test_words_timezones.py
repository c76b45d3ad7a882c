"""Time zones as members write them: a fixed offset stays a fixed offset, a city keeps its summer time."""
from __future__ import annotations

from datetime import datetime, timezone

import pytest

from samovar.core.timezones import parse_timezone, zone_info, zone_label

JANUARY = datetime(2026, 1, 5, 9, 0, tzinfo=timezone.utc)
JULY = datetime(2026, 7, 6, 9, 0, tzinfo=timezone.utc)


def understood(said: str, at: datetime = JULY) -> tuple[str, str]:
    """What the member is told: the zone as shown, and their local time at ``at``."""
    zone = parse_timezone(said)
    assert zone is not None, said
    return zone_label(zone), at.astimezone(zone_info(zone)).strftime("%H:%M")


@pytest.mark.parametrize("said, shown, july, january", [
    ("UTC-3:30", "UTC-3:30", "05:30", "05:30"),
    ("utc−0330", "UTC-3:30", "05:30", "05:30"),
    ("UTC+5:30", "UTC+5:30", "14:30", "14:30"),
    ("GMT+5:45", "UTC+5:45", "14:45", "14:45"),
    ("+9:30", "UTC+9:30", "18:30", "18:30"),
    ("UTC+3", "UTC+3", "12:00", "12:00"),
    ("UTC+3:00", "UTC+3", "12:00", "12:00"),
    ("GMT-5", "UTC-5", "04:00", "04:00"),
    ("UTC+0", "UTC", "09:00", "09:00"),
])
def test_an_offset_is_shown_as_an_offset_and_has_no_summer_time(said, shown, july, january):
    assert understood(said) == (shown, july)
    assert understood(said, JANUARY) == (shown, january)


def test_a_city_keeps_its_own_summer_time():
    assert understood("St Johns") == ("America/St_Johns", "06:30")
    assert understood("St Johns", JANUARY) == ("America/St_Johns", "05:30")
    assert understood("Kolkata") == ("Asia/Kolkata", "14:30")
    assert understood("Лиссабон") == ("Europe/Lisbon", "10:00")


def test_an_offset_inside_a_sentence_is_read_whole():
    assert understood("I live in UTC-3:30 these days") == ("UTC-3:30", "05:30")
    assert understood("по utc+5:30, обычно") == ("UTC+5:30", "14:30")


@pytest.mark.parametrize("said", ["UTC+3:17", "UTC-13", "UTC+15", "UTC+5:60", "Mars/Olympus"])
def test_offsets_no_place_uses_and_unknown_names_are_not_understood(said):
    assert parse_timezone(said) is None


@pytest.mark.parametrize("said", ["UTC-3:30", "UTC+5:45", "UTC+3", "UTC-12", "Europe/Moscow", "Москва", "utc"])
def test_a_stored_zone_reads_back_as_itself(said):
    stored = parse_timezone(said)
    assert stored is not None and parse_timezone(stored) == stored
    assert parse_timezone(zone_label(stored)) == stored


def test_an_unknown_stored_zone_is_a_value_error():
    for name in ("Mars/Olympus", "Europe", "UTC-3:30x", ""):
        with pytest.raises(ValueError):
            zone_info(name)
