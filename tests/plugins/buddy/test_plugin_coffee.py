"""Random coffee: opt-in only, everybody placed, no repeats, shared language and hours, gentle follow-ups.

The test community starts on Monday 09:00 UTC; rounds default to Mondays 10:00.
"""
from __future__ import annotations

import json
import re
from typing import Any


async def make_town(community_factory: Any, dm_closed: tuple[str, ...] = (), **coffee: Any) -> Any:
    config: dict[str, Any] = {"plugins": {"buddy": {"welcome": False, "coffee": coffee}}}
    if dm_closed:
        config["adapters"] = {"console": {"dm_closed": list(dm_closed)}}
    return await community_factory(config=config, plugins=["buddy"])


async def opt_in(town: Any, *names: str) -> None:
    for name in names:
        await town.say(name, "!coffee on")


def groups_of(town: Any, name: str) -> list[list[str]]:
    """The people ``name`` was introduced to, round by round."""
    found = []
    for text in town.dms_to(name):
        head = text.split("\n", 1)[0]
        names = re.findall(r"@(\w+)", head)
        others = ", ".join(f"@{n}" for n in names)
        if head in (town.t("buddy.coffee.intro", others=others), town.t("buddy.coffee.intro_three", others=others)):
            found.append(sorted(names))
    return found


async def test_only_members_who_opted_in_are_paired(community_factory):
    town = await make_town(community_factory)
    await town.say("alice", "!coffee on")
    assert town.replies_to("alice")[-1] == town.t(
        "buddy.coffee.on", off="!coffee off", languages="!coffee languages ru en",
        timezone="!coffee timezone Europe/Moscow", topics="!coffee topics career")
    await town.say("alice", "!coffee on")
    assert town.replies_to("alice")[-1] == town.t("buddy.coffee.already_on")
    await opt_in(town, "bob")
    await town.say("carol", "hello everyone")
    await town.wait("1h")
    assert groups_of(town, "alice") == [["bob"]]
    assert groups_of(town, "bob") == [["alice"]]
    assert town.dms_to("carol") == []


async def test_an_odd_count_makes_one_group_of_three_and_nobody_is_left_out(community_factory):
    town = await make_town(community_factory)
    names = ["alice", "bob", "carol", "dan", "eve"]
    await opt_in(town, *names)
    await town.wait("1h")
    groups = {name: groups_of(town, name) for name in names}
    assert all(len(rounds) == 1 for rounds in groups.values()), groups
    sizes = sorted(len(rounds[0]) for rounds in groups.values())
    assert sizes == [1, 1, 2, 2, 2]
    for name, rounds in groups.items():
        for other in rounds[0]:
            assert name in groups[other][0], "groups agree"


async def test_no_two_people_meet_again_within_the_window(community_factory):
    town = await make_town(community_factory, no_repeat_rounds=6)
    names = ["alice", "bob", "carol", "dan"]
    await opt_in(town, *names)
    await town.wait("1h")
    for _ in range(3):
        await town.wait("5d")
        for name in names:
            await town.dm(name, "yes")
        await town.wait("2d")
    for name in names:
        partners = [group[0] for group in groups_of(town, name)]
        assert sorted(partners) == sorted(set(names) - {name}), (name, partners)
    for name in names:
        assert len(groups_of(town, name)) == 3, "every pair used: no repeat inside the window"
        assert town.dms_to(name)[-1] == town.t("buddy.coffee.unmatched")


async def test_groups_share_a_language_and_waking_hours(community_factory):
    town = await make_town(community_factory)
    await opt_in(town, "ivan", "emma", "yuki", "luis")
    await town.say("ivan", "!coffee languages ru")
    await town.say("yuki", "!coffee timezone Asia/Tokyo")
    await town.say("yuki", "!coffee hours 9-17")
    await town.say("luis", "!coffee timezone America/Los_Angeles")
    await town.say("luis", "!coffee hours 9-16")
    await town.wait("1h")
    assert groups_of(town, "emma") == [["luis"]]
    intro = town.dms_to("luis")[-1].split("\n")
    assert town.t("buddy.coffee.languages", languages="English") in intro
    assert town.t("buddy.coffee.awake", hours="09:00–14:00") in intro, "emma's 9-22 UTC in luis's own time"
    for alone in ("ivan", "yuki"):
        assert groups_of(town, alone) == []
        assert town.dms_to(alone)[-1] == town.t("buddy.coffee.unmatched")


