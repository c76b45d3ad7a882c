"""Signs of crisis: a private, warm message with help resources, a quiet alert, never anything public."""
from __future__ import annotations

from typing import ClassVar

import pytest

from samovar.core.events import MemberRef
from samovar.core.hookspecs import hookimpl
from samovar.core.plugin import Plugin
from samovar.core.testing.community import plugin_path
from samovar.plugins.checkin import CheckinPlugin
from samovar.plugins.moderation.engine import RuleSet

CRISIS = RuleSet.from_default().rule("crisis")
WORDS = "I don't want to live anymore"


@pytest.fixture
def town(community_factory):
    async def make(config: dict | None = None, **settings):
        merged = {"scheduler": {"tick": "1h"}, "plugins": {"moderation": settings}, **(config or {})}
        return await community_factory(config=merged, plugins=["moderation"])

    return make


def public(town) -> list:
    return [a for a in town.actions if a.action in ("send", "react", "delete", "timeout") and a.room != "moderators"]


async def test_crisis_in_a_room_gets_a_private_care_message_and_a_quiet_alert(town):
    town = await town()
    await town.say("carol", WORDS)
    [care] = town.dms_to("carol")
    assert CRISIS.explanation.en in care
    assert "https://findahelpline.com" in care
    assert "let the moderators know" in care, "the member is told honestly who was told"
    assert public(town) == [], "nothing is ever posted, deleted or muted"
    [alert] = town.sent_in("moderators")
    assert "@carol" in alert and "#general" in alert
    assert WORDS not in alert and "live" not in alert, "the alert says who and where, not what"


async def test_crisis_is_never_a_violation_even_when_a_rule_matched_too(town):
    town = await town()
    text = "Cheer up! I want to die."
    assert RuleSet.from_default().check_ids(text) == ["toxic-positivity", "crisis"]
    await town.say("carol", text)
    [care] = town.dms_to("carol")
    assert CRISIS.explanation.en in care
    assert "toxic positivity" not in care
    assert public(town) == []
    await town.say("mod", "!mod history @carol", room="moderators")
    history = town.sent_in("moderators")[-1]
    assert "care" in history and "toxic-positivity" not in history


async def test_resources_follow_the_members_language_and_the_communitys_country(town):
    town = await town(country="us")
    await town.say("carol", WORDS)
    lines = [line for line in town.dms_to("carol")[0].splitlines() if line.startswith("•")]
    assert "988" in lines[0], "the country's own line comes first"
    await town.say("olga", "Я больше не хочу жить.")
    russian = town.dms_to("olga")[0]
    assert CRISIS.explanation.ru in russian and "8-800-2000-122" in russian
    first = next(line for line in russian.splitlines() if line.startswith("•"))
    assert "Детский" not in first, "grown-ups do not meet a children's line first"


async def test_crisis_in_a_private_message_to_the_bot(town):
    town = await town()
    await town.dm("carol", "honestly I want to die")
    [care] = town.dms_to("carol")
    assert CRISIS.explanation.en in care
    [alert] = town.sent_in("moderators")
    assert "@carol" in alert and "a private message to me" in alert and "die" not in alert


async def test_crisis_in_private_text_from_another_plugin(town):
    town = await town()
    member = town.member("carol")
    await town.bot.host.call("on_private_text", "ev-test", member=member, text="Мне незачем жить", lang="ru",
                             source="checkin")
    [care] = town.dms_to("carol")
    assert CRISIS.explanation.ru in care
    [alert] = town.sent_in("moderators")
    assert "@carol" in alert and "check-in" in alert and "незачем" not in alert
    assert public(town) == []


async def test_the_same_words_seen_twice_are_answered_once(town):
    town = await town()
    await town.dm("carol", WORDS)
    await town.bot.host.call("on_private_text", "ev-test", member=town.member("carol"), text=WORDS,
                             lang="en", source="checkin")
    assert len(town.dms_to("carol")) == 1
    assert len(town.sent_in("moderators")) == 1


async def test_more_worrying_words_soon_after_get_a_short_answer_and_alert_again(town):
    town = await town()
    await town.say("carol", WORDS)
    [care] = town.dms_to("carol")
    await town.say("carol", "I have been saving up pills")
    assert town.dms_to("carol") == [care, town.t("moderation.care.again")], "never silence, but no second full message"
    alerts = town.sent_in("moderators")
    assert len(alerts) == 2 and "again" in alerts[1] and "pills" not in alerts[1]
    await town.wait("2h")
    await town.say("carol", WORDS)
    assert town.dms_to("carol")[-1] == care, "after care_repeat_after the whole private message may come again"


async def test_a_second_crisis_message_in_russian_is_answered_in_russian(town):
    town = await town()
    await town.dm("olga", "не хочу больше жить")
    await town.dm("olga", "хочу умереть")
    assert town.dms_to("olga")[-1] == town.t("moderation.care.again", "ru")


async def test_closed_dms_make_the_alert_ask_moderators_to_reach_out(town):
    town = await town(config={"adapters": {"console": {"dm_closed": ["carol"]}}})
    await town.say("carol", WORDS)
    [alert] = town.sent_in("moderators")
    assert "could not write to them privately" in alert
    assert "I've written to them" not in alert, "the alert does not claim a message that never went out"
    assert public(town) == []


