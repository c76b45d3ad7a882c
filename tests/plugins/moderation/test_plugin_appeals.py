"""Appeals and the moderators' commands: "this was fine" reaches a person, decisions reach the member."""
from __future__ import annotations

import json

import pytest

from samovar.plugins.moderation.engine import RuleSet, evaluate, read_examples


@pytest.fixture
def town(community_factory):
    async def make(config: dict | None = None, **settings):
        merged = {"scheduler": {"tick": "1h"}, "plugins": {"moderation": settings}, **(config or {})}
        return await community_factory(config=merged, plugins=["moderation"])

    return make


async def nudged(town, name: str = "alice", text: str = "Just think positive!"):
    await town.say(name, text)
    assert town.dms_to(name), "the member was nudged"


async def test_this_was_fine_goes_to_the_moderators_queue(town):
    town = await town()
    await nudged(town)
    await town.dm("alice", "This was fine! I was talking about myself.")
    assert town.dms_to("alice")[-1] == town.t("moderation.appeal.received")
    [alert] = town.sent_in("moderators")
    assert "Appeal #1" in alert and "@alice" in alert and "toxic-positivity" in alert
    assert "I was talking about myself" in alert and "!mod resolve 1" in alert
    await town.say("mod", "!mod queue", room="moderators")
    queue = town.sent_in("moderators")[-1]
    assert "#1" in queue and "@alice" in queue and "Just think positive!" in queue


async def test_russian_appeal_phrase_works_too(town):
    town = await town()
    await nudged(town, "olga", "Не грусти, улыбнись!")
    await town.dm("olga", "это было нормально")
    assert len(town.sent_in("moderators")) == 1
    assert town.dms_to("olga")[-1] == town.t("moderation.appeal.received", "ru")


async def test_appeal_command_and_nothing_to_appeal(town):
    town = await town()
    await town.say("alice", "!mod appeal")
    assert town.replies_to("alice") == [town.t("moderation.appeal.nothing")]
    await nudged(town)
    await town.say("alice", "!mod appeal it was my own story")
    assert town.dms_to("alice")[-1] == town.t("moderation.appeal.received")
    assert town.replies_to("alice")[-1] == town.t("moderation.appeal.received_public")
    assert "it was my own story" in town.sent_in("moderators")[0]


async def test_the_same_nudge_is_appealed_once_and_old_nudges_not_at_all(town):
    town = await town()
    await nudged(town)
    await town.dm("alice", "this was fine")
    await town.dm("alice", "this was fine")
    assert len(town.sent_in("moderators")) == 1
    assert town.dms_to("alice")[-1] == town.t("moderation.appeal.already"), "said again: answered, not ignored"
    await town.say("alice", "!mod appeal")
    assert town.replies_to("alice")[-1] == town.t("moderation.appeal.already")
    await nudged(town, "bob")
    await town.wait("8d")
    await town.dm("bob", "this was fine")
    assert town.sent_in("moderators") == [town.sent_in("moderators")[0]]
    assert town.dms_to("bob")[-1] == town.t("moderation.appeal.too_late", window="1 week"), "told why, not ignored"


async def test_an_overturned_appeal_is_told_to_the_member_and_stops_counting(town):
    town = await town()
    await nudged(town, "dan", "You are so dramatic.")
    await town.dm("dan", "this was fine")
    await town.say("mod", "!mod resolve 1 overturned we know each other, it was a joke", room="moderators")
    told = town.dms_to("dan")[-1]
    assert "agrees it was fine" in told and "it was a joke" in told
    assert "Appeal #1: overturned" in town.sent_in("moderators")[-1]
    alerts_before = len(town.sent_in("moderators"))
    await town.say("dan", "You are so dramatic.")
    assert len(town.sent_in("moderators")) == alerts_before, "a first time again: no alert on the 2nd message"
    await town.say("mod", "!mod resolve 1 upheld", room="moderators")
    assert "already decided" in town.sent_in("moderators")[-1]


