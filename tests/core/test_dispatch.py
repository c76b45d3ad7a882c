"""Events reach every plugin; commands are found, checked and answered kindly."""
from __future__ import annotations

import logging

import pytest

from tests.core.sample_plugins import Broken, Carer, Recorder, Tools

PLUGINS = [Broken, Carer, Recorder, Tools]


@pytest.fixture
async def town(community_factory):
    return await community_factory(plugins=PLUGINS)


async def test_a_raising_plugin_is_logged_with_the_event_id_and_others_still_run(town, caplog):
    caplog.set_level(logging.ERROR, logger="samovar")
    await town.say("alice", "hello there")
    recorder = town.bot.plugin("tests.core.sample_plugins:Recorder")
    assert ("message", "hello there") in recorder.seen
    failures = [r for r in caplog.records if getattr(r, "plugin", "") == "tests.core.sample_plugins:Broken"]
    assert failures and failures[0].event_id.startswith("ev")


async def test_a_command_that_raises_gets_an_apology_not_a_traceback(town):
    await town.say("alice", "!crash")
    assert town.replies_to("alice") == [town.t("core.command_failed")]


async def test_every_event_kind_reaches_the_hooks(town):
    recorder = town.bot.plugin("tests.core.sample_plugins:Recorder")
    await town.join("bob")
    message = await town.say("bob", "hi")
    await town.react("alice", "🌱", to=message)
    await town.unreact("alice", "🌱", to=message)
    await town.edit("bob", message, "hi all")
    await town.delete("bob", message)
    await town.leave("bob")
    kinds = [kind for kind, _ in recorder.seen]
    assert kinds == ["startup", "joined", "message", "reaction+", "reaction-", "edited", "deleted", "left"]


async def test_unknown_command_suggests_the_closest(town):
    await town.say("alice", "!ecoh hi")
    assert town.replies_to("alice") == [town.t("core.unknown_command_hint", command="!echo", help="!help")]


async def test_wrong_arguments_get_usage(town):
    await town.say("alice", "!count lots")
    reply = town.replies_to("alice")[-1]
    assert town.t("core.usage.number", arg="n") in reply
    assert "!count <n> [apples|pears]" in reply


async def test_typed_arguments_and_plural_text(town):
    await town.say("alice", "!count 1 apples")
    await town.say("alice", "!count 3")
    assert town.replies_to("alice") == ["1 thing", "3 things"]


async def test_member_and_duration_arguments_schedule_a_reminder(town):
    await town.say("alice", "!remind @bob 2h")
    assert town.replies_to("alice") == ["Done."]
    await town.wait("1h")
    assert town.dms_to("bob") == []
    await town.wait("1h")
    assert town.dms_to("bob") == ["A gentle reminder."]


async def test_moderator_command_is_refused_to_members_and_allowed_to_moderators(town):
    await town.say("alice", "!sweep")
    await town.say("mod", "!sweep")
    assert town.replies_to("alice") == [town.t("core.not_allowed")]
    assert town.replies_to("mod") == ["Done."]


async def test_dm_only_command_in_a_room_is_redirected(town):
    await town.say("alice", "!secret")
    await town.dm("alice", "!secret")
    assert town.replies_to("alice") == [town.t("core.dm_only", command="!secret")]
    assert town.dms_to("alice") == ["Done."]


async def test_rate_limit_warns_once_then_stays_quiet(community_factory):
    town = await community_factory({"rate_limit": {"commands": 3, "per": "1m"}}, plugins=[Tools])
    for _ in range(6):
        await town.say("alice", "!echo hi")
    assert town.replies_to("alice") == ["hi", "hi", "hi", town.t("core.rate_limited")]
    await town.wait("1m")
    await town.say("alice", "!echo back")
    assert town.replies_to("alice")[-1] == "back"


async def test_moderators_commands_are_not_rate_limited_for_moderators(community_factory):
    """Triage comes in bursts; a member still cannot use a moderator's command to get round the limit."""
    town = await community_factory({"rate_limit": {"commands": 3, "per": "1m"}}, plugins=[Tools])
    for _ in range(6):
        await town.say("mod", "!sweep")
    assert town.replies_to("mod") == [town.t("sample.ok")] * 6
    for _ in range(4):
        await town.say("mod", "!echo hi")
    assert town.replies_to("mod")[-1] == town.t("core.rate_limited"), "their other commands are limited as usual"
    for _ in range(5):
        await town.say("alice", "!sweep")
    assert town.replies_to("alice")[-1] == town.t("core.rate_limited")


async def test_echoed_text_never_pings_everyone(town):
    await town.say("alice", "!echo hey @everyone and @here and @room")
    reply = town.replies_to("alice")[0]
    assert "@everyone" not in reply and "@here" not in reply and "@room" not in reply
    assert "everyone" in reply


async def test_plugin_switched_off_in_a_room(community_factory):
    town = await community_factory(
        {"rooms": {"quiet": {"plugins": {"tests.core.sample_plugins:Tools": {"enabled": False}}}}}, plugins=[Tools])
    await town.say("alice", "!echo hi", room="quiet")
    await town.say("alice", "!echo hi")
    assert town.sent_in("quiet") == [town.t("core.not_here")]
    assert town.sent_in("general") == ["hi"]


async def test_group_without_subcommand_lists_its_parts(town):
    await town.say("alice", "!privacy")
    reply = town.replies_to("alice")[0]
    assert "!privacy export" in reply and "!privacy forget [confirm]" in reply


