"""House rules in a room: a private nudge first, a growing response on repeats, nothing for mere mentions."""
from __future__ import annotations

from pathlib import Path

import pytest

from samovar.core.adapter import NotSupported
from samovar.core.models import Member
from samovar.plugins.moderation.engine import RuleSet

DEFAULT = RuleSet.from_default()
POSITIVITY = DEFAULT.rule("toxic-positivity")
JUDGMENT = DEFAULT.rule("judgment")

CUSTOM_RULES = """\
rules:
  - id: no-shouting
    explanation: {ru: "Пожалуйста, без крика.", en: "Please don't shout at each other."}
    suggestion: {ru: Напиши спокойно., en: Say it calmly.}
    languages: [ru, en]
    match:
      phrases:
        en: ["shut up"]
        ru: [замолчи]
    exempt:
      roles: [moderator]
      rooms: [venting]
    actions:
      ladder:
        - after: 1
          do: [nudge]
  - id: no-advice-in-replies
    explanation: {ru: В ответах без советов., en: No advice in replies here.}
    suggestion: {ru: Просто выслушай., en: Just listen.}
    languages: [ru, en]
    match:
      phrases:
        en: ["you should try yoga"]
    applies:
      only_replies: true
    actions:
      ladder:
        - after: 1
          do: [nudge]
  - id: spam
    explanation: {ru: Без рекламы., en: "No advertising, please."}
    suggestion: {ru: Спроси модераторов., en: Ask the moderators first.}
    languages: [ru, en]
    match:
      phrases:
        en: ["buy cheap followers"]
    actions:
      timeout: 1h
      ladder:
        - after: 1
          do: [delete, timeout]
"""


@pytest.fixture
def town(community_factory, tmp_path: Path):
    """``await town(rules=TEXT, **settings)``: a community running only the moderation plugin."""

    async def make(rules: str | None = None, config: dict | None = None, **settings):
        if rules is not None:
            path = tmp_path / "rules.yaml"
            path.write_text(rules, encoding="utf-8")
            settings["rules_file"] = str(path)
        merged = {"scheduler": {"tick": "1h"}, "plugins": {"moderation": settings}, **(config or {})}
        return await community_factory(config=merged, plugins=["moderation"])

    return make


def kinds(town) -> list[str]:
    return [a.action for a in town.actions]


async def test_a_first_slip_gets_a_private_nudge_and_nothing_public(town):
    town = await town()
    await town.say("alice", "Just think positive!")
    [nudge] = town.dms_to("alice")
    assert POSITIVITY.explanation.en in nudge
    assert POSITIVITY.suggestion.en in nudge
    assert "“this was fine”" in nudge and "!mod appeal" in nudge
    assert "Just think positive" in nudge, "the member sees which words were noticed"
    assert kinds(town) == ["dm"]


async def test_plain_chatter_costs_nothing_and_stores_nothing(town):
    town = await town()
    for text in ("Good morning everyone!", "Сегодня наконец выспалась.", "I went for a walk and it helped."):
        await town.say("alice", text)
    assert town.actions == []
    assert await Member.all().count() == 0


async def test_repeats_within_the_window_grow_to_a_reminder_and_then_to_the_moderators(town):
    town = await town()
    for _ in range(2):
        await town.say("alice", "Just think positive!")
    assert len(town.dms_to("alice")) == 2
    assert town.sent_in("general") == []
    await town.say("alice", "Just think positive!")  # the 3rd time: nudge and a public reminder
    assert len(town.dms_to("alice")) == 3
    [reminder] = town.sent_in("general")
    assert POSITIVITY.suggestion.en in reminder and "@alice" not in reminder and "alice" not in reminder
    assert town.sent_in("moderators") == []
    await town.say("alice", "Just think positive!")
    await town.say("alice", "Just think positive!")  # the 5th time: the moderators hear of it
    [alert] = town.sent_in("moderators")
    assert "@alice" in alert and "toxic-positivity" in alert and "5 times within 2 weeks" in alert
    assert "Just think positive!" in alert


