"""The console adapter: the embedded default, used by the REPL, scenarios and tests."""
from .adapter import Action, ConsoleAdapter, ConsoleConfig

__all__ = ["Action", "ConsoleAdapter", "ConsoleConfig"]