async def test_shared_topics_are_preferred(community_factory):
    town = await make_town(community_factory)
    await opt_in(town, "alice", "bob", "carol", "dan")
    for name, topic in (("alice", "career"), ("carol", "career"), ("bob", "parenting"), ("dan", "parenting")):
        await town.say(name, f"!coffee topics {topic}")
    await town.wait("1h")
    assert groups_of(town, "alice") == [["carol"]]
    assert groups_of(town, "bob") == [["dan"]]
    assert town.t("buddy.coffee.topics", topics="parenting") in town.dms_to("dan")[-1].split("\n")


async def test_did_you_meet_is_asked_later_and_the_answer_kept(community_factory):
    town = await make_town(community_factory, followup_after="5d")
    await opt_in(town, "alice", "bob")
    await town.wait("1h")
    await town.wait("4d23h")
    assert not any("How did it go" in text for text in town.dms_to("alice"))
    await town.wait("1h")
    assert town.dms_to("alice")[-1] == town.t("buddy.coffee.followup", others="@bob",
                                              command="!coffee met yes|no")
    await town.dm("alice", "yes!")
    assert town.dms_to("alice")[-1] == town.t("buddy.coffee.met_yes")
    await town.dm("bob", "!coffee met no")
    assert town.dms_to("bob")[-1] == town.t("buddy.coffee.met_no")
    await town.dm("alice", "!privacy export")
    data = exported(town, "alice")["buddy"]
    bob = await town.bot.members.resolve(town.member("bob"))
    assert [(m["with_member_id"], m["kind"]) for m in data["meetups"]] == [(bob, "coffee")]
    assert data["coffee_groups"] == [{"with_member_ids": [bob], "met": True}]


async def test_three_quiet_rounds_bring_one_gentle_question(community_factory):
    town = await make_town(community_factory, no_repeat_rounds=0)
    await opt_in(town, "alice", "bob", "carol", "dan")
    await town.wait("1h")
    for _ in range(3):
        await town.wait("5d")
        await town.dm("carol", "no")
        await town.dm("dan", "no")
        await town.wait("2d")
    question = town.t("buddy.coffee.stay_question", count=3, on="!coffee on", off="!coffee off")
    for quiet in ("alice", "bob"):
        assert town.dms_to(quiet)[-1] == question
        assert len(groups_of(town, quiet)) == 3, "not paired while the question is open"
    assert groups_of(town, "carol")[-1] == ["dan"]
    await town.dm("alice", "yes")
    assert town.dms_to("alice")[-1] == town.t("buddy.coffee.stay_yes")
    await town.dm("bob", "нет")
    assert town.dms_to("bob")[-1] == town.t("buddy.coffee.stay_no", "ru", on="!coffee on"), "answered as he wrote"
    await town.wait("7d")
    assert len(groups_of(town, "alice")) == 4
    assert len(groups_of(town, "bob")) == 3
    await town.say("bob", "!coffee off")
    assert town.replies_to("bob")[-1] == town.t("buddy.coffee.already_off", "ru", on="!coffee on")


async def test_met_records_a_meetup_nobody_planned(community_factory):
    town = await make_town(community_factory)
    await town.say("bob", "!coffee off")
    await town.say("alice", "!met @bob")
    assert town.replies_to("alice")[-1] == town.t("buddy.met.thanks")
    await town.say("bob", "!met @alice")
    await town.say("alice", "!met @alice")
    assert town.replies_to("alice")[-1] == town.t("buddy.met.self")
    await town.dm("alice", "!privacy export")
    meetups = exported(town, "alice")["buddy"]["meetups"]
    assert [m["kind"] for m in meetups] == ["unplanned"], "the same meetup noted by both counts once"
    await town.wait("1d")
    await town.say("bob", "!met @alice")
    await town.dm("alice", "!privacy export")
    assert len(exported(town, "alice")["buddy"]["meetups"]) == 2


