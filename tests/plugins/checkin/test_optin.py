"""Opting in and out: day, time and zone; defaults; status; pause; off; leaving."""
from __future__ import annotations

from datetime import datetime, timezone

from .conftest import open_checkin


def opening_times(community, name: str) -> list[str]:
    """When ``name`` was greeted with a new check-in (UTC, ISO)."""
    greetings = [text.format(name=name) for lang in ("en", "ru")
                 for text in community.bot.catalog.variants("checkin.open", lang)]
    return [a.at.isoformat() for a in community.actions
            if a.action == "dm" and a.to == name and any(a.text.startswith(g) for g in greetings)]


async def test_opting_in_from_a_room_answers_privately(make_community):
    community = await make_community()
    await community.say("anna", "!checkin on")
    assert community.replies_to("anna") == [community.t("checkin.sent_privately")]
    details = community.dms_to("anna")[-1]
    assert "on Fridays at 18:00 (UTC)" in details and "2026-01-09 at 18:00" in details
    assert "!checkin pause 2w" in details and "!checkin off" in details


async def test_day_time_and_zone_in_any_order(make_community):
    community = await make_community()
    await community.dm("anna", "!checkin on 07:30 europe/berlin Mon")
    assert "on Mondays at 07:30 (Europe/Berlin)" in community.dms_to("anna")[-1]
    await community.wait("7d")
    assert opening_times(community, "anna") == ["2026-01-12T06:30:00+00:00"]


async def test_russian_day_names_are_understood(make_community):
    community = await make_community()
    await community.dm("vera", "!language ru")
    await community.dm("vera", "!checkin on ср 9:15")
    assert "по средам в 09:15 (UTC)" in community.dms_to("vera")[-1]


async def test_defaults_come_from_config_and_the_members_own_time_zone(make_community):
    community = await make_community(checkin={"default_day": "tue", "default_time": "20:00"},
                                     config={"community": {"timezone": "Europe/Moscow"}})
    await community.dm("anna", "!checkin on")
    assert "on Tuesdays at 20:00 (Europe/Moscow)" in community.dms_to("anna")[-1]
    tokyo = await community.bot.members.resolve(community.member("kenji"))
    await community.bot.members.set_timezone(tokyo, "Asia/Tokyo")
    await community.dm("kenji", "!checkin on")
    assert "on Tuesdays at 20:00 (Asia/Tokyo)" in community.dms_to("kenji")[-1]
    await community.wait("2d")
    assert opening_times(community, "kenji") == ["2026-01-06T11:00:00+00:00"]
    assert opening_times(community, "anna") == ["2026-01-06T17:00:00+00:00"]


async def test_a_word_that_is_not_a_day_time_or_zone_is_explained(make_community):
    community = await make_community()
    await community.dm("anna", "!checkin on someday")
    reply = community.dms_to("anna")[-1]
    assert "«someday»" in reply and "!checkin on fri 18:00 Europe/Berlin" in reply
    await community.dm("anna", "!checkin status")
    assert community.dms_to("anna")[-1] == community.t("checkin.not_on", command="!checkin on")


async def test_status_shows_the_members_settings(make_community):
    community = await make_community()
    await community.dm("anna", "!checkin on sat 10:00")
    await community.dm("anna", "!checkin share buddy")
    await community.dm("anna", "!checkin status")
    status = community.dms_to("anna")[-1]
    assert "on Saturdays at 10:00 (UTC)" in status
    assert community.t("checkin.status.sharing", sharing=community.t("checkin.status.sharing_modes.buddy")) in status
    assert community.t("checkin.status.reminders.on") in status


async def test_pause_skips_check_ins_until_it_ends(make_community):
    community = await open_checkin(await make_community(), "anna")
    await community.dm("anna", "!checkin pause 2w")
    reply = community.dms_to("anna")[-1]
    assert "2026-01-23" in reply and "2026-01-23 at 18:00" not in reply and "2026-01-30 at 18:00" in reply
    await community.wait("20d")  # to Thu 29 Jan
    assert opening_times(community, "anna") == ["2026-01-09T18:00:00+00:00"]
    await community.wait("1d")
    assert opening_times(community, "anna")[-1] == "2026-01-30T18:00:00+00:00"


async def test_pausing_closes_the_open_dialog(make_community):
    community = await open_checkin(await make_community(), "anna")
    await community.dm("anna", "!checkin pause 1w")
    count = len(community.dms_to("anna"))
    await community.dm("anna", "ok")
    assert community.dms_to("anna")[count:] == [community.t("core.unanswered", help="!help")], "no question asked"


async def test_checkin_on_ends_a_pause_early(make_community):
    community = await make_community()
    await community.dm("anna", "!checkin on")
    await community.dm("anna", "!checkin pause 3w")
    await community.dm("anna", "!checkin on")
    await community.wait("5d")
    assert opening_times(community, "anna") == ["2026-01-09T18:00:00+00:00"]


