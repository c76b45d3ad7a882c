"""The buddy plugin: a senior buddy for every newcomer, and opt-in random-coffee rounds."""
from .plugin import BuddyPlugin

__all__ = ["BuddyPlugin"]
