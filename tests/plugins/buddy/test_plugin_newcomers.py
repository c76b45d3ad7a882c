"""Newcomers: the private welcome, the optional questions, the buddy they are introduced to, changes, check-up."""
from __future__ import annotations

from typing import Any

from samovar.core.events import MemberRef
from samovar.core.hookspecs import hookimpl
from samovar.core.plugin import Plugin

from tests.plugins.buddy.support import introduced_buddy


async def make_town(community_factory: Any, *extra: Any, **settings: Any) -> Any:
    return await community_factory(config={"plugins": {"buddy": settings}}, plugins=["buddy", *extra])


async def volunteer(town: Any, name: str, *commands: str, capacity: int = 2) -> None:
    await town.say(name, f"!buddy volunteer {capacity}")
    for text in commands:
        await town.say(name, text)


def intros_to(town: Any, name: str, key: str, lang: str = "en") -> list[str]:
    """DMs to ``name`` that are introductions of the kind ``key`` (the first line is compared)."""
    heads = {town.t(key, lang, buddy=f"@{other}", newcomer=f"@{other}") for other in town.adapter.members}
    return [text for text in town.dms_to(name) if text.split("\n", 1)[0] in heads]


async def test_welcome_questions_shape_the_introduction_to_both(community_factory):
    town = await make_town(community_factory)
    await volunteer(town, "anna", "!buddy languages ru en", "!buddy timezone Europe/Moscow",
                    "!buddy topics career procrastination")
    await town.join("boris")
    welcome = town.dms_to("boris")
    assert len(welcome) == 1
    assert welcome[0] == town.t("buddy.welcome.hello", community="Test community") + "\n" + \
        town.t("buddy.welcome.ask_language")
    await town.dm("boris", "русский")
    assert town.dms_to("boris")[-1] == town.t("buddy.welcome.ask_timezone", "ru")
    await town.dm("boris", "Москва")
    assert town.dms_to("boris")[-1] == town.t("buddy.welcome.timezone_set", "ru", zone="Europe/Moscow",
                                              time="12:00") + "\n" + town.t("buddy.welcome.ask_reason", "ru")
    assert town.dms_to("anna") == []
    await town.dm("boris", "выгорание на работе")
    intro = town.dms_to("boris")[-1]
    assert intro.split("\n") == [
        town.t("buddy.intro.newcomer", "ru", buddy="@anna"),
        town.t("buddy.intro.topics", "ru", topics="карьера"),
        town.t("buddy.intro.their_time", "ru", zone="Europe/Moscow", time="12:00"),
        town.t("buddy.intro.newcomer_tail", "ru", another="!buddy another"),
    ]
    buddy_intro = town.dms_to("anna")[-1].split("\n")
    assert buddy_intro[0] == town.t("buddy.intro.buddy", newcomer="@boris")
    assert buddy_intro[1] == town.t("buddy.intro.reason", reason="выгорание на работе")
    assert town.t("buddy.intro.topics", topics="career") in buddy_intro


async def test_the_best_fitting_volunteer_is_chosen(community_factory):
    town = await make_town(community_factory)
    await volunteer(town, "vera", "!buddy languages en", "!buddy topics career")
    await volunteer(town, "olga", "!buddy languages ru", "!buddy topics parenting")
    await volunteer(town, "anna", "!buddy languages ru", "!buddy topics career")
    await town.join("boris")
    await town.dm("boris", "по-русски")
    await town.dm("boris", "пропустить")
    await town.dm("boris", "ищу новую работу, карьера застряла")
    assert introduced_buddy(town, "boris", "ru") == "anna"
    assert intros_to(town, "vera", "buddy.intro.buddy") == []
    assert intros_to(town, "olga", "buddy.intro.buddy") == []


async def test_questions_can_be_stopped_and_are_never_required(community_factory):
    town = await make_town(community_factory)
    await volunteer(town, "anna")
    await town.join("boris")
    await town.dm("boris", "stop")
    assert town.dms_to("boris")[1] == town.t("buddy.welcome.stopped")
    assert introduced_buddy(town, "boris") == "anna"

    await town.join("carl")
    await town.wait("23h")
    assert introduced_buddy(town, "carl") is None
    await town.wait("1h")
    assert introduced_buddy(town, "carl") == "anna", "unanswered questions: a buddy is chosen after a day"


