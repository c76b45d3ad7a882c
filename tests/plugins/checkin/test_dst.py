"""Daylight saving time: a check-in stays at the member's local time when the clocks change."""
from __future__ import annotations

from datetime import datetime, timezone

import pytest

from samovar.plugins.checkin.schedule import Weekly

from .test_optin import opening_times


@pytest.mark.parametrize("start, expected", [
    # Berlin moves to summer time on Sun 29 March 2026: 18:00 local is 17:00 UTC before, 16:00 after
    (datetime(2026, 3, 23, 9, 0, tzinfo=timezone.utc),
     ["2026-03-27T17:00:00+00:00", "2026-04-03T16:00:00+00:00"]),
    # and back to winter time on Sun 25 October 2026
    (datetime(2026, 10, 19, 9, 0, tzinfo=timezone.utc),
     ["2026-10-23T16:00:00+00:00", "2026-10-30T17:00:00+00:00"]),
])
async def test_a_berlin_member_hears_from_us_at_six_local_across_the_change(make_community, start, expected):
    community = await make_community(start=start)
    await community.dm("lena", "!checkin on fri 18:00 Europe/Berlin")
    await community.wait("12d")
    assert opening_times(community, "lena") == expected


async def test_a_sunday_checkin_on_the_day_of_the_change(make_community):
    community = await make_community(start=datetime(2026, 3, 27, 9, 0, tzinfo=timezone.utc))
    await community.dm("lena", "!checkin on sun 18:00 Europe/Berlin")
    await community.wait("9d8h")
    assert opening_times(community, "lena") == ["2026-03-29T16:00:00+00:00", "2026-04-05T16:00:00+00:00"]


def test_a_local_time_skipped_by_the_change_comes_an_hour_later():
    weekly = Weekly(weekday=6, minute=2 * 60 + 30, tz="Europe/Berlin")  # 02:30 does not exist on 29 March
    moment = weekly.next_after(datetime(2026, 3, 28, tzinfo=timezone.utc))
    assert moment == datetime(2026, 3, 29, 1, 30, tzinfo=timezone.utc)  # 03:30 summer time
    assert weekly.next_after(moment) == datetime(2026, 4, 5, 0, 30, tzinfo=timezone.utc)


def test_a_repeated_local_time_fires_once():
    weekly = Weekly(weekday=6, minute=2 * 60 + 30, tz="Europe/Berlin")  # 02:30 happens twice on 25 October
    first = weekly.next_after(datetime(2026, 10, 24, tzinfo=timezone.utc))
    assert first == datetime(2026, 10, 25, 0, 30, tzinfo=timezone.utc)
    assert weekly.next_after(first) == datetime(2026, 11, 1, 1, 30, tzinfo=timezone.utc)
