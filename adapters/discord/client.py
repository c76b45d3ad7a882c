"""The discord.py client: intents, login with clear errors, and waiting until it is ready.

Before connecting, the application's Developer-Portal switches are read
(``application_info().flags``): a privileged intent that samovar would ask for
but the portal has off is left out with a warning, instead of the gateway
closing the connection with 4014.
"""
from __future__ import annotations

import asyncio
import contextlib
import logging
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import discord

from .config import DiscordConfig
from .errors import DiscordIntentsError, DiscordLoginError, DiscordStartError

if TYPE_CHECKING:
    from .events import EventBridge

log = logging.getLogger("samovar.adapters.discord")
AUTH_FAILED = 4004
ALLOWED_MENTIONS = discord.AllowedMentions(everyone=False, roles=False, users=True, replied_user=True)
"""Never ``@everyone``/``@here`` or role pings; people named in the text and the member replied to, yes."""

MISSING_INTENT_WARNINGS = {
    "message_content": (
        "The Message Content intent is off for this bot in the Discord Developer Portal (your application -> "
        "Bot -> Privileged Gateway Intents). samovar runs without it: slash commands, direct messages and "
        "messages that mention the bot work, but '{prefix}' prefix commands and plugins that read room "
        "messages see empty text. Switch it on and restart."),
    "members": (
        "The Server Members intent is off for this bot in the Discord Developer Portal (your application -> "
        "Bot -> Privileged Gateway Intents). samovar runs without it but will not notice members joining or "
        "leaving, so nobody gets a welcome or a buddy. Switch it on and restart."),
}
CONFIG_OFF_WARNING = (
    "adapters.discord.message_content is false: '{prefix}' prefix commands only work in direct messages or "
    "after mentioning the bot; slash commands work everywhere.")


class _Forwarding:
    """Hands every gateway event samovar uses to an :class:`EventBridge`."""

    bridge: "EventBridge"

    def __init__(self, bridge: "EventBridge", **options: Any) -> None:
        self.bridge = bridge
        super().__init__(**options)
        bridge.attach(self)  # type: ignore[arg-type]
        # discord.py looks handlers up by name on the instance: messages, the busiest event,
        # go straight to the bridge, one coroutine layer less per message.
        self.on_message = bridge.message

    async def on_raw_message_edit(self, payload: discord.RawMessageUpdateEvent) -> None:
        await self.bridge.message_edited(payload)

    async def on_raw_message_delete(self, payload: discord.RawMessageDeleteEvent) -> None:
        await self.bridge.message_deleted(payload)

    async def on_raw_reaction_add(self, payload: discord.RawReactionActionEvent) -> None:
        await self.bridge.reaction(payload, added=True)

    async def on_raw_reaction_remove(self, payload: discord.RawReactionActionEvent) -> None:
        await self.bridge.reaction(payload, added=False)

    async def on_member_join(self, member: discord.Member) -> None:
        await self.bridge.member_joined(member)

    async def on_raw_member_remove(self, payload: discord.RawMemberRemoveEvent) -> None:
        await self.bridge.member_left(payload)

    async def on_interaction(self, interaction: discord.Interaction) -> None:
        await self.bridge.interaction(interaction)

    async def on_guild_join(self, guild: discord.Guild) -> None:
        await self.bridge.guild_joined(guild)

    # Channels or the bot's own permissions may have changed: they are looked up afresh.
    async def on_guild_role_update(self, before: discord.Role, after: discord.Role) -> None:
        self.bridge.channels_changed()

    async def on_guild_role_delete(self, role: discord.Role) -> None:
        self.bridge.channels_changed()

    async def on_guild_channel_update(self, before: Any, after: Any) -> None:
        self.bridge.channels_changed()

    async def on_guild_channel_delete(self, channel: Any) -> None:
        self.bridge.channels_changed()

    async def on_thread_update(self, before: discord.Thread, after: discord.Thread) -> None:
        self.bridge.channels_changed()

    async def on_guild_update(self, before: discord.Guild, after: discord.Guild) -> None:
        self.bridge.channels_changed()

    async def on_ready(self) -> None:
        self.bridge.channels_changed()  # a new session: discord.py has built new channel objects

    async def on_member_update(self, before: discord.Member, after: discord.Member) -> None:
        me = self.user  # type: ignore[attr-defined]
        if me is not None and after.id == me.id:
            self.bridge.channels_changed()

    async def on_error(self, event_method: str, /, *args: Any, **kwargs: Any) -> None:
        log.exception("error while handling a Discord event", extra={"discord_event": event_method})


