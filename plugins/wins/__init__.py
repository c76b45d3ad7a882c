"""The wins plugin: the tradition of celebrating small wins, without points or leaderboards."""
from .plugin import WinsPlugin
from .settings import WinsConfig

__all__ = ["WinsConfig", "WinsPlugin"]
