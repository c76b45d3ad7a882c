"""A member's own answers: history in private only, export, and forgetting everything."""
from __future__ import annotations

import json

from samovar.plugins.checkin.models import CheckinEntry, CheckinMatch, CheckinSchedule

from .conftest import answer_all, open_checkin
from .test_optin import opening_times


async def test_history_works_only_in_private(make_community):
    community = await open_checkin(await make_community(), "anna")
    await answer_all(community, "anna", "finished the report", "-", "-")
    await community.say("anna", "!checkin history")
    assert community.replies_to("anna") == [community.t("core.dm_only", command="!checkin history")]
    assert not any("finished the report" in text for text in community.sent_in("general"))


async def test_history_lists_only_the_members_own_answered_weeks_newest_first(make_community):
    community = await make_community()
    await community.dm("boris", "!checkin on")
    community = await open_checkin(community, "anna")
    await answer_all(community, "anna", "week one went fine", "-", "-")
    await answer_all(community, "boris", "boris's secret", "-", "-")
    await community.wait("7d")  # anna does not answer in week two: that week is simply not listed
    await community.wait("7d")
    await answer_all(community, "anna", "-", "week three was heavy", "2", "1")
    await community.dm("anna", "!checkin history")
    history = community.dms_to("anna")[-1]
    assert history.startswith(community.t("checkin.history.header"))
    assert history.index("2026-01-23") < history.index("week three") < history.index("2026-01-09")
    assert "week one went fine" in history and "boris's secret" not in history
    assert "2026-01-16" not in history


async def test_history_before_any_answer(make_community):
    community = await make_community()
    await community.dm("anna", "!checkin history")
    assert community.dms_to("anna")[-1] == community.t("checkin.history.empty", command="!checkin on")


async def test_export_includes_the_schedule_and_answers(make_community):
    community = await open_checkin(await make_community(), "anna")
    await answer_all(community, "anna", "finished the report", "slept badly", "3", "1")
    await community.dm("anna", "!privacy export")
    exported = "".join(community.dms_to("anna")[-3:])
    start, end = exported.index("{"), exported.rindex("}") + 1
    data = json.loads(exported[start:end].replace("```\n", "").replace("\n```", ""))
    checkin = next(part for key, part in data.items() if "checkin" in key.lower())  # listed under the plugin's key
    assert checkin["schedule"]["timezone"] == "UTC" and checkin["schedule"]["weekday"] == 4
    assert checkin["checkins"][0]["worked"] == "finished the report"
    assert checkin["checkins"][0]["mood"] == 3 and checkin["checkins"][0]["sharing"] == "private"


async def test_forgetting_deletes_every_checkin_row_and_stops_checkins(make_community):
    community = await open_checkin(await make_community(), "anna")
    await answer_all(community, "anna", "finished the report", "-", "-")
    member_id = await community.bot.members.resolve(community.member("anna"))
    await community.dm("anna", "!privacy forget")
    await community.dm("anna", "!privacy forget confirm")
    for model in (CheckinSchedule, CheckinEntry):
        assert not await model.filter(member_id=member_id).exists()
    assert not await CheckinMatch.filter(member_a_id=member_id).exists()
    assert not await CheckinMatch.filter(member_b_id=member_id).exists()
    await community.wait("14d")
    assert opening_times(community, "anna") == ["2026-01-09T18:00:00+00:00"]