async def test_joining_another_room_does_not_welcome_twice(community_factory):
    town = await make_town(community_factory)
    await town.join("boris")
    await town.join("boris")
    assert len(town.dms_to("boris")) == 1


async def test_a_buddy_can_decline_and_the_next_best_is_asked(community_factory):
    town = await make_town(community_factory, questions=False)
    await volunteer(town, "anna", "!buddy topics career")
    await volunteer(town, "olga")
    await town.say("boris", "!buddy topics career")
    await town.join("boris")
    assert introduced_buddy(town, "boris") == "anna"
    await town.dm("anna", "!buddy decline")
    assert town.dms_to("anna")[-1] == town.t("buddy.decline.done", newcomer="@boris")
    assert town.t("buddy.decline.newcomer", buddy="@anna") in town.dms_to("boris")
    assert introduced_buddy(town, "boris") == "olga"
    assert len(intros_to(town, "olga", "buddy.intro.buddy")) == 1

    await town.dm("olga", "!buddy decline")
    assert town.dms_to("boris")[-1] == town.t("buddy.queued.had_all.private"), "nobody left who did not decline"
    assert len(intros_to(town, "anna", "buddy.intro.buddy")) == 1, "never the buddy who declined again"


async def test_a_buddy_with_several_newcomers_names_the_one_they_decline(community_factory):
    town = await make_town(community_factory, questions=False)
    await volunteer(town, "anna")
    await town.join("boris")
    await town.join("carl")
    await town.dm("anna", "!buddy decline")
    assert town.dms_to("anna")[-1] == town.t("buddy.decline.which", names="@boris, @carl",
                                             command="!buddy decline @name")
    await town.dm("anna", "!buddy decline @carl")
    assert town.dms_to("anna")[-1] == town.t("buddy.decline.done", newcomer="@carl")
    assert town.dms_to("carl")[-1] == town.t("buddy.queued.had_all.private")


async def test_a_newcomer_can_ask_for_another_buddy_without_a_reason(community_factory):
    town = await make_town(community_factory, questions=False)
    await volunteer(town, "anna")
    await volunteer(town, "olga")
    await town.join("boris")
    first = introduced_buddy(town, "boris")
    await town.dm("boris", "!buddy another")
    assert town.dms_to("boris")[-2] == town.t("buddy.another.ack")
    assert town.dms_to(first)[-1] == town.t("buddy.another.old_buddy", newcomer="@boris")
    second = introduced_buddy(town, "boris")
    assert second not in (None, first)
    await town.dm("boris", "!buddy another")
    assert town.dms_to("boris")[-1] == town.t("buddy.queued.had_all.private"), "never a buddy they already had"
    await town.dm("boris", "!buddy another")
    assert town.dms_to("boris")[-1] == town.t("buddy.another.still_looking")


async def test_full_buddies_mean_an_honest_queue_served_when_a_volunteer_appears(community_factory):
    town = await make_town(community_factory, questions=False)
    await volunteer(town, "anna", capacity=1)
    await town.join("boris")
    await town.join("carl")
    assert introduced_buddy(town, "boris") == "anna"
    assert town.dms_to("carl")[-1] == town.t("buddy.queued.busy.private")
    await town.say("carl", "!buddy pending")
    assert town.replies_to("carl")[-1] == town.t("core.not_allowed")
    await town.say("mod", "!buddy pending", room="moderators")
    assert town.replies_to("mod")[-1].split("\n") == [
        town.t("buddy.pending.header", count=1),
        town.t("buddy.pending.item", name="carl", waited=town.t("buddy.pending.today"),
               languages=town.t("buddy.profile.not_said"), why=town.t("buddy.pending.why.busy")),
        town.t("buddy.pending.volunteers", active=1, free=0, paused=0),
    ]
    await volunteer(town, "vera")
    intro = town.dms_to("carl")[-1].split("\n")
    assert intro[:2] == [town.t("buddy.intro.waited"), town.t("buddy.intro.newcomer", buddy="@vera")]
    await town.dm("mod", "!buddy pending")
    assert town.dms_to("mod")[-1].split("\n")[0] == town.t("buddy.pending.empty")