async def test_off_stops_check_ins_and_on_brings_them_back(make_community):
    community = await open_checkin(await make_community(), "anna")
    await community.dm("anna", "!checkin off")
    assert community.dms_to("anna")[-1] == community.t("checkin.off.done", on="!checkin on",
                                                       history="!checkin history", forget="!privacy forget")
    await community.wait("14d")
    assert opening_times(community, "anna") == ["2026-01-09T18:00:00+00:00"]
    await community.dm("anna", "!checkin off")
    assert community.dms_to("anna")[-1] == community.t("checkin.off.already")
    await community.dm("anna", "!checkin on")
    await community.wait("7d")
    assert opening_times(community, "anna")[-1] == "2026-01-30T18:00:00+00:00"


async def test_changing_the_time_right_after_a_checkin_does_not_bring_a_second_one(make_community):
    community = await open_checkin(await make_community(), "anna")
    await community.dm("anna", "!checkin on 20:00")
    await community.wait("7d2h")
    assert opening_times(community, "anna") == ["2026-01-09T18:00:00+00:00", "2026-01-16T20:00:00+00:00"]


async def test_a_member_who_leaves_gets_no_more_check_ins(make_community):
    community = await make_community()
    await community.join("anna")
    await community.dm("anna", "!checkin on")
    await community.leave("anna")
    await community.wait("14d")
    assert opening_times(community, "anna") == []


async def test_closed_direct_messages_are_explained_in_the_room(make_community):
    community = await make_community(config={"adapters": {"console": {"dm_closed": ["anna"]}}})
    await community.say("anna", "!checkin on")
    assert community.replies_to("anna") == [community.t("core.dm_closed")]


async def test_a_schedule_far_from_utc_keeps_its_local_day(make_community):
    start = datetime(2026, 1, 5, 9, 0, tzinfo=timezone.utc)
    community = await make_community(start=start)
    await community.dm("anna", "!checkin on mon 08:00 Pacific/Auckland")  # 19:00 UTC on Sunday
    await community.wait("7d")
    assert opening_times(community, "anna") == ["2026-01-11T19:00:00+00:00"]


async def test_checkin_on_again_says_they_are_already_on_and_when_the_next_one_is(make_community):
    community = await make_community()
    await community.dm("anna", "!checkin on")
    await community.dm("anna", "!checkin on")
    values = {"schedule": "on Fridays at 18:00 (UTC)", "next": "Friday, 2026-01-09 at 18:00",
              "pause": "!checkin pause 2w", "off": "!checkin off", "change": "!checkin on mon 19:00"}
    assert community.dms_to("anna")[-1] == community.t("checkin.on.already", **values)
    await community.dm("anna", "!checkin on sat")
    assert community.dms_to("anna")[-1] == community.t("checkin.on.changed", **{
        **values, "schedule": "on Saturdays at 18:00 (UTC)", "next": "Saturday, 2026-01-10 at 18:00"})
    await community.dm("anna", "!checkin pause 2w")
    await community.dm("anna", "!checkin on")
    assert community.dms_to("anna")[-1] == community.t("checkin.on.resumed", **{
        **values, "schedule": "on Saturdays at 18:00 (UTC)", "next": "Saturday, 2026-01-10 at 18:00"})


async def test_status_after_off_says_so_and_how_to_turn_them_back_on(make_community):
    community = await make_community()
    await community.dm("anna", "!checkin on sat 10:00")
    await community.dm("anna", "!checkin share buddy")
    await community.dm("anna", "!checkin off")
    await community.dm("anna", "!checkin status")
    status = community.dms_to("anna")[-1].split("\n")
    assert status[0] == community.t("checkin.status.off", command="!checkin on",
                                    schedule="on Saturdays at 10:00 (UTC)")
    assert community.t("checkin.status.sharing", sharing=community.t("checkin.status.sharing_modes.buddy")) in status
    assert not any(line.startswith(community.t("checkin.status.next", next="")) for line in status)


async def test_history_before_the_first_checkin_names_the_next_one(make_community):
    community = await make_community()
    await community.dm("anna", "!checkin on")
    await community.dm("anna", "!checkin history")
    assert community.dms_to("anna")[-1] == community.t("checkin.history.empty_on",
                                                       next="Friday, 2026-01-09 at 18:00")


async def test_a_pause_longer_than_a_year_is_refused_kindly(make_community):
    community = await make_community()
    await community.dm("anna", "!checkin on")
    await community.dm("anna", "!checkin pause 1000w")
    assert community.dms_to("anna")[-1] == community.t("checkin.pause.too_long", off="!checkin off")
    await community.wait("7d")
    assert community.t("checkin.ask.worked") in community.dms_to("anna")[-1], "not paused: the check-in came"


async def test_a_pause_can_be_written_in_words(make_community):
    community = await make_community()
    await community.dm("anna", "!language en")  # her choice: Russian words in commands do not switch it
    await community.dm("anna", "!checkin on")
    for words in ("две недели", "a week", "1 час 30 минут"):
        await community.dm("anna", f"!checkin pause {words}")
        assert community.dms_to("anna")[-1].startswith(community.t("checkin.pause.done", until="", next="",
                                                                      resume="")[:6]), words
