"""Why the Discord adapter could not start: errors the CLI prints as they are."""
from __future__ import annotations

from samovar.core.adapter import AdapterError


class DiscordStartError(AdapterError):
    """The adapter could not connect to Discord; the message says what to do."""


class DiscordLoginError(DiscordStartError):
    """Discord refused the bot token."""

    def __init__(self, env_name: str) -> None:
        super().__init__(
            f"Discord refused the bot token from the environment variable {env_name}. "
            f"Copy a fresh token from the Discord Developer Portal (your application -> Bot -> Reset Token) "
            f"and set {env_name} to it.")
        self.env_name = env_name


class DiscordIntentsError(DiscordStartError):
    """The gateway refused privileged intents that are off in the Developer Portal."""

    def __init__(self) -> None:
        super().__init__(
            "Discord refused the privileged gateway intents samovar asked for. Switch on 'Server Members "
            "Intent' and 'Message Content Intent' in the Developer Portal (your application -> Bot), or set "
            "adapters.discord.members / message_content to false in the config.")
