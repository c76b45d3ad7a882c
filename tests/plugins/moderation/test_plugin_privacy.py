"""A member's moderation record belongs to them: exported on request, gone when they are forgotten."""
from __future__ import annotations

import json

import pytest

from samovar.plugins.moderation.models import ModerationAppeal, ModerationCase


@pytest.fixture
async def town(community_factory):
    return await community_factory(config={"scheduler": {"tick": "1h"}}, plugins=["moderation"])


def exported(town, name: str) -> dict:
    dms = town.dms_to(name)
    start = dms.index(town.t("core.privacy.export_intro"))
    return json.loads("".join(text.strip("`\n") for text in dms[start + 1:]))


async def test_export_holds_the_members_cases_and_appeals(town):
    await town.say("alice", "Just think positive!")
    await town.dm("alice", "this was fine, I meant myself")
    await town.say("alice", "I want to disappear forever")
    await town.say("alice", "!privacy export")
    data = exported(town, "alice")["moderation"]
    rule_case, care_case = data["cases"]
    assert rule_case["rule"] == "toxic-positivity" and rule_case["text"] == "Just think positive!"
    assert rule_case["actions"] == ["nudge"] and rule_case["room"] == "general"
    assert care_case["kind"] == "care" and care_case["text"] is None, "words of crisis are never stored"
    [appeal] = data["appeals"]
    assert appeal["reason"] == "this was fine, I meant myself" and appeal["status"] == "open"


async def test_forget_removes_every_case_and_appeal_and_the_moderators_name(town):
    await town.say("alice", "Just think positive!")
    await town.dm("alice", "this was fine")
    await town.say("bob", "You are so dramatic.")
    await town.dm("bob", "this was fine")
    await town.say("mod", "!mod resolve 1 upheld", room="moderators")
    await town.say("mod", "!mod resolve 2 upheld", room="moderators")
    alice_id = town.bot.members.cached_id(town.member("alice"))
    mod_id = town.bot.members.cached_id(town.member("mod"))
    await town.say("alice", "!privacy forget")
    await town.say("alice", "!privacy forget confirm")
    assert await ModerationCase.filter(member_id=alice_id).count() == 0
    assert await ModerationAppeal.filter(member_id=alice_id).count() == 0
    await town.say("mod", "!mod history @alice", room="moderators")
    assert town.sent_in("moderators")[-1] == town.t("moderation.history.empty", member="@alice")
    await town.say("mod", "!privacy forget")
    await town.say("mod", "!privacy forget confirm")
    assert await ModerationAppeal.filter(resolved_by=mod_id).count() == 0
    assert await ModerationAppeal.filter(status="upheld").count() == 1, "bob's decided appeal stays as an example"
