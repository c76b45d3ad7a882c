"""Point the unmodified discord.py at a stand-in.

Choice: patch two class attributes for the duration of a test,
``discord.http.Route.BASE`` (every REST and interaction-webhook URL is built
from it) and ``discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY`` (a plain
``Client`` connects there without asking ``GET /gateway/bot``; resumes then
follow ``resume_gateway_url`` from READY, which names the stand-in). This works
for any client the code under test builds, with no test-only constructor
argument in samovar's adapter and no TLS set-up. The alternative, an aiohttp
connector whose resolver maps discord.com to 127.0.0.1 with a throw-away CA,
needs the adapter to accept that connector.

Not redirected: CDN asset URLs (``cdn.discordapp.com``); the stand-in serves no
avatars or attachments, so fetching one fails rather than reaching the internet.
"""
from __future__ import annotations

import contextlib
from collections.abc import Iterator

import discord.gateway
import discord.http
import yarl

from .server import DiscordStandIn


@contextlib.contextmanager
def discord_py_pointed_at(standin: DiscordStandIn) -> Iterator[None]:
    """Send discord.py's REST and gateway traffic to ``standin`` inside the block."""
    route_cls = discord.http.Route
    ws_cls = discord.gateway.DiscordWebSocket
    saved = (route_cls.BASE, ws_cls.DEFAULT_GATEWAY)
    route_cls.BASE = standin.api_base
    ws_cls.DEFAULT_GATEWAY = yarl.URL(standin.gateway_url)
    try:
        yield
    finally:
        route_cls.BASE, ws_cls.DEFAULT_GATEWAY = saved
