"""Why a newcomer waits, said honestly: to the newcomer, to the volunteer, to moderators; who comes back."""
from __future__ import annotations

from typing import Any

from tests.plugins.buddy.support import introduced_buddy


async def make_town(community_factory: Any, **settings: Any) -> Any:
    return await community_factory(config={"plugins": {"buddy": settings}}, plugins=["buddy"])


async def test_no_shared_language_is_told_honestly_and_the_volunteer_learns_what_is_assumed(community_factory):
    town = await make_town(community_factory)
    await town.say("vera", "!buddy volunteer")
    assert town.replies_to("vera")[-1].split("\n")[-1] == town.t(
        "buddy.volunteer.assumed_languages", languages="English", command="!buddy languages ru en")
    await town.dm("vera", "!buddy status")
    assert town.dms_to("vera")[-1].split("\n")[-1] == town.t(
        "buddy.profile.summary", languages=town.t("buddy.profile.languages_assumed", languages="English"),
        topics=town.t("buddy.profile.not_said"), zone=town.t("buddy.profile.not_said"),
        hours=town.t("buddy.profile.not_said"))

    await town.join("boris")
    for answer in ("русский", "пропустить", "пропустить"):
        await town.dm("boris", answer)
    assert town.dms_to("boris")[-1] == town.t("buddy.queued.language.private", "ru", languages="русский")
    assert not any(town.t("buddy.queued.busy.private", "ru") in text for text in town.dms_to("boris"))

    await town.say("mod", "!buddy pending", room="moderators")
    assert town.sent_in("moderators")[-1].split("\n")[1] == town.t(
        "buddy.pending.item", name="boris", waited=town.t("buddy.pending.today"), languages="ru",
        why=town.t("buddy.pending.why.language", languages="Russian", spoken="English",
                   command="!buddy languages ru en"))

    await town.say("vera", "!buddy languages ru en")
    assert town.replies_to("vera")[-1] == town.t("buddy.profile.languages_set", languages="Russian, English")
    assert introduced_buddy(town, "boris", "ru") == "vera"


async def test_a_volunteer_who_named_their_languages_is_not_told_what_is_assumed(community_factory):
    town = await make_town(community_factory)
    await town.say("vera", "!buddy languages ru")
    await town.say("vera", "!buddy volunteer")
    assert not any(line.startswith(town.t("buddy.volunteer.assumed_languages", languages="", command="")[:20])
                   for line in town.replies_to("vera")[-1].split("\n"))


async def test_nobody_volunteering_is_not_called_everyone_busy(community_factory):
    town = await make_town(community_factory, questions=False)
    await town.join("boris")
    assert town.dms_to("boris")[-1] == town.t("buddy.queued.nobody.private")
    await town.dm("mod", "!buddy pending")
    assert town.dms_to("mod")[-1].split("\n")[1].endswith(town.t("buddy.pending.why.nobody"))


async def test_a_member_who_comes_back_may_meet_their_earlier_buddy_again(community_factory):
    town = await make_town(community_factory, questions=False)
    await town.say("anna", "!buddy volunteer")
    await town.join("boris")
    assert introduced_buddy(town, "boris") == "anna"
    await town.leave("boris")
    await town.wait("3d")
    await town.join("boris")
    intro = town.t("buddy.intro.newcomer", buddy="@anna")
    assert [text.split("\n")[0] for text in town.dms_to("boris")].count(intro) == 2
    assert town.dms_to("boris")[-1].split("\n")[0] == intro


async def test_a_buddy_who_declined_is_not_asked_again_after_a_rejoin_and_the_newcomer_hears_why(community_factory):
    town = await make_town(community_factory, questions=False)
    await town.say("anna", "!buddy volunteer")
    await town.join("boris")
    await town.dm("anna", "!buddy decline")
    assert town.dms_to("boris")[-1] == town.t("buddy.queued.had_all.private")
    await town.leave("boris")
    await town.wait("3d")
    await town.join("boris")
    assert town.dms_to("boris")[-1] == town.t("buddy.queued.had_all.private")
    intro = town.t("buddy.intro.buddy", newcomer="@boris")
    assert [text.split("\n")[0] for text in town.dms_to("anna")].count(intro) == 1
    await town.say("mod", "!buddy pending", room="moderators")
    assert town.sent_in("moderators")[-1].split("\n")[1].endswith(town.t("buddy.pending.why.had_all"))
