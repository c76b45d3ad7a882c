"""A member worried about someone else in crisis gets help lines for the one who helps, privately, and no alert."""
from __future__ import annotations

import pytest


@pytest.fixture
def town(community_factory):
    async def make():
        return await community_factory(config={"plugins": {"moderation": {}}}, plugins=["moderation"])

    return make


def public(town) -> list:
    return [a for a in town.actions if a.action in ("send", "react", "delete", "timeout") and a.room != "moderators"]


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
    await town.say("dana", "she told me again she wants to die. how can i help her")
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
