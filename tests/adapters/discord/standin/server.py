"""The stand-in server: one aiohttp app serving REST under /api/v10 and the Gateway."""
from __future__ import annotations

from types import TracebackType

from aiohttp import web

from . import routes_commands, routes_core, routes_guilds, routes_interactions, routes_messages, routes_reactions
from .gateway import Gateway
from .inspection import InspectionMixin
from .interactions import InteractionDesk
from .model import Guild, World
from .platform import Platform
from .ratelimits import RateLimiter
from .recorder import Recorder
from .rest import API_PREFIX, Services, build_app
from .scenario import ScenarioMixin
from .world_presets import default_world

ROUTES = (routes_core.ROUTES + routes_messages.ROUTES + routes_reactions.ROUTES + routes_guilds.ROUTES
          + routes_commands.ROUTES + routes_interactions.ROUTES)
GATEWAY_PATH = "/"
RESUME_PATH = "/resume/"


class DiscordStandIn(ScenarioMixin, InspectionMixin):
    """A local Discord (REST + Gateway) on 127.0.0.1 for the real discord.py client.

    ``heartbeat_interval_ms`` is sent in HELLO; ``rate_limit_scale`` shrinks
    every rate-limit window (1.0 keeps Discord's); ``global_rate_limit`` is the
    requests-per-second global limit (Discord's default is 50).
    """

    def __init__(self, world: World | None = None, *, heartbeat_interval_ms: int = 41250,
                 rate_limit_scale: float = 1.0, global_rate_limit: int = 50, host: str = "127.0.0.1") -> None:
        self.world = world or default_world()
        self.host = host
        self.port: int | None = None
        self.recorder = Recorder()
        self.gateway = Gateway(self.world, self.recorder, lambda: self.resume_gateway_url, heartbeat_interval_ms)
        self.platform = Platform(self.world, self.gateway, self.recorder)
        self.desk = InteractionDesk(self.world, self.platform)
        self.rate_limits = RateLimiter(rate_limit_scale, global_rate_limit)
        self._runner: web.AppRunner | None = None

    @property
    def token(self) -> str:
        return self.world.token

    @property
    def guild(self) -> Guild:
        """The first (default) guild."""
        return next(iter(self.world.guilds.values()))

    @property
    def base_url(self) -> str:
        if self.port is None:
            raise RuntimeError("stand-in not started")
        return f"http://{self.host}:{self.port}"

    @property
    def api_base(self) -> str:
        """Value for ``discord.http.Route.BASE``."""
        return self.base_url + API_PREFIX

    @property
    def gateway_url(self) -> str:
        return f"ws://{self.host}:{self.port}{GATEWAY_PATH}"

    @property
    def resume_gateway_url(self) -> str:
        return f"ws://{self.host}:{self.port}{RESUME_PATH}"

    async def start(self) -> DiscordStandIn:
        services = Services(world=self.world, platform=self.platform, gateway=self.gateway,
                            recorder=self.recorder, ratelimits=self.rate_limits, desk=self.desk,
                            gateway_url=lambda: self.gateway_url)
        app = build_app(services, ROUTES, (GATEWAY_PATH, RESUME_PATH))
        self._runner = web.AppRunner(app, handle_signals=False, access_log=None)
        await self._runner.setup()
        site = web.TCPSite(self._runner, self.host, 0)
        await site.start()
        self.port = self._runner.addresses[0][1]
        return self

    async def stop(self) -> None:
        if self._runner is None:
            return
        await self.gateway.close_all()
        await self._runner.cleanup()
        self._runner = None

    async def __aenter__(self) -> DiscordStandIn:
        return await self.start()

    async def __aexit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                        tb: TracebackType | None) -> None:
        await self.stop()