async def test_judgment_escalates_to_delete_and_timeout_and_the_member_is_told(town):
    town = await town()
    messages = [await town.say("dan", "You are so dramatic.") for _ in range(6)]
    deleted = [a.extra["message"] for a in town.actions if a.action == "delete"]
    assert deleted == [m.id for m in messages[3:]], "from the 4th time the message is taken down"
    [timeout] = [a for a in town.actions if a.action == "timeout"]
    assert timeout.to == "dan" and timeout.extra["seconds"] == 600
    last = town.dms_to("dan")[-1]
    assert "took that message down" in last and "paused for you for 10 minutes" in last
    alerts = town.sent_in("moderators")
    assert len(alerts) == 5, "from the 2nd time every case is reported"
    assert "message deleted, timeout" in alerts[-1]
    assert town.sent_in("general") == []


async def test_after_the_window_the_count_starts_again(town):
    town = await town()
    await town.say("dan", "You are so dramatic.")
    await town.say("dan", "You are so dramatic.")
    assert len(town.sent_in("moderators")) == 1
    await town.wait("8d")  # the judgment window is 7 days
    await town.say("dan", "You are so dramatic.")
    assert len(town.dms_to("dan")) == 3
    assert len(town.sent_in("moderators")) == 1, "a first time again: only the private nudge"
    assert "another quiet word" not in town.dms_to("dan")[-1]


async def test_each_member_and_each_rule_is_counted_separately(town):
    town = await town()
    await town.say("dan", "You are so dramatic.")
    await town.say("erin", "You are so dramatic.")
    await town.say("dan", "Just think positive!")
    assert town.sent_in("moderators") == []
    assert len(town.dms_to("dan")) == 2 and len(town.dms_to("erin")) == 1


async def test_a_message_breaking_two_rules_where_one_yields_gets_one_nudge(town):
    town = await town()
    await town.say("dan", "Stop whining and just get up and go.")
    [nudge] = town.dms_to("dan")
    assert DEFAULT.rule("just-do-it").explanation.en in nudge
    assert JUDGMENT.explanation.en not in nudge
    await town.say("dan", "Stop whining.")
    assert JUDGMENT.explanation.en in town.dms_to("dan")[-1], "judgment's own count starts at its first note"
    assert "another quiet word" not in town.dms_to("dan")[-1]


@pytest.mark.parametrize("text", [
    "they told me to just do it and it made it worse",
    "I hate it when people say \"just think positive\"",
    "Мне сказали «просто возьми и сделай», и стало только хуже.",
    "I finally pulled myself together after a year of therapy.",
])
async def test_mentioning_a_phrase_critically_or_ones_own_experience_is_fine(town, text):
    town = await town()
    await town.say("alice", text)
    assert town.actions == []


async def test_commands_are_not_checked(town):
    town = await town()
    await town.say("alice", "!help just think positive")
    assert town.dms_to("alice") == []


async def test_the_nudge_speaks_the_members_language(town):
    town = await town()
    await town.say("olga", "Просто возьми и сделай!")
    assert DEFAULT.rule("just-do-it").explanation.ru in town.dms_to("olga")[0]
    await town.say("petr", "Просто возьми и сделай, it's easy")  # mostly Russian, a little English
    assert DEFAULT.rule("just-do-it").explanation.ru in town.dms_to("petr")[0]
    await town.say("anna", "Just do it, it's easy, просто")  # mostly English
    assert DEFAULT.rule("just-do-it").explanation.en in town.dms_to("anna")[0]
    await town.say("ivan", "!language ru")
    await town.say("ivan", "Just think positive!")
    assert POSITIVITY.explanation.ru in town.dms_to("ivan")[-1]


async def test_exempt_roles_and_rooms_are_left_alone(town):
    town = await town(rules=CUSTOM_RULES, config={"adapters": {"console": {"rooms": ["venting"]}}})
    await town.say("mod", "oh shut up")
    await town.say("alice", "oh shut up", room="venting")
    assert town.actions == []
    await town.say("alice", "oh shut up")
    [nudge] = town.dms_to("alice")
    assert "Please don't shout at each other." in nudge and "Say it calmly." in nudge