async def test_help_lists_only_what_the_member_may_use(town):
    await town.say("alice", "!help")
    await town.say("mod", "!help")
    member_help, mod_help = town.replies_to("alice")[0], town.replies_to("mod")[0]
    assert "!echo" in member_help and "!sweep" not in member_help
    assert "!sweep" in mod_help


async def test_language_choice_changes_replies(town):
    await town.say("alice", "!language ru")
    await town.say("alice", "!count 5")
    assert town.replies_to("alice")[-1] == "5 штук"


async def test_ticks_fire_every_minute_of_virtual_time(town):
    recorder = town.bot.plugin("tests.core.sample_plugins:Recorder")
    await town.wait("1h")
    assert recorder.ticks == 60


async def test_only_direct_messages_reach_on_direct_message(town):
    recorder = town.bot.plugin("tests.core.sample_plugins:Recorder")
    await town.say("alice", "in the room")
    await town.dm("alice", "just to you")
    assert [seen for seen in recorder.seen if seen[0] in ("message", "direct")] == [
        ("message", "in the room"), ("message", "just to you"), ("direct", "just to you")]


async def test_a_failing_direct_message_hook_is_logged_under_its_own_name(town, caplog):
    caplog.set_level(logging.ERROR, logger="samovar")
    await town.dm("alice", "hello")
    hooks = [r.hook for r in caplog.records if getattr(r, "plugin", "") == "tests.core.sample_plugins:Broken"]
    assert hooks == ["claim_direct_message", "on_message", "on_direct_message"]


async def test_a_claimed_direct_message_is_answered_once_and_reaches_nobody_else(town):
    recorder = town.bot.plugin("tests.core.sample_plugins:Recorder")
    await town.dm("alice", "it was a hard night")
    assert town.dms_to("alice") == [town.t("sample.cared")]
    assert [seen for seen in recorder.seen if seen[0] in ("message", "direct")] == []


async def test_a_room_message_and_a_private_command_are_never_claimed(town):
    recorder = town.bot.plugin("tests.core.sample_plugins:Recorder")
    await town.say("alice", "it was a hard night")
    await town.dm("alice", "!echo hard night")
    assert town.replies_to("alice") == [] and town.dms_to("alice") == ["hard night"]
    assert [seen for seen in recorder.seen if seen[0] in ("message", "direct")] == [
        ("message", "it was a hard night"), ("message", "!echo hard night"), ("direct", "!echo hard night")]


async def test_a_member_who_writes_to_the_bot_in_russian_is_answered_in_russian(community_factory):
    """Without a !language choice, the language of their private words counts (before the community's)."""
    town = await community_factory(plugins=[Tools])
    await town.dm("lena", "!help")
    assert town.dms_to("lena")[-1].startswith(town.t("core.help.header"))
    await town.dm("lena", "привет, мне тут посоветовали этого бота")
    await town.dm("lena", "!help")
    assert town.dms_to("lena")[-1].startswith(town.t("core.help.header", "ru"))
    await town.dm("lena", "ok")
    await town.dm("lena", "!help")
    assert town.dms_to("lena")[-1].startswith(town.t("core.help.header", "ru")), "one short word is not enough"
    await town.dm("lena", "actually English is easier for me")
    await town.dm("lena", "!help")
    assert town.dms_to("lena")[-1].startswith(town.t("core.help.header"))
    await town.dm("lena", "!language ru")
    await town.dm("lena", "sure thing, thanks")
    await town.dm("lena", "!help")
    assert town.dms_to("lena")[-1].startswith(town.t("core.help.header", "ru")), "a choice outweighs what is written"


async def test_private_words_nothing_answers_get_a_short_hint_once_a_day(community_factory):
    town = await community_factory(plugins=[Tools, Carer])
    hint = town.t("core.unanswered", help="!help")
    await town.dm("nina", "hi, is anyone here?")
    assert town.dms_to("nina") == [hint], "never silence"
    await town.dm("nina", "hello?")
    assert town.dms_to("nina") == [hint], "once a day, not to every message"
    await town.wait("1d")
    await town.dm("nina", "hi again")
    assert town.dms_to("nina") == [hint, hint]
    await town.dm("omar", "what a hard night")
    await town.dm("omar", "is anyone there")
    still_here = town.t("core.still_here")
    assert town.dms_to("omar") == [town.t("sample.cared"), still_here], "after care: never \"I'm a bot\", never silence"
    await town.dm("omar", "please answer")
    assert town.dms_to("omar")[-1] == still_here and len(town.dms_to("omar")) == 2, "not to every message"
    await town.wait("10m")
    await town.dm("omar", "please")
    assert town.dms_to("omar")[2:] == [still_here]


async def test_a_private_command_with_russian_words_is_answered_in_russian(community_factory):
    town = await community_factory(plugins=[Tools])
    await town.dm("yan", "!помощь")
    assert town.dms_to("yan")[-1].startswith(town.t("core.help.header", "ru"))
    await town.dm("yan", "!help")
    assert town.dms_to("yan")[-1].startswith(town.t("core.help.header", "ru")), "!help alone says nothing"
    await town.say("mod", "!echo спасибо за терпение")  # a note in Russian in a room: not a language choice
    await town.say("mod", "!help")
    assert town.replies_to("mod")[-1].startswith(town.t("core.help.header"))


async def test_a_number_may_be_written_as_the_bot_writes_it(community_factory):
    town = await community_factory(plugins=[Tools])
    await town.say("alice", "!count #3")
    assert town.replies_to("alice")[-1] == town.t("sample.counted", count=3)
