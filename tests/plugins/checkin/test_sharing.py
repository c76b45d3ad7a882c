"""Who sees a check-in: nobody by default; the buddy, the room, or the room without a name by choice."""
from __future__ import annotations

from .conftest import answer_all, open_checkin

ANSWERS = ("finished the report", "slept badly", "3")


async def test_private_is_the_default_and_nothing_leaves_the_dm(make_community):
    community = await open_checkin(await make_community(buddies={"anna": "boris"}), "anna")
    await answer_all(community, "anna", *ANSWERS, "-")
    assert community.dms_to("anna")[-1] == community.t("checkin.done.private")
    assert community.dms_to("boris") == []
    assert not [a for a in community.actions if a.action == "send"]


async def test_shared_with_the_buddy_privately(make_community):
    community = await open_checkin(await make_community(buddies={"anna": "boris"}), "anna")
    await community.join("boris")
    await answer_all(community, "anna", *ANSWERS, "2")
    to_boris = community.dms_to("boris")
    assert len(to_boris) == 1
    assert "anna" in to_boris[0] and "finished the report" in to_boris[0] and "slept badly" in to_boris[0]
    assert community.dms_to("anna")[-1] == community.t("checkin.done.buddy", name="boris")
    assert not [a for a in community.actions if a.action == "send"]


async def test_without_a_buddy_it_stays_private(make_community):
    community = await open_checkin(await make_community(), "anna")
    await answer_all(community, "anna", *ANSWERS, "buddy")
    assert community.dms_to("anna")[-1] == community.t("checkin.done.no_buddy")
    await community.dm("anna", "!checkin history")
    assert community.t("checkin.history.sharing.private") in community.dms_to("anna")[-1]


async def test_a_buddy_who_cannot_be_reached_keeps_it_private(make_community):
    community = await make_community(buddies={"anna": "boris"}, config={"adapters": {"console": {"dm_closed": ["boris"]}}})
    community = await open_checkin(community, "anna")
    await answer_all(community, "anna", *ANSWERS, "2")
    assert community.dms_to("anna")[-1] == community.t("checkin.done.buddy_unreachable")


async def test_posted_in_the_checkin_room_with_the_name(make_community):
    community = await open_checkin(await make_community(), "anna")
    await answer_all(community, "anna", *ANSWERS, "3")
    posted = community.sent_in("checkins")
    assert len(posted) == 1 and posted[0].startswith("anna") and "finished the report" in posted[0]
    assert "Mood: 3/5" in posted[0]
    assert community.dms_to("anna")[-1] == community.t("checkin.done.room", name="checkins")


async def test_posted_in_the_room_without_the_name(make_community):
    community = await open_checkin(await make_community(), "anna")
    await answer_all(community, "anna", *ANSWERS, "4")
    posted = community.sent_in("checkins")
    assert len(posted) == 1 and "anna" not in posted[0] and "slept badly" in posted[0]
    assert community.dms_to("anna")[-1] == community.t("checkin.done.anonymous", name="checkins")


async def test_the_room_comes_from_config(make_community):
    community = await open_checkin(await make_community(checkin={"room": "weekly"}), "anna")
    await answer_all(community, "anna", *ANSWERS)
    assert "#weekly" in community.dms_to("anna")[-1]
    await community.dm("anna", "anonymous")
    assert len(community.sent_in("weekly")) == 1 and not community.sent_in("checkins")


async def test_a_default_choice_skips_the_question(make_community):
    community = await make_community()
    await community.dm("anna", "!checkin on")
    await community.dm("anna", "!checkin share anonymous")
    assert community.dms_to("anna")[-1] == community.t("checkin.share.anonymous", room="checkins")
    community = await open_checkin(community, "anna", already_on=True)
    await answer_all(community, "anna", *ANSWERS)
    assert community.dms_to("anna")[-1] == community.t("checkin.done.anonymous", name="checkins")
    assert "anna" not in community.sent_in("checkins")[0]


async def test_an_empty_checkin_is_never_shared(make_community):
    community = await make_community()
    await community.dm("anna", "!checkin on")
    await community.dm("anna", "!checkin share room")
    community = await open_checkin(community, "anna", already_on=True)
    await answer_all(community, "anna", "-", "-", "-")
    assert community.sent_in("checkins") == []


async def test_a_stopped_checkin_is_never_shared(make_community):
    community = await make_community()
    await community.dm("anna", "!checkin on")
    await community.dm("anna", "!checkin share room")
    community = await open_checkin(community, "anna", already_on=True)
    await answer_all(community, "anna", "a good day", "stop")
    assert community.sent_in("checkins") == []


async def test_an_unclear_choice_is_asked_again(make_community):
    community = await open_checkin(await make_community(), "anna")
    await answer_all(community, "anna", *ANSWERS, "everyone!")
    assert community.dms_to("anna")[-1] == community.t("checkin.invalid.share")
    assert community.sent_in("checkins") == []



async def test_an_answer_that_needed_care_ends_the_week_privately(make_community):
    """After the care message no more questions come, and nothing of this check-in leaves the DM."""
    community = await open_checkin(await make_community(), "anna")
    await answer_all(community, "anna", "nothing", "everything feels hopeless")
    assert community.dms_to("anna")[-2:] == ["care: you are not alone, here is who can help",
                                             community.t("checkin.done.after_care")]
    told = len(community.dms_to("anna"))
    await answer_all(community, "anna", "3")
    assert community.dms_to("anna")[told:] == [community.t("core.still_here")], "no check-in question any more"
    await community.wait("8d")
    assert community.sent_in("checkins") == []
