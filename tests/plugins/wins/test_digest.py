"""The weekly digest: the week's wins in the configured room, grouped by person, never ranked."""
from __future__ import annotations

from datetime import datetime, timezone

from .conftest import texts, when


def digests(town, room: str = "general") -> list[str]:
    headers = set(town.bot.catalog.variants("wins.digest.header", "en")) | set(
        town.bot.catalog.variants("wins.digest.header", "ru"))
    return [t for t in town.sent_in(room) if t.splitlines()[0] in headers]


async def test_the_digest_arrives_on_the_configured_day_and_time_in_the_community_time_zone(wins_town):
    town = await wins_town(digest_day="fri", digest_time="17:30",
                           config={"community": {"timezone": "Europe/Moscow"}})
    await town.say("alice", "!win finished a chapter")
    town.new_actions()
    await town.wait("4d")  # Friday 09:00 UTC: not yet
    assert town.new_actions() == []
    await town.wait("1d")
    posted = [a for a in town.new_actions() if a.action == "send"]
    assert [(when(a), a.room, a.to) for a in posted] == [(datetime(2026, 1, 9, 14, 30, tzinfo=timezone.utc),
                                                          "general", None)]
    assert "• alice: finished a chapter" in posted[0].text


async def test_wins_are_grouped_by_person_in_the_order_they_were_shared_not_by_count(wins_town):
    town = await wins_town()
    await town.say("bob", "!win called my mum")
    for win in ("walked", "cooked", "slept"):
        await town.say("alice", f"!win {win}")
    await town.say("bob", "!win read a book")
    await town.wait("7d")
    (digest,) = digests(town)
    lines = digest.splitlines()
    assert lines[2:4] == ["• bob: called my mum; read a book", "• alice: walked; cooked; slept"]
    assert lines[-2] in town.bot.catalog.variants("wins.digest.footer", "en")
    assert lines[-1] == town.t("wins.digest.opt_out", command="!wins digest off")
    assert not any(ch.isdigit() for ch in "".join(lines[2:4])), "no counts, no places"


async def test_only_the_past_weeks_wins_appear(wins_town):
    town = await wins_town()
    await town.say("alice", "!win an old win")
    await town.wait("7d")
    await town.say("alice", "!win a new win")
    await town.wait("7d")
    first, second = digests(town)
    assert "an old win" in first and "a new win" not in first
    assert "a new win" in second and "an old win" not in second


async def test_an_author_can_opt_out_and_back_in(wins_town):
    town = await wins_town()
    await town.say("alice", "!wins digest off")
    assert town.replies_to("alice")[-1] == town.t("wins.digest_choice.off", command="!wins")
    await town.say("alice", "!win a quiet win")
    await town.say("bob", "!win a shared win")
    await town.wait("7d")
    (digest,) = digests(town)
    assert "a shared win" in digest and "alice" not in digest and "a quiet win" not in digest
    await town.say("alice", "!wins digest on")
    assert town.replies_to("alice")[-1] == town.t("wins.digest_choice.on", command="!wins")
    await town.say("alice", "!win back in the digest")
    await town.wait("7d")
    assert "• alice: back in the digest" in digests(town)[-1]


async def test_a_week_without_shared_wins_posts_nothing(wins_town):
    town = await wins_town()
    await town.say("alice", "!wins digest off")
    await town.say("alice", "!win just for me")
    await town.dm("bob", "!win privately noted")
    town.new_actions()
    await town.wait("7d")
    assert texts(town.new_actions(), "send") == []


async def test_wins_written_privately_never_appear(wins_town):
    town = await wins_town()
    await town.dm("alice", "!win a private win")
    await town.say("bob", "!win a public win")
    await town.wait("7d")
    (digest,) = digests(town)
    assert "a private win" not in digest and "alice" not in digest


async def test_the_digest_goes_to_the_configured_room(wins_town):
    town = await wins_town(digest_room="wins")
    await town.say("alice", "!win finished a chapter")
    await town.wait("7d")
    assert digests(town, "general") == []
    assert "• alice: finished a chapter" in digests(town, "wins")[0]


async def test_a_room_can_keep_its_wins_out_of_the_digest(wins_town):
    town = await wins_town(config={"rooms": {"career": {"plugins": {"wins": {"share_in_digest": False}}}}})
    await town.say("alice", "!win got the interview", room="career")
    await town.say("bob", "!win fixed the bike")
    await town.wait("7d")
    (digest,) = digests(town)
    assert "got the interview" not in digest and "fixed the bike" in digest


async def test_the_digest_can_be_switched_off(wins_town):
    town = await wins_town(digest=False)
    await town.say("alice", "!win finished a chapter")
    town.new_actions()
    await town.wait("14d")
    assert town.new_actions() == []


async def test_the_digest_speaks_the_rooms_language(wins_town):
    town = await wins_town(config={"community": {"language": "ru"}})
    await town.say("alice", "!win дописала главу")
    await town.wait("7d")
    (digest,) = digests(town)
    assert digest.splitlines()[0] in town.bot.catalog.variants("wins.digest.header", "ru")
    assert "• alice: дописала главу" in digest


async def test_the_digest_trims_long_wins_and_never_pings(wins_town):
    town = await wins_town(digest_max_chars=40)
    await town.say("alice", "!win @here " + "told my manager what I need " * 10)
    await town.wait("7d")
    (digest,) = digests(town)
    line = digest.splitlines()[2]
    assert "@here" not in digest
    assert line.endswith("…") and len(line) < 70


async def test_someone_thanked_in_a_win_is_not_pinged_again_by_the_digest(wins_town):
    town = await wins_town()
    await town.say("alice", "!win finally asked <@!42> for help and it went fine")
    town.new_actions()
    await town.wait("7d")
    [digest] = [a for a in town.new_actions() if a.action == "send"]
    assert "<@!42>" not in digest.text and "<@\u206042>" in digest.text, "the mention stays readable, but silent"
