"""A protocol-faithful local stand-in for Discord's REST API and Gateway (API v10).

The real discord.py client talks to it over HTTP and websocket on 127.0.0.1.
Start one with ``DiscordStandIn().start()`` and point discord.py at it with
``discord_py_pointed_at(standin)``; tests normally use the pytest fixtures in
``tests/adapters/discord/conftest.py``.
"""
from .connect import discord_py_pointed_at
from .intents import Intent
from .interactions import Interaction, InteractionResponse
from .model import Channel, Guild, Member, Message, Role, User, World
from .permissions import Perm
from .platform import ReactionEvent
from .server import DiscordStandIn
from .world_presets import default_world

__all__ = [
    "Channel", "DiscordStandIn", "Guild", "Intent", "Interaction", "InteractionResponse", "Member", "Message",
    "Perm", "ReactionEvent", "Role", "User", "World", "default_world", "discord_py_pointed_at",
]
