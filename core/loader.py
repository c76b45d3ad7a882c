"""Finding plugin and adapter classes by name (entry points) or dotted path."""
from __future__ import annotations

import difflib
from importlib import import_module
from importlib.metadata import entry_points
from typing import Any

PLUGIN_GROUP = "samovar.plugins"
ADAPTER_GROUP = "samovar.adapters"
CLI_GROUP = "samovar.cli"


def _by_path(path: str) -> Any:
    module_name, _, attr = path.partition(":") if ":" in path else path.rpartition(".")
    module = import_module(module_name)
    return getattr(module, attr)


def _resolve(group: str, name: str, kind: str) -> Any:
    found = {ep.name: ep for ep in entry_points(group=group)}
    if name in found:
        try:
            return found[name].load()
        except Exception as exc:  # a broken installed package must not crash config checking
            raise LookupError(f"{kind} {name!r} is installed but failed to load: {exc}") from None
    if "." in name or ":" in name:
        try:
            return _by_path(name)
        except (ImportError, AttributeError, ValueError) as exc:
            raise LookupError(f"cannot load {kind} {name!r}: {exc}") from None
    hint = difflib.get_close_matches(name, list(found), n=1)
    known = ", ".join(sorted(found)) or "none installed"
    suffix = f"; did you mean {hint[0]!r}?" if hint else f" (known: {known})"
    raise LookupError(f"unknown {kind} {name!r}{suffix}")


def installed_adapters() -> set[str]:
    """The names of the adapters installed as entry points (``console``, ``discord``, ``matrix`` ...)."""
    return {ep.name for ep in entry_points(group=ADAPTER_GROUP)}


def resolve_plugin(name: str) -> type:
    """The plugin class registered as ``name`` (entry point) or at a dotted path."""
    return _resolve(PLUGIN_GROUP, name, "plugin")


def resolve_adapter(name: str) -> type:
    """The adapter class registered as ``name`` (entry point) or at a dotted path."""
    return _resolve(ADAPTER_GROUP, name, "adapter")


def cli_extensions() -> list[Any]:
    """Functions that add subcommands to ``samovar`` (entry point group ``samovar.cli``).

    One that fails to import is reported on stderr and skipped: the core commands still work.
    """
    import sys

    found = []
    for ep in entry_points(group=CLI_GROUP):
        try:
            found.append(ep.load())
        except Exception as exc:
            print(f"samovar: command {ep.name!r} is unavailable: {exc}", file=sys.stderr)
    return found
