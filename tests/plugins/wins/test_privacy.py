"""Privacy: a member's wins data can be exported, and after forget no row of the plugin names them."""
from __future__ import annotations

import json

from tortoise import Tortoise


async def exported(town, name: str) -> dict:
    before = len(town.dms_to(name))
    await town.dm(name, "!privacy export")
    chunks = town.dms_to(name)[before + 1:]
    return json.loads("".join(chunk.strip("`\n") for chunk in chunks))


async def wins_rows(town) -> dict[str, list[dict]]:
    conn = Tortoise.get_connection("default")
    tables = [t for t in await town.bot.storage.table_names() if t.startswith("wins_")]
    return {table: await conn.execute_query_dict(f'SELECT * FROM "{table}"') for table in tables}


async def test_export_holds_the_wins_cheers_and_choices(wins_town):
    town = await wins_town()
    win = await town.say("alice", "!win finished a chapter")
    await town.react("bob", "💛", to=win)
    await town.say("alice", "!wins digest off")
    other = await town.say("bob", "!win fixed the sink")
    await town.say("alice", "!cheer", reply_to=other)
    data = (await exported(town, "alice"))["wins"]
    assert [(w["text"], w["room"], w["private"], w["witnessed_by"]) for w in data["wins"]] == [
        ("finished a chapter", "general", False, 1)]
    assert len(data["cheered_wins_at"]) == 1
    assert data["preferences"]["in_weekly_digest"] is False
    assert "fixed the sink" not in json.dumps(data), "someone else's win is theirs, not alice's"


async def test_a_member_with_no_wins_data_exports_nothing_from_wins(wins_town):
    town = await wins_town()
    assert "wins" not in await exported(town, "alice")


async def test_after_forget_no_wins_row_names_the_member(wins_town):
    town = await wins_town()
    win = await town.say("alice", "!win finished a chapter")
    await town.say("alice", "!wins digest off")
    await town.say("alice", "!wins tell-buddy on")
    bobs = await town.say("bob", "!win fixed the sink")
    await town.react("alice", "💛", to=bobs)
    await town.react("bob", "💛", to=win)
    alice_id = town.bot.members.cached_id(town.member("alice"))
    bob_id = town.bot.members.cached_id(town.member("bob"))
    before = await wins_rows(town)
    assert any(row.get("member_id") == alice_id for rows in before.values() for row in rows)

    await town.say("alice", "!privacy forget")
    town.new_actions()
    await town.say("alice", "!privacy forget confirm")
    deleted = [a.extra["message"] for a in town.new_actions() if a.action == "delete"]

    after = await wins_rows(town)
    assert not any(row.get("member_id") == alice_id for rows in after.values() for row in rows)
    assert "finished a chapter" not in json.dumps(after, default=str)
    assert [row["text"] for row in after["wins_wins"]] == ["fixed the sink"]
    assert [row["member_id"] for row in after["wins_wins"]] == [bob_id]
    assert after["wins_cheers"] == [], "alice's cheer on bob's win is gone too"
    assert len(deleted) == 1, "the public celebration quoting alice's win is removed"


async def test_a_forgotten_member_no_longer_appears_in_the_digest(wins_town):
    town = await wins_town()
    await town.say("alice", "!win finished a chapter")
    await town.say("bob", "!win fixed the sink")
    await town.say("alice", "!privacy forget")
    await town.say("alice", "!privacy forget confirm")
    await town.wait("7d")
    digest = town.sent_in("general")[-1]
    assert "fixed the sink" in digest and "finished a chapter" not in digest


async def test_a_forgotten_members_recent_messages_cannot_be_marked_later(wins_town):
    town = await wins_town()
    message = await town.say("alice", "a thought I shared")
    await town.say("alice", "!privacy forget")
    await town.say("alice", "!privacy forget confirm")
    await town.react("alice", "🎉", to=message)
    assert "a thought I shared" not in town.replies_to("alice")[-1]
