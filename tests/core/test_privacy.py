"""``!privacy export`` and ``!privacy forget``: after forget, no row anywhere names the member."""
from __future__ import annotations

import json

from tortoise import Tortoise

from tests.core.sample_plugins import Tools


async def rows_naming(community, needles: list[str]) -> list[tuple[str, dict]]:
    conn = Tortoise.get_connection("default")
    found = []
    for table in await community.bot.storage.table_names():
        if table.startswith("sqlite_"):
            continue
        for row in await conn.execute_query_dict(f'SELECT * FROM "{table}"'):
            values = [str(v) for v in row.values()]
            if any(needle in values for needle in needles):
                found.append((table, row))
    return found


def exported(community, name: str, lang: str) -> dict:
    """The data the bot sent ``name`` after their last ``!privacy export``."""
    dms = community.dms_to(name)
    start = len(dms) - 1 - dms[::-1].index(community.t("core.privacy.export_intro", lang))
    return json.loads("".join(text.strip("`\n") for text in dms[start + 1:] if text.startswith("```")))


async def test_export_sends_the_member_their_data_privately(community):
    await community.join("alice")
    await community.say("alice", "!language ru")
    await community.say("alice", "!privacy export")
    data = exported(community, "alice", "ru")
    assert data["member"]["language"] == "ru"
    assert data["member"]["identities"] == [{"platform": "console", "id": "alice", "name": "alice"}]
    assert community.replies_to("alice")[-1] == community.t("core.privacy.sent_privately", "ru")


async def test_forget_needs_confirmation_and_then_leaves_no_trace(community):
    await community.join("alice")
    await community.join("bob")
    await community.say("alice", "!win finished a chapter")
    await community.say("alice", "!checkin on")
    await community.say("bob", "!win called my mum")
    alice_id = community.bot.members.cached_id(community.member("alice"))
    await community.say("alice", "!privacy forget confirm")  # no pending request yet: asks first
    assert await rows_naming(community, ["alice"])
    await community.say("alice", "!privacy forget")
    await community.say("alice", "!privacy forget confirm")
    assert community.replies_to("alice")[-1] == community.t("core.privacy.forgotten")
    leftovers = [(t, r) for t, r in await rows_naming(community, ["alice"])]
    assert leftovers == []
    member_rows = await Tortoise.get_connection("default").execute_query_dict(
        "SELECT id FROM members WHERE id = ?", [alice_id])
    assert member_rows == []
    assert await rows_naming(community, ["bob"]), "other members' data stays"


async def test_forget_confirmation_expires(community_factory):
    town = await community_factory(plugins=[Tools])
    await town.say("alice", "!privacy forget")
    await town.wait("11m")
    await town.say("alice", "!privacy forget confirm")
    assert town.replies_to("alice")[-1] == town.t("core.privacy.confirm", command="!privacy forget confirm")


async def test_a_russian_speaker_is_asked_to_confirm_in_russian_and_can(community_factory):
    town = await community_factory(plugins=[Tools])
    await town.say("olga", "!language ru")
    await town.say("olga", "!privacy forget")
    asked = town.replies_to("olga")[-1]
    assert asked == town.t("core.privacy.confirm", "ru", command="!privacy forget подтверждаю")
    await town.say("olga", "!privacy forget подтверждаю")
    assert town.replies_to("olga")[-1] == town.t("core.privacy.forgotten", "ru")


async def test_in_private_a_plain_yes_answers_the_forget_question(community):
    await community.join("alice")
    await community.say("alice", "!win finished a chapter")
    await community.dm("alice", "!language ru")
    await community.dm("alice", "!privacy forget")
    asked = community.dms_to("alice")[-1]
    assert asked == community.t("core.privacy.confirm_private", "ru", command="!privacy forget подтверждаю", yes="да")
    await community.dm("alice", "Да!")
    assert community.dms_to("alice")[-1] == community.t("core.privacy.forgotten", "ru")
    assert await rows_naming(community, ["alice"]) == []


async def test_in_private_a_plain_no_keeps_everything_and_ends_the_question(community):
    await community.join("alice")
    await community.say("alice", "!win finished a chapter")
    await community.dm("alice", "!privacy forget")
    await community.dm("alice", "no")
    assert community.dms_to("alice")[-1] == community.t("core.privacy.kept")
    await community.dm("alice", "yes")
    assert community.dms_to("alice")[-1] != community.t("core.privacy.forgotten"), "the question was over"
    assert await rows_naming(community, ["alice"]), "nothing was deleted"


async def test_a_plain_yes_after_the_question_expired_deletes_nothing(community):
    await community.join("alice")
    await community.say("alice", "!win finished a chapter")
    await community.dm("alice", "!privacy forget")
    await community.wait("11m")
    await community.dm("alice", "yes")
    assert community.t("core.privacy.forgotten") not in community.dms_to("alice")
    assert await rows_naming(community, ["alice"])


async def test_in_a_room_a_plain_yes_is_not_taken_as_the_answer(community):
    await community.join("alice")
    await community.say("alice", "!win finished a chapter")
    await community.say("alice", "!privacy forget")
    assert community.replies_to("alice")[-1] == community.t("core.privacy.confirm", command="!privacy forget confirm")
    await community.say("alice", "yes")
    assert community.t("core.privacy.forgotten") not in community.replies_to("alice") + community.dms_to("alice")
    assert await rows_naming(community, ["alice"])


async def test_export_shows_the_language_the_member_writes_to_the_bot_in(community):
    await community.join("alice")
    await community.dm("alice", "привет, что ты умеешь?")
    await community.dm("alice", "!privacy export")
    data = exported(community, "alice", "ru")
    assert data["member"]["written_language"] == "ru" and data["member"]["language"] is None
