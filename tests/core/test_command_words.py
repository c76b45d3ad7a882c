"""Members read argument names and choices in their language, and may type them in it."""
from __future__ import annotations

from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest

from samovar.core.commands import DURATION, MEMBER, Arg
from samovar.core.plugin import Plugin, command


class Words(Plugin):
    """Commands whose handlers answer with exactly what they were given."""

    name = "words"
    locales = Path(__file__).parent / "word_locales"

    @command("lights", Arg("setting", choices=("on", "off")), help="words.lights")
    async def lights(self, ctx: Any, setting: str) -> None:
        await ctx.reply(f"setting={setting}")

    @command("share", Arg("mode", choices=("private", "room"), label="words.args.mode"), help="words.share")
    async def share(self, ctx: Any, mode: str) -> None:
        await ctx.reply(f"mode={mode}")

    @command("pause", Arg("duration", DURATION), Arg("note", required=False, rest=True), help="words.pause")
    async def pause(self, ctx: Any, duration: timedelta, note: str | None = None) -> None:
        await ctx.reply(f"duration={duration} note={note}")

    @command("poke", Arg("member", MEMBER), help="words.poke")
    async def poke(self, ctx: Any, member: Any) -> None:
        await ctx.reply(f"poked={member.id}")

    @command("size", Arg("n", int), help="words.size")
    async def size(self, ctx: Any, n: int) -> None:
        await ctx.reply(f"n={n}")


@pytest.fixture
async def town(community_factory):
    town = await community_factory(plugins=[Words])
    await town.say("olga", "!language ru")
    town.new_actions()
    return town


async def said(town: Any, name: str, text: str) -> str:
    await town.say(name, text)
    return "\n".join(action.text or "" for action in town.new_actions())


@pytest.mark.parametrize("text, given", [
    ("!lights выкл", "setting=off"), ("!lights Вкл", "setting=on"), ("!lights off", "setting=off"),
    ("!lights да", "setting=on"), ("!share приватно", "mode=private"), ("!share лично", "mode=private"),
    ("!share комната", "mode=room"), ("!share room", "mode=room"),
])
async def test_russian_choice_words_reach_the_handler_as_the_declared_word(town, text, given):
    assert await said(town, "olga", text) == given


async def test_words_of_any_language_are_accepted_from_everyone(town):
    assert await said(town, "alice", "!lights выкл") == "setting=off"


async def test_a_wrong_choice_lists_words_in_the_members_language(town):
    assert await said(town, "olga", "!lights громко") == (
        "«настройка»: допустимые значения — вкл, выкл.\nКак пользоваться: !lights <вкл|выкл>")
    assert await said(town, "olga", "!share всем") == (
        "«кому видно»: допустимые значения — лично, комната.\nКак пользоваться: !share <лично|комната>")
    assert await said(town, "alice", "!lights loud") == (
        "“setting” can be one of: on, off.\nUsage: !lights <on|off>")


@pytest.mark.parametrize("text, given", [
    ("!pause 2 недели", "duration=14 days, 0:00:00 note=None"),
    ("!pause 3 дня", "duration=3 days, 0:00:00 note=None"),
    ("!pause 30 мин", "duration=0:30:00 note=None"),
    ("!pause 1 час 30 минут до вечера", "duration=1:30:00 note=до вечера"),
    ("!pause 2w", "duration=14 days, 0:00:00 note=None"),
    ("!pause 1d12h back soon", "duration=1 day, 12:00:00 note=back soon"),
])
async def test_durations_in_words_or_short_forms(town, text, given):
    assert await said(town, "olga", text) == given


async def test_usage_errors_name_arguments_in_the_members_language(town):
    assert await said(town, "olga", "!pause") == (
        "Чего-то не хватает: срок.\nКак пользоваться: !pause <срок> [заметка...]")
    assert await said(town, "olga", "!pause скоро") == (
        "На месте «срок» нужен срок, например 30 мин, 2 часа, 3 дня или 2 недели (можно и 30m, 2h, 3d, 2w).\n"
        "Как пользоваться: !pause <срок> [заметка...]")
    assert await said(town, "alice", "!pause") == "Something is missing: duration.\nUsage: !pause <duration> [note...]"


async def test_an_argument_without_a_name_in_the_catalog_keeps_its_code_name(town):
    assert await said(town, "olga", "!size много") == "На месте «n» нужно число.\nКак пользоваться: !size <n>"


async def test_a_member_named_without_at_gets_a_clear_sentence(town):
    assert await said(town, "olga", "!poke bob") == (
        "Укажи участника через @, например @имя.\nКак пользоваться: !poke <участник>")
    assert await said(town, "alice", "!poke bob") == "Mention the member with @, like @name.\nUsage: !poke <member>"
    assert await said(town, "olga", "!poke @bob") == "poked=bob"


async def test_help_has_a_russian_name_and_shows_usage_in_russian(town):
    reply = await said(town, "olga", "!помощь")
    assert reply.startswith(town.t("core.help.header", "ru"))
    assert "!lights — включить или выключить свет" in reply
    assert await said(town, "olga", "!помощь share") == "!share <лично|комната> — кому видно"
    assert await said(town, "alice", "!help pause") == "!pause <duration> [note...] — pause for a while"


@pytest.mark.parametrize("text, lang", [
    ("!language русский", "ru"), ("!язык english", "en"), ("!language по-русски", "ru"), ("!язык en", "en"),
])
async def test_language_can_be_chosen_in_words(town, text, lang):
    assert await said(town, "alice", text) == town.t("core.language.set", lang)


async def test_language_choices_are_shown_in_the_members_language(town):
    assert await said(town, "olga", "!язык klingon") == (
        "«язык»: допустимые значения — русский, английский.\nКак пользоваться: !language <русский|английский>")
