"""Volunteers: offering, updating, telling about themselves, pausing, resuming and stopping."""
from __future__ import annotations

from typing import Any

from tests.plugins.buddy.support import introduced_buddy


async def make_town(community_factory: Any, **settings: Any) -> Any:
    settings.setdefault("questions", False)
    return await community_factory(config={"plugins": {"buddy": settings}}, plugins=["buddy"])


async def test_volunteering_twice_updates_the_offer(community_factory):
    town = await make_town(community_factory)
    await town.say("anna", "!buddy volunteer 1")
    assert town.replies_to("anna")[-1].split("\n")[0] == town.t("buddy.volunteer.thanks", count=1)
    await town.say("anna", "!buddy volunteer 2")
    assert town.replies_to("anna")[-1].split("\n")[0] == town.t("buddy.volunteer.updated", count=2)
    for name in ("boris", "carl", "dina"):
        await town.join(name)
    assert [introduced_buddy(town, n) for n in ("boris", "carl")] == ["anna", "anna"]
    assert town.dms_to("dina")[-1] == town.t("buddy.queued.busy.private"), "the updated capacity, counted once"
    await town.dm("anna", "!buddy status")
    assert town.t("buddy.status.volunteer_active", count=2, names="@boris, @carl") in town.dms_to("anna")[-1]


async def test_capacity_stays_within_kind_limits(community_factory):
    town = await make_town(community_factory, max_capacity=3)
    await town.say("anna", "!buddy volunteer 9")
    assert town.replies_to("anna")[-1] == town.t("buddy.volunteer.capacity_range", most=3)
    await town.say("anna", "!buddy volunteer")
    assert town.replies_to("anna")[-1].split("\n")[0] == town.t("buddy.volunteer.thanks", count=2)


async def test_what_volunteers_tell_about_themselves_is_understood(community_factory):
    town = await make_town(community_factory)
    await town.say("anna", "!language en")  # answers in English whatever words she types
    await town.say("anna", "!buddy volunteer")
    await town.say("anna", "!buddy languages русский English")
    assert town.replies_to("anna")[-1] == town.t("buddy.profile.languages_set", languages="Russian, English")
    await town.say("anna", "!buddy languages klingon")
    assert town.replies_to("anna")[-1] == town.t("buddy.profile.languages_unknown", words="klingon",
                                                 example="!buddy languages ru en")
    await town.say("anna", "!buddy timezone Санкт-Петербург")
    assert town.replies_to("anna")[-1] == town.t("buddy.profile.timezone_set", zone="Europe/Moscow", time="12:00")
    await town.say("anna", "!buddy timezone UTC+5")
    assert town.replies_to("anna")[-1] == town.t("buddy.profile.timezone_set", zone="UTC+5", time="14:00")
    await town.say("anna", "!buddy timezone Atlantis")
    assert town.replies_to("anna")[-1] == town.t("buddy.profile.timezone_unknown", zone="Atlantis",
                                                 example="!buddy timezone Europe/Moscow")
    await town.say("anna", "!buddy topics выгорание, career, design")
    assert town.replies_to("anna")[-1] == town.t("buddy.profile.topics_set", topics="burnout, career, design")
    await town.say("anna", "!buddy hours 8-23")
    assert town.replies_to("anna")[-1] == town.t("buddy.profile.hours_set", start="08:00", end="23:00")
    await town.say("anna", "!buddy status")
    assert town.replies_to("anna")[-1] == town.t("buddy.sent_privately")
    assert town.dms_to("anna")[-1].split("\n")[-1] == town.t(
        "buddy.profile.summary", languages="Russian, English", topics="burnout, career, design", zone="UTC+5",
        hours="08:00–23:00")
    await town.say("anna", "!buddy topics -")
    assert town.replies_to("anna")[-1] == town.t("buddy.profile.topics_cleared")


async def test_a_paused_volunteer_gets_nobody_until_they_resume(community_factory):
    town = await make_town(community_factory)
    await town.say("anna", "!buddy pause")
    assert town.replies_to("anna")[-1] == town.t("buddy.volunteer.not_yet", command="!buddy volunteer")
    await town.say("anna", "!buddy volunteer")
    await town.say("anna", "!buddy pause")
    assert town.replies_to("anna")[-1] == town.t("buddy.volunteer.paused", resume="!buddy resume",
                                                 decline="!buddy decline")
    await town.join("boris")
    assert town.dms_to("boris")[-1] == town.t("buddy.queued.nobody.private")
    await town.dm("mod", "!buddy pending")
    assert town.dms_to("mod")[-1].split("\n")[-1] == town.t("buddy.pending.volunteers", active=0, free=0,
                                                                paused=1)
    await town.say("anna", "!buddy resume")
    assert town.replies_to("anna")[-1] == town.t("buddy.volunteer.resumed")
    assert introduced_buddy(town, "boris") == "anna"


async def test_a_volunteer_who_stops_keeps_current_newcomers_but_gets_no_new_ones(community_factory):
    town = await make_town(community_factory)
    await town.say("anna", "!buddy volunteer 3")
    await town.join("boris")
    await town.say("anna", "!buddy stop")
    assert town.replies_to("anna")[-1] == town.t("buddy.volunteer.stopped", decline="!buddy decline",
                                                 resume="!buddy resume")
    await town.join("carl")
    assert town.dms_to("carl")[-1] == town.t("buddy.queued.nobody.private")
    await town.dm("boris", "!buddy status")
    assert town.dms_to("boris")[-1].split("\n")[0] == town.t("buddy.status.your_buddy", buddy="@anna")
    await town.dm("carl", "!buddy status")
    assert town.dms_to("carl")[-1].split("\n")[0] == town.t("buddy.status.waiting")
