"""The ``adapters.discord`` section of the config file."""
from __future__ import annotations

from pydantic import Field

from samovar.core.config import Strict, secret_env


class DiscordConfig(Strict):
    """How samovar connects to Discord.

    Moderator and admin role names are not here: they live with the other
    platforms' rules in ``permissions.discord.moderator_roles / admin_roles``.
    """

    token_env: str = secret_env("DISCORD_TOKEN", "environment variable holding the bot token")
    guilds: list[int] = Field(default_factory=list,
                              description="ids of the servers to serve; empty: every server the bot is in")
    sharded: bool = Field(default=False, description="use discord.py's AutoShardedClient (large bots)")
    shard_count: int | None = Field(default=None, ge=1, description="with sharded: a fixed shard count")
    message_content: bool = Field(default=True, description="ask for the privileged Message Content intent")
    members: bool = Field(default=True, description="ask for the privileged Server Members intent")
    slash_commands: bool = Field(default=True, description="register every command as a slash command")
    guild_ready_timeout: float = Field(default=2.0, gt=0, le=60,
                                       description="seconds to wait for server data after connecting")
    ready_timeout: float = Field(default=60.0, gt=0, description="seconds to wait for the first connection")
