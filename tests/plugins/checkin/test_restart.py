"""Restarts: answers are never lost, dialogs continue, missed check-ins come late at most once."""
from __future__ import annotations

from datetime import datetime, timezone

from .conftest import answer_all, open_checkin
from .test_optin import opening_times

FRIDAY_1800 = datetime(2026, 1, 9, 18, 0, tzinfo=timezone.utc)


def db_url(tmp_path) -> str:
    return f"sqlite://{tmp_path}/samovar.db"


async def test_an_answer_survives_a_crash_between_storing_it_and_replying(make_community, tmp_path):
    community = await open_checkin(await make_community(database_url=db_url(tmp_path)), "anna")
    community.adapter.dm_closed.add("anna")  # the reply to her answer cannot go out
    await community.dm("anna", "finished the report")
    assert community.t("checkin.ask.didnt") not in "".join(community.dms_to("anna"))

    # the process is gone; a new one starts on the same database a few minutes later
    community = await make_community(database_url=db_url(tmp_path), start=datetime(2026, 1, 9, 18, 5,
                                                                                    tzinfo=timezone.utc))
    await community.wait("1m")
    picked_up = community.dms_to("anna")
    assert picked_up == [community.t("checkin.resume") + "\n\n" + community.t("checkin.ask.didnt")]
    await answer_all(community, "anna", "slept badly", "4", "1")
    assert community.dms_to("anna")[-1] == community.t("checkin.done.private")
    await community.dm("anna", "!checkin history")
    history = community.dms_to("anna")[-1]
    assert "finished the report" in history and "slept badly" in history and "4/5" in history


async def test_the_stored_answer_is_there_before_any_reply(make_community, tmp_path):
    community = await open_checkin(await make_community(database_url=db_url(tmp_path)), "anna")
    community.adapter.dm_closed.add("anna")
    await community.dm("anna", "asked for help at work")
    community.adapter.dm_closed.discard("anna")
    await community.dm("anna", "!checkin history")
    assert "asked for help at work" in community.dms_to("anna")[-1]


async def test_a_dialog_continues_after_a_clean_restart(make_community, tmp_path):
    community = await open_checkin(await make_community(database_url=db_url(tmp_path)), "anna")
    await community.dm("anna", "went to the gym twice")
    community = await make_community(database_url=db_url(tmp_path), start=datetime(2026, 1, 9, 20, 0,
                                                                                    tzinfo=timezone.utc))
    await community.wait("1m")
    assert community.dms_to("anna") == []  # her question had arrived: nothing to repeat
    await community.dm("anna", "work was heavy")
    assert community.dms_to("anna")[-1] == community.t("checkin.ask.mood")


async def test_a_checkin_missed_while_down_is_sent_on_return_within_grace(make_community, tmp_path):
    community = await make_community(database_url=db_url(tmp_path))
    await community.dm("anna", "!checkin on")
    await community.wait("4d7h")  # Friday 16:00; the bot stops before 18:00
    community = await make_community(database_url=db_url(tmp_path), start=datetime(2026, 1, 9, 21, 30,
                                                                                    tzinfo=timezone.utc))
    await community.wait("1m")
    assert opening_times(community, "anna") == ["2026-01-09T21:31:00+00:00"]
    await community.wait("2d")
    assert opening_times(community, "anna") == ["2026-01-09T21:31:00+00:00"]


async def test_a_checkin_missed_beyond_grace_is_not_sent_late(make_community, tmp_path):
    community = await make_community(database_url=db_url(tmp_path))
    await community.dm("anna", "!checkin on")
    community = await make_community(database_url=db_url(tmp_path), start=datetime(2026, 1, 10, 9, 0,
                                                                                    tzinfo=timezone.utc))
    await community.wait("1d")
    assert opening_times(community, "anna") == []
    await community.wait("6d9h")
    assert opening_times(community, "anna") == ["2026-01-16T18:00:00+00:00"]


async def test_the_grace_window_comes_from_config(make_community, tmp_path):
    community = await make_community(database_url=db_url(tmp_path), checkin={"missed_grace": "1d"})
    await community.dm("anna", "!checkin on")
    community = await make_community(database_url=db_url(tmp_path), checkin={"missed_grace": "1d"},
                                     start=datetime(2026, 1, 10, 9, 0, tzinfo=timezone.utc))
    await community.wait("1m")
    assert opening_times(community, "anna") == ["2026-01-10T09:01:00+00:00"]


async def test_a_checkin_already_sent_is_not_sent_again_after_a_restart(make_community, tmp_path):
    community = await open_checkin(await make_community(database_url=db_url(tmp_path)), "anna")
    for minute in (1, 30):
        community = await make_community(database_url=db_url(tmp_path),
                                         start=FRIDAY_1800.replace(minute=minute))
        await community.wait("10m")
        assert opening_times(community, "anna") == []


async def test_weeks_down_bring_at_most_one_late_checkin(make_community, tmp_path):
    community = await make_community(database_url=db_url(tmp_path))
    await community.dm("anna", "!checkin on")
    community = await make_community(database_url=db_url(tmp_path), start=datetime(2026, 1, 30, 19, 0,
                                                                                    tzinfo=timezone.utc))
    await community.wait("1h")
    assert opening_times(community, "anna") == ["2026-01-30T19:01:00+00:00"]


async def test_the_language_a_member_writes_in_outlives_a_restart(make_community, tmp_path):
    community = await make_community(database_url=db_url(tmp_path))
    await community.dm("anna", "привет! хочу попробовать чекины")
    await community.dm("anna", "!checkin on")
    # the process is gone; a new one starts on the same database before her first check-in
    community = await make_community(database_url=db_url(tmp_path), start=datetime(2026, 1, 8, 9, 0,
                                                                                    tzinfo=timezone.utc))
    await community.scheduler.advance_to(FRIDAY_1800)
    opening = community.dms_to("anna")[-1]
    assert community.t("checkin.ask.worked", "ru") in opening, "she is asked in Russian, as she wrote"
