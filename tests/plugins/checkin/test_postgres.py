"""The same check-ins on PostgreSQL (a throw-away local server), for deployments that use it."""
from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, timezone

import pytest

from tests.support.postgres import PostgresServer, running_postgres

from .conftest import answer_all, open_checkin
from .test_optin import opening_times

WEEKLY = {"digest": {"enabled": True, "similar_weeks": True, "min_moods": 2}}


@pytest.fixture(scope="module")
def server() -> Iterator[PostgresServer]:
    with running_postgres() as running:
        yield running


async def test_weeks_of_checkins_on_postgres(make_community, server):
    url = server.create_database("checkin_weeks")
    community = await make_community(database_url=url, checkin=WEEKLY)
    await community.dm("boris", "!checkin on")
    community = await open_checkin(community, "anna")
    await answer_all(community, "anna", "finished the report at work", "slept badly", "3", "4")
    await answer_all(community, "boris", "-", "work was too much", "2", "1")
    assert community.dms_to("anna")[-1] == community.t("checkin.done.anonymous", name="checkins")
    await community.dm("anna", "!checkin history")
    assert "finished the report" in community.dms_to("anna")[-1]
    await community.wait("2d1h5m")  # Sunday 19:05: digest and offers
    assert community.t("checkin.digest.count", count=2) in community.sent_in("checkins")[-1]
    await community.dm("anna", "!checkin similar yes")
    await community.dm("boris", "!checkin similar yes")
    assert community.dms_to("anna")[-1] == community.t("checkin.similar.introduce", name="@boris",
                                                       theme=community.t("checkin.themes.work"))

    community = await make_community(database_url=url, checkin=WEEKLY,
                                     start=datetime(2026, 1, 16, 17, 0, tzinfo=timezone.utc))
    await community.wait("2h")
    assert opening_times(community, "anna") == ["2026-01-16T18:00:00+00:00"]
    assert opening_times(community, "boris") == ["2026-01-16T18:00:00+00:00"]
