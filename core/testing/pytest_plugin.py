"""pytest fixtures for plugin authors: ``community_factory`` and ``community``.

Installed with samovar (entry point ``pytest11``); use ``asyncio_mode = "auto"``
or mark tests with ``pytest.mark.asyncio``.
"""
from __future__ import annotations

from typing import Any, AsyncIterator, Awaitable, Callable

import pytest
import pytest_asyncio

from .community import Community


@pytest_asyncio.fixture
async def community_factory() -> AsyncIterator[Callable[..., Awaitable[Community]]]:
    """Make a community with ``await community_factory(config={...}, plugins=[MyPlugin])``.

    Only one community may run at a time in a test (they share the ORM's connections).
    Every community made is closed after the test.
    """
    made: list[Community] = []

    async def make(config: dict[str, Any] | None = None, **options: Any) -> Community:
        if made:
            await made.pop().close()
        community = await Community.create(config, **options)
        made.append(community)
        return community

    yield make
    for community in made:
        await community.close()


@pytest_asyncio.fixture
async def community(community_factory: Callable[..., Awaitable[Community]]) -> Community:
    """A community with the default plugins, in-memory SQLite, virtual clock at Mon 2026-01-05 09:00 UTC."""
    return await community_factory()