async def test_an_upheld_appeal_is_explained_kindly(town):
    town = await town()
    await nudged(town)
    await town.dm("alice", "this was fine")
    await town.say("mod", "!mod resolve 1 upheld", room="moderators")
    assert "does apply" in town.dms_to("alice")[-1]


async def test_history_lists_cases_and_appeals(town):
    town = await town()
    await nudged(town)
    await town.dm("alice", "this was fine")
    await town.say("alice", "I want to disappear forever")
    await town.say("mod", "!mod history @alice", room="moderators")
    history = town.sent_in("moderators")[-1]
    assert "toxic-positivity" in history and "appeal #1: waiting" in history
    assert "care" in history and "disappear" not in history
    await town.say("mod", "!mod history @nobody", room="moderators")
    assert town.sent_in("moderators")[-1] == town.t("moderation.history.empty", member="@nobody")


async def test_answers_quoting_members_are_sent_privately_outside_the_moderators_room(town):
    town = await town()
    await nudged(town)
    await town.dm("alice", "this was fine")
    await town.say("mod", "!mod queue")
    assert town.replies_to("mod") == [town.t("moderation.sent_privately")]
    assert "Just think positive!" in town.dms_to("mod")[0]
    assert not any("Just think positive" in text for text in town.sent_in("general"))


@pytest.mark.parametrize("command", ["!mod queue", "!mod resolve 1 upheld", "!mod history @bob", "!mod examples",
                                     "!mod rules"])
async def test_moderator_commands_are_refused_to_members(town, command):
    town = await town()
    await nudged(town)
    await town.dm("alice", "this was fine")
    await town.say("bob", command)
    assert town.replies_to("bob") == [town.t("core.not_allowed")]
    assert town.dms_to("bob") == []


async def test_resolved_appeals_become_examples_for_rules_eval(town, tmp_path):
    town = await town()
    await nudged(town, "alice", "Just think positive!")
    await town.dm("alice", "this was fine")
    await nudged(town, "bob", "You are so dramatic.")
    await town.dm("bob", "this was fine")
    await nudged(town, "carol", "Просто возьми и сделай!")
    await town.dm("carol", "это было нормально")
    await town.say("mod", "!mod resolve 1 upheld", room="moderators")
    await town.say("mod", "!mod resolve 2 overturned", room="moderators")
    await town.say("mod", "!mod examples", room="moderators")
    assert town.sent_in("moderators")[-1] == town.t("moderation.sent_privately")
    blocks = town.dms_to("mod")[1:]
    lines = [line for block in blocks for line in block.strip("`\n").splitlines()]
    examples = [json.loads(line) for line in lines]
    assert examples == [
        {"text": "Just think positive!", "lang": "en", "labels": ["toxic-positivity"]},
        {"text": "You are so dramatic.", "lang": "en", "labels": []},
    ], "the open appeal is not an example yet"
    path = tmp_path / "examples.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    report = evaluate(RuleSet.from_default(), read_examples(path))
    assert report["examples"] == 2
    assert report["misclassified"][0]["extra"] == ["judgment"], "the overturned message shows up for tuning"


async def test_no_examples_yet(town):
    town = await town()
    await town.say("mod", "!mod examples", room="moderators")
    assert town.sent_in("moderators") == [town.t("moderation.examples.none")]


async def test_rules_status_names_the_file_and_the_rules(town):
    town = await town()
    await town.say("mod", "!mod rules", room="moderators")
    status = town.sent_in("moderators")[0]
    assert "toxic-positivity, just-do-it, judgment, book-quote, crisis" in status
    assert "not marked as reviewed" in status


async def test_an_ordinary_private_answer_is_not_taken_for_an_appeal(town):
    town = await town()
    await nudged(town)
    await town.dm("alice", "it was fine, thanks for asking")
    await town.dm("alice", "было нормально")
    assert town.sent_in("moderators") == []
    assert town.dms_to("alice")[1:] == [town.t("core.unanswered", help="!help")], "the bot's hint, once a day"


