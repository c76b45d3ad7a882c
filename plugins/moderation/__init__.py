"""The moderation plugin: house rules from a YAML file, private nudges, appeals, and the care response.

The rules engine lives in :mod:`samovar.plugins.moderation.engine`.
"""
from .plugin import ModerationPlugin
from .settings import ModerationConfig

__all__ = ["ModerationConfig", "ModerationPlugin"]
