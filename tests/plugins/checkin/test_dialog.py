"""The weekly dialog as a member lives it: questions, skipping, mood, stopping, reminders, care."""
from __future__ import annotations

from .conftest import answer_all, open_checkin
from .support import CareListener


async def test_checkin_arrives_on_the_default_day_and_time(make_community):
    community = await make_community()
    await community.dm("anna", "!checkin on")
    assert "on Fridays at 18:00 (UTC)" in community.dms_to("anna")[-1]
    await community.wait("4d8h59m")  # Mon 09:00 -> Fri 17:59
    before = len(community.dms_to("anna"))
    await community.wait("1m")
    opening = [a for a in community.actions if a.action == "dm" and a.to == "anna"][before:]
    assert len(opening) == 1
    assert community.t("checkin.ask.worked") in opening[0].text
    assert opening[0].at.isoformat() == "2026-01-09T18:00:00+00:00"


async def test_a_whole_checkin_asks_each_question_once_and_stays_private(make_community):
    community = await open_checkin(await make_community(), "anna")
    await answer_all(community, "anna", "finished the report", "slept badly all week", "3")
    share_question = community.dms_to("anna")[-1]
    assert share_question == community.t("checkin.ask.share", room="checkins", command="!checkin share")
    await community.dm("anna", "1")
    seen = community.dms_to("anna")
    assert seen[-1] == community.t("checkin.done.private")
    for key in ("ask.worked", "ask.didnt", "ask.mood"):
        assert sum(community.t(f"checkin.{key}") in text for text in seen) == 1, key
    assert not community.sent_in("checkins") and not community.sent_in("general")
    assert [a.to for a in community.actions if a.action == "dm"] == ["anna"] * len(seen)


async def test_every_question_can_be_skipped(make_community):
    community = await open_checkin(await make_community(), "anna")
    await answer_all(community, "anna", "-", "skip", "—")
    assert community.dms_to("anna")[-1] == community.t("checkin.done.empty")
    await community.dm("anna", "are you still there?")
    assert community.dms_to("anna")[-1] == community.t("core.unanswered", help="!help"), "not taken as an answer"


async def test_a_russian_speaker_gets_the_dialog_in_russian_and_skips_in_russian(make_community):
    community = await make_community()
    await community.dm("vera", "!language ru")
    community = await open_checkin(community, "vera", lang="ru")
    assert community.t("checkin.ask.worked", "ru") in community.dms_to("vera")[-1]
    await answer_all(community, "vera", "пропустить", "устала от работы", "4")
    assert community.dms_to("vera")[-1] == community.t("checkin.ask.share", "ru", room="checkins",
                                                       command="!checkin share")
    await community.dm("vera", "только мне")
    assert community.dms_to("vera")[-1] == community.t("checkin.done.private", "ru")


async def test_mood_outside_one_to_five_is_asked_again_gently(make_community):
    community = await open_checkin(await make_community(), "anna")
    await answer_all(community, "anna", "a walk", "-", "7")
    assert community.dms_to("anna")[-1] == community.t("checkin.invalid.mood")
    for halfway in ("3,5", "3.5", "35"):  # never read as 5 or 3: asked again, so nobody retypes it as a choice
        await community.dm("anna", halfway)
        assert community.dms_to("anna")[-1] == community.t("checkin.invalid.mood")
    await community.dm("anna", "4/5")
    assert community.dms_to("anna")[-1].startswith(community.t("checkin.ask.share", room="checkins",
                                                               command="!checkin share")[:20])
    await community.dm("anna", "-")
    await community.dm("anna", "!checkin history")
    assert "Mood: 4/5" in community.dms_to("anna")[-1]


async def test_stop_ends_this_weeks_checkin_and_keeps_what_was_said(make_community):
    community = await open_checkin(await make_community(), "anna")
    await answer_all(community, "anna", "called my sister", "stop")
    assert community.dms_to("anna")[-1] == community.t("checkin.done.stopped")
    count = len(community.dms_to("anna"))
    await community.dm("anna", "one more thing")
    assert community.dms_to("anna")[count:] == [community.t("core.unanswered", help="!help")], "the week is over"
    await community.dm("anna", "!checkin history")
    assert "called my sister" in community.dms_to("anna")[-1]


async def test_one_gentle_reminder_after_a_quiet_day_and_never_a_second(make_community):
    community = await open_checkin(await make_community(), "anna")
    await community.wait("23h")
    assert not any(t in community.dms_to("anna")[-1] for t in community.bot.catalog.variants("checkin.reminder", "en"))
    await community.wait("1h")
    reminder = community.dms_to("anna")[-1]
    assert any(t in reminder for t in community.bot.catalog.variants("checkin.reminder", "en"))
    assert community.t("checkin.ask.worked") in reminder
    count = len(community.dms_to("anna"))
    await community.wait("5d")
    assert len(community.dms_to("anna")) == count
    await community.dm("anna", "sorry, late")  # the window (3 days) has closed: not taken as an answer
    assert community.dms_to("anna")[count:] == [community.t("core.unanswered", help="!help")]


async def test_the_reminder_waits_for_quiet_after_each_answer(make_community):
    community = await open_checkin(await make_community(), "anna")
    await community.wait("20h")
    await community.dm("anna", "went outside")
    await community.wait("20h")  # 40h after the opening, but only 20h after the answer
    assert community.dms_to("anna")[-1] == community.t("checkin.ask.didnt")
    await community.wait("4h")
    assert any(t in community.dms_to("anna")[-1] for t in community.bot.catalog.variants("checkin.reminder", "en"))
    assert community.t("checkin.ask.didnt") in community.dms_to("anna")[-1]


async def test_no_reminder_for_a_member_who_turned_them_off(make_community):
    community = await make_community()
    await community.dm("anna", "!checkin on")
    await community.dm("anna", "!checkin reminders off")
    assert community.dms_to("anna")[-1] == community.t("checkin.reminders.off")
    community = await open_checkin(community, "anna", already_on=True)
    count = len(community.dms_to("anna"))
    await community.wait("3d")
    assert len(community.dms_to("anna")) == count


async def test_answers_reach_care_plugins_privately(make_community):
    community = await open_checkin(await make_community(), "anna")
    await answer_all(community, "anna", "nothing", "everything feels hopeless")
    assert "care: you are not alone, here is who can help" in community.dms_to("anna")
    assert community.dms_to("anna")[-1] == community.t("checkin.done.after_care"), "no more questions after the care message"
    assert CareListener.calls[-1] == {"member": "anna", "text": "everything feels hopeless", "lang": "en",
                                      "source": "checkin"}
    assert [c["text"] for c in CareListener.calls] == ["nothing", "everything feels hopeless"]
    assert not [a for a in community.actions if a.action == "send"]


async def test_direct_messages_without_an_open_checkin_are_left_alone(make_community):
    community = await make_community()
    await community.dm("anna", "!checkin on")
    count = len(community.actions)
    await community.dm("anna", "hi, just saying hello")
    assert [a.text for a in community.actions[count:]] == [community.t("core.unanswered", help="!help")], \
        "only the bot's short hint: no check-in question"
    assert not CareListener.calls


async def test_room_messages_are_never_taken_as_answers(make_community):
    community = await open_checkin(await make_community(), "anna")
    count = len(community.actions)
    await community.say("anna", "good morning everyone")
    assert len(community.actions) == count
    await community.dm("anna", "a good talk with a friend")
    assert community.dms_to("anna")[-1] == community.t("checkin.ask.didnt")