YIELDING_RULES = """\
rules:
  - id: no-orders
    explanation: {ru: Без приказов., en: "No orders here, please."}
    suggestion: {ru: Спроси., en: Ask what would help.}
    languages: [ru, en]
    match:
      phrases:
        en: ["just go"]
    exempt:
      rooms: [venting]
    actions:
      ladder:
        - after: 1
          do: [nudge]
  - id: no-labels
    explanation: {ru: Без ярлыков., en: "No labels for people here, please."}
    suggestion: {ru: Опиши., en: Say what you see instead.}
    languages: [ru, en]
    yields_to: [no-orders]
    match:
      phrases:
        en: ["stop whining"]
    actions:
      ladder:
        - after: 1
          do: [nudge]
"""


async def test_a_rule_that_yields_answers_where_the_rule_it_yields_to_does_not_apply(town):
    town = await town(rules=YIELDING_RULES, config={"adapters": {"console": {"rooms": ["venting"]}}})
    await town.say("alice", "stop whining and just go")
    [nudge] = town.dms_to("alice")
    assert "No orders here, please." in nudge and "No labels" not in nudge
    await town.say("bob", "stop whining and just go", room="venting")
    [nudge] = town.dms_to("bob")
    assert "No labels for people here, please." in nudge and "No orders" not in nudge
    assert "stop whining" in nudge, "the note quotes the words it is about"


async def test_a_rule_for_replies_only_ignores_messages_that_answer_nobody(town):
    town = await town(rules=CUSTOM_RULES)
    share = await town.say("bob", "I've been having a rough week")
    await town.say("alice", "you should try yoga")
    assert town.actions == []
    await town.say("alice", "you should try yoga", reply_to=share)
    assert "No advice in replies here." in town.dms_to("alice")[0]


async def test_where_the_platform_cannot_delete_or_pause_the_moderators_are_asked_to(town, monkeypatch):
    town = await town(rules=CUSTOM_RULES)

    async def refuse(*args, **kwargs):
        raise NotSupported("not on this platform")

    monkeypatch.setattr(town.adapter, "delete", refuse)
    monkeypatch.setattr(town.adapter, "timeout", refuse)
    await town.say("spammer", "buy cheap followers here")
    [alert] = town.sent_in("moderators")
    assert "could not delete the message" in alert and "could not pause this member" in alert
    assert "@spammer" in alert
    assert town.dms_to("spammer") == [], "nothing was done to the member, so nothing is claimed to them"


async def test_delete_and_timeout_where_the_platform_allows(town):
    town = await town(rules=CUSTOM_RULES)
    message = await town.say("spammer", "buy cheap followers here")
    done = [(a.action, a.extra.get("message"), a.extra.get("seconds")) for a in town.actions[:2]]
    assert done == [("delete", message.id, None), ("timeout", None, 3600)]
    assert "paused for you for 1 hour" in town.dms_to("spammer")[0]
    assert town.sent_in("moderators") == [], "nothing failed and the ladder does not ask to alert"


async def test_closed_dms_are_noted_for_the_moderators(town):
    town = await town(config={"adapters": {"console": {"dm_closed": ["alice"]}}})
    await town.say("alice", "Just think positive!")
    assert town.actions == []
    await town.say("mod", "!mod history @alice", room="moderators")
    [history] = town.sent_in("moderators")
    assert "toxic-positivity" in history and "private note (their DMs are closed)" in history


async def test_the_note_quotes_the_message_or_the_sentence_it_is_about(town):
    town = await town()
    await town.say("dan", "Stop whining and just get up and go.")
    [note] = town.dms_to("dan")
    assert "(“Stop whining and just get up and go.”)" in note, "a short message is quoted whole"
    long = ("I read your whole post twice tonight and I honestly keep thinking about the bit with your manager. "
            "Stop whining and just get up and go. Everyone manages it somehow, every single day of the week.")
    await town.say("erin", long)
    [note] = town.dms_to("erin")
    assert "(“…Stop whining and just get up and go.…”)" in note, "a long one: the sentence with the words noticed"
