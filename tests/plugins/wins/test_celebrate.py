"""``!win`` and the 🎉 mark: a win is written down and celebrated warmly where it was shared."""
from __future__ import annotations

import json

from samovar.core.safety import shorten

from .conftest import texts


def celebrations(town, lang: str = "en", untitled: bool = False) -> set[str]:
    """Every celebration template of the catalog (placeholders unfilled)."""
    return set(town.bot.catalog.variants("wins.celebrate_untitled" if untitled else "wins.celebrate", lang))


def is_celebration(text: str, town, win: str, name: str = "@alice", lang: str = "en") -> bool:
    return any(text == t.format(name=name, win=win) for t in celebrations(town, lang))


async def test_a_win_is_celebrated_in_the_room_with_a_reaction_on_the_message(wins_town):
    town = await wins_town()
    message = await town.say("alice", "!win finished a chapter")
    actions = town.new_actions()
    reaction = [a for a in actions if a.action == "react"]
    assert [(a.text, a.extra["message"], a.to) for a in reaction] == [("🎉", message.id, "alice")]
    replies = [a for a in actions if a.action == "send"]
    assert len(replies) == 1
    assert replies[0].room == "general" and replies[0].extra["reply_to"] == message.id
    assert is_celebration(replies[0].text, town, "finished a chapter")


async def test_a_room_never_hears_the_same_celebration_twice_in_a_row(wins_town):
    town = await wins_town()
    said = []
    for _ in range(25):
        await town.say("alice", "!win walked the dog")
        said.extend(texts(town.new_actions(), "send"))
    assert len(said) == 25
    assert all(a != b for a, b in zip(said, said[1:]))
    assert len(set(said)) > 3, "the celebrations vary"


async def test_variety_is_kept_per_room(wins_town):
    town = await wins_town(config={"adapters": {"console": {"rooms": ["career"]}}})
    await town.say("alice", "!win sent the application", room="career")
    for _ in range(10):
        await town.say("bob", "!win sent the application", room="general")
        await town.say("alice", "!win sent the application", room="career")
    career = [t for t in town.sent_in("career")]
    assert all(a.replace("@alice", "") != b.replace("@alice", "") for a, b in zip(career, career[1:]))


async def test_win_without_text_asks_what_the_win_was(wins_town):
    town = await wins_town()
    await town.say("alice", "!win")
    await town.say("alice", "!win -")
    await town.say("alice", "!win ...")
    await town.say("alice", "!win \u200b")
    assert town.replies_to("alice") == [town.t("wins.ask", command="!win")] * 4
    assert town.reactions() == []
    await town.dm("alice", "!wins")
    assert town.dms_to("alice")[-1] == town.t("wins.journal.empty", command="!win")


async def test_a_long_win_is_trimmed_in_the_celebration_but_kept_whole(wins_town):
    town = await wins_town(celebrate_max_chars=60)
    long_win = "finally " + "wrote the hard email to my landlord and " * 20 + "sent it"
    await town.say("alice", f"!win {long_win}")
    reply = town.replies_to("alice")[-1]
    assert is_celebration(reply, town, shorten(long_win, 60))
    assert long_win not in reply
    await town.say("alice", "!privacy export")
    data = json.loads("".join(t.strip("`\n") for t in town.dms_to("alice")[1:]))
    assert data["wins"]["wins"][0]["text"] == long_win


async def test_mass_mentions_in_a_win_never_ping_anyone(wins_town):
    town = await wins_town()
    await town.say("alice", "!win @everyone @here @room I passed my exam")
    reply = town.replies_to("alice")[-1]
    for ping in ("@everyone", "@here", "@room"):
        assert ping not in reply
    assert "passed my exam" in reply
    assert "@\u2060everyone" in reply


async def test_marking_ones_own_message_with_the_emoji_makes_it_a_win(wins_town):
    town = await wins_town()
    message = await town.say("alice", "went outside for the first time this week")
    town.new_actions()
    await town.react("alice", "🎉", to=message)
    actions = town.new_actions()
    assert [(a.action, a.extra["message"]) for a in actions if a.action == "react"] == [("react", message.id)]
    assert is_celebration(texts(actions, "send")[0], town, "went outside for the first time this week")
    await town.react("alice", "🎉", to=message)  # marking it again changes nothing
    assert town.new_actions() == []
    await town.dm("alice", "!wins")
    assert "went outside for the first time this week" in town.dms_to("alice")[-1]


async def test_the_configured_emoji_marks_wins(wins_town):
    town = await wins_town(emoji="⭐")
    message = await town.say("alice", "made the phone call")
    await town.react("alice", "🎉", to=message)
    assert town.replies_to("alice") == []
    await town.react("alice", "⭐", to=message)
    assert is_celebration(town.replies_to("alice")[-1], town, "made the phone call")


async def test_only_the_author_can_mark_their_message_as_a_win(wins_town):
    town = await wins_town()
    message = await town.say("alice", "I think I'll rest today")
    await town.react("bob", "🎉", to=message)
    assert town.actions == []
    await town.dm("alice", "!wins")
    assert town.dms_to("alice")[-1] == town.t("wins.journal.empty", command="!win")


async def test_a_marked_message_the_bot_no_longer_remembers_is_still_celebrated(wins_town):
    town = await wins_town(remember_texts_for="1h")
    message = await town.say("alice", "cooked a real dinner")
    await town.wait("2h")
    await town.react("alice", "🎉", to=message)
    assert town.replies_to("alice")[-1] in {t.format(name="@alice") for t in celebrations(town, untitled=True)}
    await town.dm("alice", "!wins")
    assert town.t("wins.journal.untitled") in town.dms_to("alice")[-1]


async def test_a_win_written_privately_is_celebrated_privately(wins_town):
    town = await wins_town()
    await town.dm("alice", "!win got out of bed")
    assert [a.action for a in town.actions if a.action in ("send", "dm")] == ["dm"]
    assert is_celebration(town.dms_to("alice")[0], town, "got out of bed", name="alice")


async def test_celebrations_speak_the_members_language(wins_town):
    town = await wins_town()
    await town.say("alice", "!language ru")
    await town.say("alice", "!win сходила к врачу")
    assert is_celebration(town.replies_to("alice")[-1], town, "сходила к врачу", lang="ru")


async def test_the_russian_alias_records_a_win(wins_town):
    town = await wins_town(config={"community": {"language": "ru"}})
    await town.say("alice", "!победа дочитала книгу")
    assert is_celebration(town.replies_to("alice")[-1], town, "дочитала книгу", lang="ru")


async def test_a_room_where_wins_are_switched_off_stays_quiet(wins_town):
    town = await wins_town(config={"rooms": {"venting": {"plugins": {"wins": {"enabled": False}}}}})
    message = await town.say("alice", "managed to say it out loud", room="venting")
    await town.react("alice", "🎉", to=message)
    assert town.actions == []
    await town.say("alice", "!win said it", room="venting")
    assert town.replies_to("alice") == [town.t("core.not_here")]


async def test_reactions_in_a_private_chat_make_no_win(wins_town):
    town = await wins_town()
    message = await town.dm("alice", "a private thought")
    before = list(town.actions)  # the bot's short hint to private words it does not answer
    await town.react("alice", "🎉", to=message)
    assert town.actions == before


async def test_a_win_told_in_emoji_is_a_win(wins_town):
    town = await wins_town()
    await town.say("alice", "!win 🧺✅")
    assert town.reactions(), "celebrated"
