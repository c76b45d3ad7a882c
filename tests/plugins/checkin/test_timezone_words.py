"""``!checkin on`` understands the same time zone words as ``!buddy timezone``."""
from __future__ import annotations

from datetime import datetime, timezone

import pytest

from samovar.plugins.checkin.schedule import parse_when

from .test_optin import opening_times
from .test_reading import DAYS

JULY = datetime(2026, 7, 6, 9, 0, tzinfo=timezone.utc)  # a Monday


@pytest.mark.parametrize("said, zone", [
    ("Москва", "Europe/Moscow"), ("UTC+3", "Etc/GMT-3"), ("UTC +3", "Etc/GMT-3"), ("Лиссабон", "Europe/Lisbon"),
    ("moscow", "Europe/Moscow"), ("New York", "America/New_York"), ("нижний новгород", "Europe/Moscow"),
    ("UTC-3:30", "UTC-3:30"), ("europe/berlin,", "Europe/Berlin"),
])
def test_a_zone_in_any_words_the_buddy_plugin_knows(said, zone):
    assert parse_when(f"fri {said} 18:00", DAYS) == parse_when(f"18:00 {said} fri", DAYS)
    when = parse_when(f"fri 18:00 {said}", DAYS)
    assert (when.weekday, when.minute, when.tz, when.unknown) == (4, 18 * 60, zone, None)


@pytest.mark.parametrize("said, unknown", [("fri Mars", "Mars"), ("UTC+3:17", "UTC+3:17"),
                                           ("Москва Лиссабон", "Лиссабон"), ("New Jersey", "New")])
def test_what_is_not_one_zone_is_still_named(said, unknown):
    assert parse_when(said, DAYS).unknown == unknown


@pytest.mark.parametrize("said, first", [
    ("Москва", "2026-01-09T15:00:00+00:00"),
    ("UTC+3", "2026-01-09T15:00:00+00:00"),
    ("Лиссабон", "2026-01-09T18:00:00+00:00"),
    ("fri 18:00 New York", "2026-01-09T23:00:00+00:00"),
])
async def test_checkins_come_at_six_in_the_zone_named(make_community, said, first):
    community = await make_community()
    await community.dm("anna", f"!checkin on {said}")
    assert "«" not in community.dms_to("anna")[-1]
    await community.wait("5d")
    assert opening_times(community, "anna") == [first]


async def test_a_russian_speaker_names_their_city_in_russian(make_community):
    community = await make_community()
    await community.dm("vera", "!language ru")
    await community.dm("vera", "!checkin on пт 18:00 Москва")
    assert "по пятницам в 18:00 (Europe/Moscow)" in community.dms_to("vera")[-1]


async def test_a_half_hour_offset_has_no_summer_time(make_community):
    community = await make_community(start=JULY)
    await community.dm("anna", "!checkin on fri 18:00 UTC-3:30")
    details = community.dms_to("anna")[-1]
    assert "(UTC-3:30)" in details and "2026-07-10 at 18:00" in details
    await community.wait("5d")
    assert opening_times(community, "anna") == ["2026-07-10T21:30:00+00:00"]  # St John's would be 20:30


async def test_a_fixed_offset_the_member_gave_the_buddy_plugin_is_their_default(make_community):
    community = await make_community(start=JULY)
    member = await community.bot.members.resolve(community.member("anna"))
    await community.bot.members.set_timezone(member, "UTC-3:30")  # as !buddy timezone UTC-3:30 stores it
    await community.dm("anna", "!checkin on")
    assert "on Fridays at 18:00 (UTC-3:30)" in community.dms_to("anna")[-1]
    await community.wait("5d")
    assert opening_times(community, "anna") == ["2026-07-10T21:30:00+00:00"]
