"""Helpers for check-in tests: a community with the check-in plugin, and answering its dialog."""
from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import datetime, timedelta
from typing import Any

import pytest

from samovar.core.config import deep_merge
from samovar.core.testing import Community
from samovar.core.testing.community import plugin_path
from samovar.plugins.checkin import CheckinPlugin

from .support import CareListener, FixedBuddies

Make = Callable[..., Awaitable[Community]]


@pytest.fixture
def make_community(community_factory: Make) -> Make:
    """``await make_community(checkin={...}, buddies={"anna": "boris"}, start=..., database_url=...)``."""

    async def make(checkin: dict[str, Any] | None = None, buddies: dict[str, str] | None = None,
                   config: dict[str, Any] | None = None, start: datetime | None = None,
                   database_url: str | None = None) -> Community:
        CareListener.calls.clear()
        plugins = {
            plugin_path(CheckinPlugin): checkin or {},
            plugin_path(FixedBuddies): {"pairs": buddies or {}},
            plugin_path(CareListener): {},
        }
        merged = deep_merge({"plugins": plugins}, config or {})
        if database_url:
            merged["database_url"] = database_url
        options: dict[str, Any] = {}
        if start is not None:
            options["start"] = start
        return await community_factory(config=merged, plugins=[CheckinPlugin, FixedBuddies, CareListener],
                                       **options)

    return make


async def answer_all(community: Community, name: str, *answers: str) -> None:
    """``name`` answers the open check-in, one message per answer."""
    for text in answers:
        await community.dm(name, text)


async def open_checkin(community: Community, name: str, already_on: bool = False, lang: str = "en") -> Community:
    """``name`` opts in with the defaults (Fridays 18:00) and time runs to their first check-in."""
    if not already_on:
        await community.dm(name, "!checkin on")
    now = community.clock.now()
    friday = now.replace(hour=18, minute=0, second=0, microsecond=0) + timedelta(days=(4 - now.weekday()) % 7)
    if friday <= now:
        friday += timedelta(days=7)
    await community.scheduler.advance_to(friday)
    assert community.t("checkin.ask.worked", lang) in community.dms_to(name)[-1]
    return community