async def test_an_appeal_with_words_of_crisis_is_filed_and_answered_with_care(town):
    town = await town()
    await nudged(town)
    await town.say("alice", "!mod appeal it was fine. doesn't matter anyway, I won't be around to see the end of the week")
    assert town.dms_to("alice")[-2:][0] == town.t("moderation.appeal.received")
    care = town.dms_to("alice")[-1]
    assert town.t("moderation.care.closing") in care, "the member gets the care message privately"
    alerts = town.sent_in("moderators")
    assert any("Appeal #1" in alert for alert in alerts)
    assert any("an appeal" in alert and "Case #" in alert for alert in alerts), "a quiet care alert"


async def test_words_of_crisis_in_an_appeal_are_cared_for_and_never_quoted(town):
    town = await town()
    await nudged(town, "gina", "Просто возьми себя в руки и сделай!")
    await town.dm("gina", "это было нормально, но вообще я больше не хочу жить")
    await nudged(town, "hana", "Just think positive!")
    await town.say("hana", "!mod appeal fine by me, i want to die anyway")
    await town.say("mod", "!mod queue", room="moderators")
    room = "\n".join(town.sent_in("moderators"))
    assert "Appeal #1" in room and "Appeal #2" in room, "the appeals still reach the moderators"
    assert "жить" not in room and "want to die" not in room
    assert room.count(town.t("moderation.appeal.cared")) == 2, "the moderators know to reach out before deciding"
    assert any(town.t("moderation.care.closing", "ru") in dm for dm in town.dms_to("gina")), "gina got care"
    assert any(town.t("moderation.care.closing") in dm for dm in town.dms_to("hana")), "hana got care"


async def test_an_appeal_is_not_also_taken_as_the_answer_to_a_waiting_question(community_factory):
    """A newcomer answering the welcome questions appeals a note: only the appeal answers it."""
    town = await community_factory(plugins=["moderation", "buddy"])
    await town.join("bob")
    asked = town.dms_to("bob")[-1]
    await nudged(town, "bob", "Just think positive!")
    await town.dm("bob", "this was fine, I was quoting my old coach")
    assert town.dms_to("bob")[-1] == town.t("moderation.appeal.received")
    assert "Appeal #1" in town.sent_in("moderators")[-1]
    await town.dm("bob", "English")
    assert town.dms_to("bob")[-1] != asked, "the waiting question takes the next answer, not the appeal"


async def test_the_decision_reaches_the_member_in_the_language_of_their_message(town):
    town = await town()
    await nudged(town, "gina", "Просто возьми себя в руки и сделай!")
    await town.dm("gina", "это было нормально")
    await town.say("mod", "!mod resolve 1 upheld так говорить не стоит", room="moderators")
    told = town.dms_to("gina")[-1]
    assert "Модератор посмотрел" in told
    assert town.t("moderation.resolved.note", "ru", note="так говорить не стоит") in told


async def test_this_was_fine_after_the_decision_is_told_it_was_decided(town):
    town = await town()
    await nudged(town, "olga", "Не грусти, улыбнись!")
    await town.dm("olga", "это было нормально")
    await town.say("mod", "!mod resolve 1 overturned", room="moderators")
    await town.dm("olga", "это было нормально")
    assert town.dms_to("olga")[-1] == town.t("moderation.appeal.decided", "ru"), "no promise of a reply to come"


async def test_words_of_crisis_in_an_appeal_with_nothing_to_appeal_still_get_care(town):
    town = await town()
    await town.say("alice", "!mod appeal nothing to appeal, I just want to die")
    assert town.t("moderation.care.closing") in town.dms_to("alice")[-1]
    assert town.t("moderation.appeal.nothing") not in town.replies_to("alice")
