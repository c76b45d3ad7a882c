"""Discord adapter on discord.py: events in, actions out, slash commands from the command registry."""
from .adapter import DiscordAdapter
from .config import DiscordConfig
from .errors import DiscordIntentsError, DiscordLoginError, DiscordStartError

__all__ = ["DiscordAdapter", "DiscordConfig", "DiscordIntentsError", "DiscordLoginError", "DiscordStartError"]
