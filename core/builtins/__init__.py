"""Plugins that are part of the core and always on: help, language, privacy."""
from .help import HelpPlugin
from .language import LanguagePlugin
from .privacy import PrivacyPlugin

BUILTIN_PLUGINS = (HelpPlugin, LanguagePlugin, PrivacyPlugin)

__all__ = ["BUILTIN_PLUGINS", "HelpPlugin", "LanguagePlugin", "PrivacyPlugin"]
