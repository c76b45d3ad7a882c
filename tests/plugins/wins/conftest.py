"""Shared helpers for the wins plugin tests: a community with the wins plugin on."""
from __future__ import annotations

from datetime import datetime
from typing import Any, Awaitable, Callable

import pytest

from samovar.core.config import deep_merge
from samovar.core.testing import Community

Factory = Callable[..., Awaitable[Community]]


@pytest.fixture
def wins_town(community_factory: Factory) -> Callable[..., Awaitable[Community]]:
    """``await wins_town(digest_day="mon", config={...}, plugins=[...])``: a community running the wins plugin.

    Keyword settings go to the ``wins`` section; ``config`` is merged over the whole config;
    ``plugins`` are added next to ``wins``.
    """

    async def make(config: dict[str, Any] | None = None, plugins: tuple[Any, ...] = (), **settings: Any) -> Community:
        merged = deep_merge({"plugins": {"wins": settings}}, config or {})
        return await community_factory(config=merged, plugins=["wins", *plugins])

    return make


def texts(actions: list[Any], kind: str) -> list[str]:
    """Texts of the bot's actions of one kind (``send``, ``dm``, ``react`` ...)."""
    return [a.text or "" for a in actions if a.action == kind]


def when(action: Any) -> datetime:
    """The virtual time of a bot action."""
    at = action.at
    return at if isinstance(at, datetime) else datetime.fromisoformat(at)