async def test_met_with_the_coffee_partner_answers_the_round(community_factory):
    town = await make_town(community_factory)
    await opt_in(town, "alice", "bob")
    await town.wait("1h")
    await town.say("alice", "!met @bob")
    await town.dm("bob", "!privacy export")
    data = exported(town, "bob")["buddy"]
    assert [m["kind"] for m in data["meetups"]] == ["coffee"]


async def test_leaving_or_opting_out_takes_a_member_out_of_the_rounds(community_factory):
    town = await make_town(community_factory)
    await opt_in(town, "alice", "bob", "carol", "dan")
    await town.leave("carol")
    await town.say("dan", "!coffee off")
    assert town.replies_to("dan")[-1] == town.t("buddy.coffee.off", on="!coffee on")
    await town.wait("1h")
    assert groups_of(town, "alice") == [["bob"]]
    assert groups_of(town, "carol") == [] and groups_of(town, "dan") == []


async def test_rounds_follow_the_configured_cadence(community_factory):
    town = await make_town(community_factory, day="wed", time="18:00", every_weeks=2, no_repeat_rounds=0)
    await opt_in(town, "alice", "bob")
    await town.wait("4w")
    times = [a.at.isoformat() for a in town.actions if a.action == "dm" and a.to == "alice"
             and (a.text or "").startswith(town.t("buddy.coffee.intro", others="@bob"))]
    assert times == ["2026-01-07T18:00:00+00:00", "2026-01-21T18:00:00+00:00"]


async def test_closed_dms_bring_the_coffee_intro_to_the_room_and_a_note_about_rounds(community_factory):
    town = await make_town(community_factory, dm_closed=("bob",), announce_room="general")
    await opt_in(town, "alice", "bob")
    await town.wait("1h")
    assert town.sent_in("general")[-2:] == [
        town.t("buddy.fallback", mention="@bob", text=town.t("buddy.coffee.intro_public", others="@alice"),
               how=town.t("buddy.open_dms.other")),
        town.t("buddy.coffee.announce", count=1, on="!coffee on"),
    ]
    assert groups_of(town, "alice") == [["bob"]]


def exported(town: Any, name: str) -> dict[str, Any]:
    dms = town.dms_to(name)
    start = max(i for i, text in enumerate(dms) if text == town.t("core.privacy.export_intro"))
    return json.loads("".join(text.strip("`\n") for text in dms[start + 1:]))


async def test_met_refuses_everyone_but_counts_a_member_who_has_only_chatted(community_factory):
    town = await make_town(community_factory)
    for mention in ("@everyone", "@here", "@room"):
        await town.say("alice", f"!met {mention}")
        assert town.replies_to("alice")[-1] == town.t("buddy.met.everyone")
    await town.dm("alice", "!privacy export")
    assert exported(town, "alice").get("buddy", {}).get("meetups", []) == [], "nothing was noted"
    await town.say("bob", "hi all")
    await town.say("alice", "!met @bob")
    assert town.replies_to("alice")[-1] != town.t("buddy.met.everyone")
    await town.dm("alice", "!privacy export")
    assert len(exported(town, "alice")["buddy"]["meetups"]) == 1


async def test_a_held_round_is_counted_for_moderators_in_good_grammar(community_factory):
    town = await make_town(community_factory)
    await opt_in(town, "alice", "bob")
    await town.say("mod", "!coffee round")
    assert town.replies_to("mod")[-1] == "Round held: 1 group, 0 without a match."


async def test_a_group_listing_shows_only_that_groups_commands_the_member_may_use(community_factory):
    town = await make_town(community_factory)
    await town.say("vera", "!coffee")
    listing = town.replies_to("vera")[-1].split("\n")[1:]
    assert listing and all(line.startswith("!coffee ") for line in listing)
    assert not any(line.startswith("!coffee round") for line in listing), "a moderators' command"
    await town.say("vera", "!buddy")
    assert not any(line.startswith("!buddy pending") for line in town.replies_to("vera")[-1].split("\n"))
    await town.say("mod", "!buddy")
    assert any(line.startswith("!buddy pending") for line in town.replies_to("mod")[-1].split("\n"))