class SamovarClient(_Forwarding, discord.Client):
    """A single-connection client."""


class SamovarShardedClient(_Forwarding, discord.AutoShardedClient):
    """discord.py's automatically sharded client (``adapters.discord.sharded: true``)."""


@dataclass
class Connection:
    """A logged-in, ready client and the task running its gateway connection."""

    client: discord.Client
    task: asyncio.Task[None]
    application: discord.AppInfo


def requested_intents(config: DiscordConfig) -> discord.Intents:
    """Intents samovar asks for: the defaults without typing, plus the privileged ones configured."""
    intents = discord.Intents.default()
    intents.typing = False
    intents.presences = False
    intents.members = config.members
    intents.message_content = config.message_content
    return intents


def portal_switches(application: discord.AppInfo) -> dict[str, bool]:
    """Which privileged intents the Developer Portal allows this application."""
    flags = application.flags
    return {"members": flags.gateway_guild_members or flags.gateway_guild_members_limited,
            "message_content": flags.gateway_message_content or flags.gateway_message_content_limited}


def _make_client(config: DiscordConfig, intents: discord.Intents, bridge: "EventBridge") -> discord.Client:
    options: dict[str, Any] = dict(intents=intents, allowed_mentions=ALLOWED_MENTIONS,
                                   guild_ready_timeout=config.guild_ready_timeout)
    if config.sharded:
        return SamovarShardedClient(bridge, shard_count=config.shard_count, **options)
    return SamovarClient(bridge, **options)


async def _login(client: discord.Client, token: str, env_name: str) -> discord.AppInfo:
    try:
        await client.login(token)
        return await client.application_info()
    except discord.LoginFailure:
        await client.close()
        raise DiscordLoginError(env_name) from None
    except (discord.HTTPException, OSError) as exc:
        await client.close()
        raise DiscordStartError(f"could not reach Discord to log in: {exc}") from exc


async def connect(config: DiscordConfig, token: str, bridge: "EventBridge", prefix: str) -> Connection:
    """Log in, settle the intents, connect and wait for READY (and the servers' data)."""
    intents = requested_intents(config)
    client = _make_client(config, intents, bridge)
    application = await _login(client, token, config.token_env)
    try:
        allowed = portal_switches(application)
        switched_off = [name for name in ("message_content", "members")
                        if getattr(intents, name) and not allowed[name]]
        for name in switched_off:
            log.warning(MISSING_INTENT_WARNINGS[name].format(prefix=prefix))
            setattr(intents, name, False)
        if not config.message_content:
            log.warning(CONFIG_OFF_WARNING.format(prefix=prefix))
        if switched_off:
            await client.close()
            client = _make_client(config, intents, bridge)
            application = await _login(client, token, config.token_env)
    except BaseException:
        await client.close()
        raise
    task = asyncio.create_task(client.connect(reconnect=True), name="samovar-discord-gateway")
    await _wait_ready(client, task, config)
    return Connection(client, task, application)


async def _wait_ready(client: discord.Client, task: asyncio.Task[None], config: DiscordConfig) -> None:
    ready = asyncio.create_task(client.wait_until_ready())
    done, _ = await asyncio.wait({ready, task}, timeout=config.ready_timeout, return_when=asyncio.FIRST_COMPLETED)
    if ready in done:
        return
    ready.cancel()
    problem: BaseException | None = None
    if task in done:
        problem = task.exception() if not task.cancelled() else None
    else:
        task.cancel()
    await client.close()
    with contextlib.suppress(BaseException):
        await task
    if isinstance(problem, discord.PrivilegedIntentsRequired):
        raise DiscordIntentsError() from None
    if isinstance(problem, discord.LoginFailure) or (
            isinstance(problem, discord.ConnectionClosed) and problem.code == AUTH_FAILED):
        raise DiscordLoginError(config.token_env) from None
    if problem is not None:
        raise DiscordStartError(f"the Discord gateway connection failed: {problem!r}") from problem
    raise DiscordStartError(f"Discord did not become ready within {config.ready_timeout:g} s")