async def test_both_are_asked_a_week_later_and_the_answers_are_kept(community_factory):
    town = await make_town(community_factory, questions=False)
    await volunteer(town, "anna")
    await town.join("boris")
    await town.wait("6d23h")
    assert not any("connect" in text for text in town.dms_to("boris"))
    await town.wait("1h")
    assert town.dms_to("boris")[-1] == town.t("buddy.checkup.newcomer", buddy="@anna",
                                              command="!buddy connected yes|no")
    assert town.dms_to("anna")[-1] == town.t("buddy.checkup.buddy", newcomer="@boris",
                                             command="!buddy connected yes|no")
    await town.dm("boris", "maybe later")
    assert town.dms_to("boris")[-1] == town.t("buddy.unclear.checkup", command="!buddy connected yes")
    await town.dm("boris", "yes, we talked twice")
    assert town.dms_to("boris")[-1] == town.t("buddy.connected.yes")
    await town.dm("anna", "!buddy connected no")
    assert town.dms_to("anna")[-1] == town.t("buddy.connected.no_buddy")

    await town.dm("boris", "!privacy export")
    pairs = exported(town, "boris")["buddy"]["buddy_pairs"]
    assert [(p["role"], p["status"], p["you_said_connected"]) for p in pairs] == [("newcomer", "active", True)]
    await town.dm("anna", "!privacy export")
    pairs = exported(town, "anna")["buddy"]["buddy_pairs"]
    assert [(p["role"], p["you_said_connected"]) for p in pairs] == [("buddy", False)]


async def test_other_plugins_can_ask_who_the_buddy_is(community_factory):
    town = await make_town(community_factory, questions=False)
    await volunteer(town, "anna")
    await town.join("boris")
    ids = town.bot.members
    boris, anna = await ids.resolve(town.member("boris")), await ids.resolve(town.member("anna"))
    assert await town.bot.host.call_first("get_buddy", "test", member_id=boris) == anna
    assert await town.bot.host.call_first("get_buddy", "test", member_id=anna) is None


class Listener(Plugin):
    """A care plugin stand-in: answers private text privately."""

    name = "listener"

    @hookimpl
    async def on_private_text(self, member: MemberRef, text: str, lang: str, source: str) -> None:
        await self.bot.dm(member, f"[{source}] heard: {text}")


async def test_what_brings_a_newcomer_reaches_care_plugins_privately(community_factory):
    town = await make_town(community_factory, Listener)
    await town.join("boris")
    await town.dm("boris", "skip")
    await town.dm("boris", "skip")
    await town.dm("boris", "I feel lost lately")
    assert "[buddy] heard: I feel lost lately" in town.dms_to("boris")
    assert town.sent_in("general") == []


def exported(town: Any, name: str) -> dict[str, Any]:
    import json

    dms = town.dms_to(name)
    start = max(i for i, text in enumerate(dms) if text == town.t("core.privacy.export_intro",
                                                                  town.bot.members.language(town.member(name))
                                                                  or "en"))
    return json.loads("".join(text.strip("`\n") for text in dms[start + 1:]))


async def test_a_time_zone_nobody_gave_is_not_told_to_the_buddy_as_fact(community_factory):
    town = await make_town(community_factory)
    await volunteer(town, "anna", "!buddy languages ru en")
    await town.join("boris")
    await town.dm("boris", "по-русски")
    await town.dm("boris", "St. John's")  # not placed: the zone stays unknown
    await town.dm("boris", "пропустить")
    buddy_intro = town.dms_to("anna")[-1].split("\n")
    assert town.t("buddy.intro.their_time_unknown") in buddy_intro
    assert not any("Europe/" in line or "UTC" in line for line in buddy_intro)


async def test_a_newcomer_who_answers_both_is_matched_with_a_buddy_of_either_language(community_factory):
    town = await make_town(community_factory)
    await volunteer(town, "bob", "!buddy languages ru")
    await town.join("yan")
    await town.dm("yan", "оба")
    await town.dm("yan", "Питер")
    await town.dm("yan", "стоп")
    assert introduced_buddy(town, "yan", "ru") == "bob"


async def test_a_member_who_comes_back_is_welcomed_back_not_as_new(community_factory):
    town = await make_town(community_factory)
    await town.join("boris")
    await town.leave("boris")
    await town.join("boris")
    hello, back = town.dms_to("boris")
    assert hello.startswith(town.t("buddy.welcome.hello", community="Test community"))
    assert back == town.t("buddy.welcome.back", community="Test community") + "\n" + town.t("buddy.welcome.ask_language")
