"""A fixed offset given to ``!buddy timezone`` stays a fixed offset wherever the time zone is used."""
from __future__ import annotations

from datetime import datetime, timezone
from typing import Any

JULY = datetime(2026, 7, 6, 9, 0, tzinfo=timezone.utc)  # St John's is on summer time (UTC-2:30)


async def make_town(community_factory: Any) -> Any:
    return await community_factory(config={"plugins": {"buddy": {"questions": False}}},
                                   plugins=["buddy", "checkin"], start=JULY)


async def test_a_half_hour_offset_is_shown_as_given_with_its_own_clock(community_factory):
    town = await make_town(community_factory)
    await town.say("anna", "!buddy timezone UTC-3:30")
    assert town.replies_to("anna")[-1] == town.t("buddy.profile.timezone_set", zone="UTC-3:30", time="05:30")
    await town.say("anna", "!buddy timezone UTC+5:30")
    assert town.replies_to("anna")[-1] == town.t("buddy.profile.timezone_set", zone="UTC+5:30", time="14:30")
    await town.say("anna", "!buddy status")
    assert "UTC+5:30" in town.dms_to("anna")[-1].split("\n")[-1]


async def test_checkins_follow_the_offset_given_to_the_buddy_plugin(community_factory):
    town = await make_town(community_factory)
    await town.say("anna", "!buddy timezone UTC-3:30")
    await town.say("boris", "!buddy timezone UTC+3")
    for name in ("anna", "boris"):
        await town.dm(name, "!checkin on fri 18:00")
    assert "on Fridays at 18:00 (UTC-3:30)" in town.dms_to("anna")[-1]
    assert "on Fridays at 18:00 (UTC+3)" in town.dms_to("boris")[-1]
