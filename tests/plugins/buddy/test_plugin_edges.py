"""Edge cases: people leaving, closed direct messages, privacy export and forget."""
from __future__ import annotations

import json
from typing import Any

from tortoise import Tortoise

from tests.plugins.buddy.support import introduced_buddy


async def make_town(community_factory: Any, dm_closed: tuple[str, ...] = (), **settings: Any) -> Any:
    settings.setdefault("questions", False)
    config: dict[str, Any] = {"plugins": {"buddy": settings}}
    if dm_closed:
        config["adapters"] = {"console": {"dm_closed": list(dm_closed), "rooms": ["buddies"]}}
    return await community_factory(config=config, plugins=["buddy"])


async def test_a_newcomer_who_leaves_frees_the_place_for_the_next_in_line(community_factory):
    town = await make_town(community_factory)
    await town.say("anna", "!buddy volunteer 1")
    await town.join("boris")
    await town.join("carl")
    assert town.dms_to("carl")[-1] == town.t("buddy.queued.busy.private")
    await town.leave("boris")
    assert town.t("buddy.ended.newcomer_left", newcomer="@boris") in town.dms_to("anna")
    assert introduced_buddy(town, "carl") == "anna"


async def test_newcomers_of_a_buddy_who_leaves_are_introduced_to_someone_new(community_factory):
    town = await make_town(community_factory)
    await town.say("anna", "!buddy volunteer")
    await town.join("boris")
    await town.say("olga", "!buddy volunteer")
    await town.leave("anna")
    assert town.t("buddy.ended.buddy_left", buddy="@anna") in town.dms_to("boris")
    assert introduced_buddy(town, "boris") == "olga"
    await town.join("carl")
    assert introduced_buddy(town, "carl") == "olga", "the buddy who left takes nobody new"


async def test_closed_dms_send_the_introduction_to_the_fallback_room(community_factory):
    town = await make_town(community_factory, dm_closed=("boris",), fallback_room="buddies", questions=True)
    await town.dm("anna", "!buddy volunteer")
    await town.join("boris")
    assert town.dms_to("boris") == []
    posted = town.sent_in("buddies")
    assert posted == [town.t("buddy.fallback", mention="@boris",
                             text=town.t("buddy.intro.newcomer_public", buddy="@anna"),
                             how=town.t("buddy.open_dms.other"))]
    assert town.dms_to("anna")[-1].split("\n")[0] == town.t("buddy.intro.buddy", newcomer="@boris")
    assert town.sent_in("general") == []


async def test_a_buddy_with_closed_dms_is_introduced_publicly_without_private_answers(community_factory):
    town = await make_town(community_factory, dm_closed=("anna",), fallback_room="buddies", questions=True)
    await town.say("anna", "!buddy volunteer")
    await town.join("boris")
    await town.dm("boris", "skip")
    await town.dm("boris", "skip")
    await town.dm("boris", "my divorce, honestly")
    assert town.sent_in("buddies") == [town.t("buddy.fallback", mention="@anna",
                                              text=town.t("buddy.intro.buddy_public", newcomer="@boris"),
                                              how=town.t("buddy.open_dms.other"))]
    assert not any("divorce" in text for text in town.sent_in("buddies"))
    assert introduced_buddy(town, "boris") == "anna"


async def test_closed_dms_without_a_fallback_room_use_the_main_room(community_factory):
    town = await make_town(community_factory, dm_closed=("boris",))
    await town.join("boris")
    assert town.sent_in("general") == [town.t("buddy.fallback", mention="@boris",
                                              text=town.t("buddy.queued.nobody.public"),
                                              how=town.t("buddy.open_dms.other"))]


async def test_export_holds_what_the_member_told_and_forget_leaves_no_row(community_factory):
    town = await make_town(community_factory, questions=True)
    await town.say("anna", "!buddy volunteer")
    await town.say("olga", "!buddy volunteer")
    await town.join("boris")
    await town.dm("boris", "English")
    await town.dm("boris", "Berlin")
    await town.dm("boris", "career worries")
    await town.say("boris", "!coffee on")
    await town.dm("boris", "!privacy export")
    data = exported(town, "boris")["buddy"]
    assert data["profile"]["languages"] == ["en"]
    assert data["profile"]["topics"] == ["career", "anxiety"]
    assert data["newcomer"]["what_brings_you"] == "career worries"
    assert data["coffee"]["taking_part"] is True
    assert [p["role"] for p in data["buddy_pairs"]] == ["newcomer"]

    buddy = introduced_buddy(town, "boris")
    buddy_id = await town.bot.members.resolve(town.member(buddy))
    await town.say(buddy, "!privacy forget")
    await town.say(buddy, "!privacy forget confirm")
    assert town.t("buddy.ended.buddy_stepped_back", buddy=f"@{buddy}") in town.dms_to("boris")
    other = "olga" if buddy == "anna" else "anna"
    assert introduced_buddy(town, "boris") == other
    assert await rows_naming(buddy_id) == []


async def rows_naming(member_id: int) -> list[tuple[str, dict[str, Any]]]:
    """Rows of the buddy tables holding ``member_id`` in a column that names a member."""
    conn = Tortoise.get_connection("default")
    columns = ("member_id", "newcomer_id", "buddy_id", "other_id")
    found = []
    for table in ("buddy_profiles", "buddy_volunteers", "buddy_newcomers", "buddy_assignments", "buddy_prompts",
                  "buddy_coffee_members", "buddy_coffee_seats", "buddy_meetups"):
        for row in await conn.execute_query_dict(f"SELECT * FROM {table}"):
            if any(row.get(column) == member_id for column in columns):
                found.append((table, row))
    return found


def exported(town: Any, name: str) -> dict[str, Any]:
    dms = town.dms_to(name)
    start = max(i for i, text in enumerate(dms) if text == town.t("core.privacy.export_intro"))
    return json.loads("".join(text.strip("`\n") for text in dms[start + 1:]))
