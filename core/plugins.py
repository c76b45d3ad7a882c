"""Registering plugins with pluggy and calling their hooks safely.

pluggy validates every hook implementation against :mod:`hookspecs`. Calls go
through :class:`PluginHost` instead of pluggy's own loop so that each
implementation is awaited when async and isolated: one that raises is logged
with the event id and the rest still run.
"""
from __future__ import annotations

import inspect
import logging
from dataclasses import dataclass
from typing import Any, Callable, Iterable

import pluggy

from . import hookspecs

log = logging.getLogger("samovar.plugins")


@dataclass(frozen=True, slots=True)
class Impl:
    """One plugin's implementation of one hook."""

    plugin: str
    function: Callable[..., Any]
    argnames: tuple[str, ...]
    is_async: bool = False


class PluginHost:
    """The registered plugins and a per-hook table of their implementations."""

    def __init__(self) -> None:
        self.pm = pluggy.PluginManager(hookspecs.PROJECT)
        self.pm.add_hookspecs(hookspecs)
        self.plugins: dict[str, Any] = {}
        self._tables: dict[str, tuple[Impl, ...]] = {}

    def register(self, name: str, plugin: Any) -> None:
        """Add a plugin instance under ``name`` (hook signatures are checked now)."""
        self.pm.register(plugin, name=name)
        self.plugins[name] = plugin
        self._tables.clear()

    def hook_names(self) -> list[str]:
        """Every hook in the contract."""
        return [name for name in dir(self.pm.hook) if not name.startswith("_")]

    def impls(self, hook: str) -> tuple[Impl, ...]:
        """Implementations of ``hook`` in registration order."""
        table = self._tables.get(hook)
        if table is None:
            caller = getattr(self.pm.hook, hook)
            found = [Impl(i.plugin_name, i.function, tuple(i.argnames), inspect.iscoroutinefunction(i.function))
                     for i in caller.get_hookimpls()]
            order = list(self.plugins)
            found.sort(key=lambda impl: order.index(impl.plugin) if impl.plugin in order else len(order))
            table = self._tables[hook] = tuple(found)
        return table

    async def invoke(self, impl: Impl, hook: str, event_id: str, kwargs: dict[str, Any]) -> Any:
        """One implementation's answer; None when it raised (the failure is logged with the event id)."""
        try:
            result = impl.function(*[kwargs[name] for name in impl.argnames])
            if impl.is_async or (result is not None and inspect.isawaitable(result)):
                result = await result
            return result
        except Exception:
            log.exception("plugin hook failed", extra={"plugin": impl.plugin, "hook": hook, "event_id": event_id})
            return None

    async def call(self, hook: str, event_id: str, impls: Iterable[Impl] | None = None, **kwargs: Any) -> list[Any]:
        """Call every implementation of ``hook``; failures are logged and skipped."""
        results = []
        for impl in self.impls(hook) if impls is None else impls:
            result = await self.invoke(impl, hook, event_id, kwargs)
            if result is not None:
                results.append(result)
        return results

    async def call_first(self, hook: str, event_id: str, **kwargs: Any) -> Any:
        """The first non-None answer of ``hook`` (for ``firstresult`` hooks)."""
        for impl in self.impls(hook):
            result = await self.invoke(impl, hook, event_id, kwargs)
            if result is not None:
                return result
        return None
