"""The shipped plugins' commands take Russian words and explain themselves in Russian."""
from __future__ import annotations

from typing import Any

import pytest


@pytest.fixture
async def town(community_factory):
    town = await community_factory(plugins=["checkin", "wins", "moderation"])
    for name in ("olga", "mod"):
        await town.dm(name, "!язык русский")
    town.new_actions()
    return town


async def said(town: Any, name: str, text: str) -> str:
    await town.dm(name, text)
    return "\n".join(action.text or "" for action in town.new_actions())


async def test_checkin_settings_take_russian_words(town):
    await said(town, "olga", "!checkin on")
    assert await said(town, "olga", "!checkin reminders выкл") == town.t("checkin.reminders.off", "ru")
    assert await said(town, "olga", "!checkin share приватно") == town.t("checkin.share.private", "ru")
    assert await said(town, "olga", "!checkin similar выкл") == town.t("checkin.similar.off", "ru")
    assert await said(town, "olga", "!checkin similar да") == town.t("checkin.similar.none", "ru")


async def test_checkin_pause_takes_weeks_in_words(town):
    await said(town, "olga", "!checkin on")
    in_words = await said(town, "olga", "!checkin pause 2 недели")
    assert in_words == await said(town, "olga", "!checkin pause 2w")
    assert town.t("core.usage.line", "ru", usage="") not in in_words


async def test_wins_digest_takes_russian_words(town):
    assert await said(town, "olga", "!wins digest выкл") == town.t("wins.digest_choice.off", "ru", command="!wins")


async def test_the_parts_of_a_command_are_shown_in_russian(town):
    reply = await said(town, "olga", "!checkin")
    assert "!checkin pause <срок>" in reply
    assert "!checkin reminders <вкл|выкл>" in reply
    assert "!checkin share <спрашивать|приватно|бадди|комната|анонимно>" in reply
    assert "!checkin similar <да|нет|вкл|выкл>" in reply


async def test_a_moderator_naming_a_member_without_at_is_told_how(town):
    assert await said(town, "mod", "!mod history bob") == (
        "Укажи участника через @, например @имя.\nКак пользоваться: !mod history <участник>")
    assert await said(town, "mod", "!mod resolve 1 может") == (
        "«решение»: допустимые значения — подтвердить, отменить.\n"
        "Как пользоваться: !mod resolve <номер> <подтвердить|отменить> [заметка...]")
