"""``!wins``: the member's own journal (this week, this month, all), sent privately; milestones."""
from __future__ import annotations

from datetime import datetime, timezone



async def test_the_journal_is_sent_privately_with_week_month_and_all(community_factory):
    # Thursday 2026-01-29: a week earlier is still January, two weeks earlier too, December is older.
    town = await community_factory(plugins=["wins"], start=datetime(2025, 12, 20, 10, tzinfo=timezone.utc))
    await town.say("alice", "!win finished the december report")
    await town.wait("20d")  # 2026-01-09
    await town.say("alice", "!win signed up for the pottery class")
    await town.wait("19d")  # 2026-01-28, a Wednesday
    await town.say("alice", "!win first pottery class")
    await town.wait("1d")
    await town.say("alice", "!wins")
    assert town.replies_to("alice")[-1] == town.t("wins.journal.sent")
    journal = town.dms_to("alice")[-1]
    assert journal.splitlines() == [
        town.t("wins.journal.header"), "",
        town.t("wins.journal.week", count=1),
        "• first pottery class (28 January)", "",
        town.t("wins.journal.month", count=2),
        "• signed up for the pottery class (9 January)", "",
        town.t("wins.journal.all", count=3, since="20 December"),
        "• finished the december report (20 December)", "",
        town.t("wins.journal.footer"),
    ]


async def test_an_empty_week_is_said_gently(wins_town):
    town = await wins_town()
    await town.say("alice", "!win called the bank")
    await town.wait("8d")
    await town.dm("alice", "!wins")
    journal = town.dms_to("alice")[-1]
    assert town.t("wins.journal.week_none") in journal
    assert "called the bank" in journal


async def test_the_journal_follows_the_members_language(wins_town):
    town = await wins_town()
    await town.say("alice", "!language ru")
    await town.say("alice", "!win записалась к врачу")
    await town.dm("alice", "!wins")
    journal = town.dms_to("alice")[-1]
    assert journal.startswith(town.t("wins.journal.header", "ru"))
    assert "• записалась к врачу (5 января)" in journal


async def test_closed_direct_messages_are_explained_in_the_room(wins_town):
    town = await wins_town(config={"adapters": {"console": {"dm_closed": ["alice"]}}})
    await town.say("alice", "!win tidied my desk")
    await town.say("alice", "!wins")
    assert town.replies_to("alice")[-1] == town.t("core.dm_closed")
    assert "tidied my desk" not in " ".join(town.sent_in("general")[1:])


async def test_a_long_journal_is_split_into_several_messages(wins_town):
    town = await wins_town(journal_list_limit=50)
    for n in range(30):
        await town.say("alice", f"!win step {n} " + "of a long and careful plan " * 4)
    await town.wait("1m")  # the command rate limit
    await town.dm("alice", "!wins")
    parts = [t for t in town.dms_to("alice") if "careful plan" in t]
    assert len(parts) >= 2
    assert all(len(p) <= 1800 for p in parts)
    assert all(f"step {n} " in "\n".join(parts) for n in range(30))


async def test_long_sections_are_shortened_with_a_count_of_the_rest(wins_town):
    town = await wins_town(journal_list_limit=3)
    for n in range(5):
        await town.say("alice", f"!win small thing {n}")
    await town.dm("alice", "!wins")
    journal = town.dms_to("alice")[-1]
    assert "small thing 4" in journal and "small thing 2" in journal and "small thing 1" not in journal
    assert town.t("wins.journal.more", count=2) in journal


async def test_milestones_are_celebrated_privately_once(wins_town):
    town = await wins_town(milestones=[3])
    for n in range(3):
        await town.say("alice", f"!win thing {n}")
    milestone = town.t("wins.milestone", count=3, command="!wins")
    assert town.dms_to("alice") == [milestone]
    assert milestone not in town.sent_in("general")
    await town.say("alice", "!win thing 3")
    assert town.dms_to("alice") == [milestone]


async def test_the_tenth_win_is_a_milestone_by_default(wins_town):
    town = await wins_town()
    for n in range(9):
        await town.say("alice", f"!win thing {n}")
    assert town.dms_to("alice") == []
    await town.say("alice", "!win thing 9")
    assert town.dms_to("alice") == [town.t("wins.milestone", count=10, command="!wins")]


async def test_a_milestone_reached_again_after_a_deletion_is_not_repeated(wins_town):
    town = await wins_town(milestones=[2])
    await town.say("alice", "!win one")
    second = await town.say("alice", "!win two")
    await town.delete("alice", second)
    await town.say("alice", "!win two again")
    assert len(town.dms_to("alice")) == 1


async def test_russian_milestone_uses_the_right_plural(wins_town):
    town = await wins_town(milestones=[2])
    await town.say("alice", "!language ru")
    await town.say("alice", "!win раз")
    await town.say("alice", "!win два")
    assert town.dms_to("alice") == [town.t("wins.milestone", "ru", count=2, command="!wins")]
    assert "2 твои победы" in town.dms_to("alice")[0]