async def test_unreviewed_resources_are_pointed_out_to_the_moderators(town):
    town = await town()
    await town.say("carol", WORDS)
    assert "not marked as reviewed" in town.sent_in("moderators")[0]


async def test_idioms_are_not_crisis(town):
    town = await town()
    await town.say("alice", "I was dying of laughter at that video")
    await town.say("alice", "We're running a suicide prevention workshop on Friday")
    assert town.actions == []


async def test_an_edit_that_shows_crisis_is_cared_for_but_edits_are_not_judged(town):
    town = await town()
    message = await town.say("carol", "rough day")
    await town.edit("carol", message, "You are so dramatic.")
    assert town.actions == []
    await town.edit("carol", message, WORDS)
    [care] = town.dms_to("carol")
    assert CRISIS.explanation.en in care
    assert public(town) == []


async def test_without_a_moderators_room_the_member_is_still_cared_for(town):
    town = await town(config={"community": {"moderators_room": None}})
    await town.say("carol", WORDS)
    [care] = town.dms_to("carol")
    assert "let the moderators know" not in care, "no promise the bot cannot keep"
    assert care.endswith(town.t("moderation.care.closing_no_room"))
    await town.say("carol", "I have been saving up pills")
    assert town.dms_to("carol")[-1] == town.t("moderation.care.again_no_room")
    assert public(town) == []


async def test_words_no_crisis_phrase_knows_get_care_through_the_learned_second_opinion(town):
    town = await town()
    text = "soon none of this will be my problem anymore"
    assert [m.phrase.split(" (")[0] for m in RuleSet.from_default().check(text, "en")] == ["learned model"]
    await town.say("dana", text)
    [care] = town.dms_to("dana")
    assert CRISIS.explanation.en in care
    assert public(town) == []
    [alert] = town.sent_in("moderators")
    assert "@dana" in alert and text not in alert
    await town.say("eli", "so tired of this week, going offline, good night all")
    assert town.dms_to("eli") == [], "ordinary tiredness gets no care message"


class CareWatcher(Plugin):
    """Remembers every care response it is told of."""

    name = "care_watcher"
    seen: ClassVar[list[tuple[str, str]]] = []

    @hookimpl
    def on_care_given(self, member: MemberRef, source: str) -> None:
        self.seen.append((member.id, source))


async def test_other_plugins_are_told_of_a_care_response_but_not_of_the_words(community_factory):
    CareWatcher.seen.clear()
    town = await community_factory(config={"plugins": {"moderation": {}, plugin_path(CareWatcher): {}}},
                                   plugins=["moderation", CareWatcher])
    await town.say("carol", WORDS)
    await town.dm("dan", "хочу умереть")
    await town.say("erin", "What a lovely morning")
    assert CareWatcher.seen == [("carol", "room"), ("dan", "dm")]


async def test_a_crisis_message_during_a_checkin_ends_its_questions_for_the_week(community_factory):
    town = await community_factory(config={"plugins": {"moderation": {}, "checkin": {}}},
                                   plugins=["moderation", CheckinPlugin])
    await town.dm("kim", "!checkin on")
    await town.wait("7d")
    assert town.t("checkin.ask.worked") in town.dms_to("kim")[-1]
    await town.dm("kim", "everything. i've been thinking about ending it")
    care, ended = town.dms_to("kim")[-2:]
    assert "help" in care.lower() and ended == town.t("checkin.done.after_care")
    await town.dm("kim", "1")
    assert town.dms_to("kim")[-1] == town.t("core.still_here"), "no check-in question after the care message"
    await town.dm("kim", "!checkin history")
    assert "everything" not in town.dms_to("kim")[-1] and "ending it" not in town.dms_to("kim")[-1]


# ----- a member worried about someone else: help lines for the one who helps, privately, and no alert -----


async def test_a_member_asking_how_to_help_a_friend_gets_help_lines_and_nobody_is_told(town):
    town = await town()
    await town.say("dana", "my friend keeps saying she wants to die, how do i help her?")
    [note] = town.dms_to("dana")
    assert "worried about someone" in note
    assert "https://findahelpline.com" in note, "the same help lines as the care response"
    assert "haven't told anyone" in note
    assert town.sent_in("moderators") == [], "whether to tell the moderators is the member's choice"
    assert public(town) == []


async def test_the_same_worry_in_private_and_in_russian(town):
    town = await town()
    await town.dm("olga", "подруга пишет, что не хочет жить. как ей помочь?")
    [note] = town.dms_to("olga")
    assert "переживаешь за человека" in note
    assert town.sent_in("moderators") == []


async def test_the_note_is_not_repeated_for_every_message_of_the_same_worry(town):
    town = await town()
    await town.say("dana", "my roommate said she doesn't want to be here anymore. what do i say?")
    await town.say("dana", "she said again that she wants to die. how can i help her")
    assert len(town.dms_to("dana")) == 1


@pytest.mark.parametrize("text", [
    "she wants to die. me too. how can i help her",
    "my mom says i'm fine but i want to die, how do i tell her?",
    "как помочь маме? она не знает, что я хочу умереть",
])
async def test_a_worried_member_who_speaks_of_themself_gets_the_care_response(town, text):
    town = await town()
    await town.say("erin", text)
    [care] = town.dms_to("erin")
    assert "worried about someone" not in care and "переживаешь за человека" not in care
    assert len(town.sent_in("moderators")) == 1, "their own crisis: the moderators are told"
