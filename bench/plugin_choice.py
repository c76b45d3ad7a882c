"""Which default plugins a benchmark can load here, plus its echo plugin."""
from __future__ import annotations

from typing import Any

from samovar.core.config import DEFAULT_PLUGINS, load_config_data


def choose_plugins(echo_plugin: str) -> tuple[list[str], dict[str, Any]]:
    """Every default plugin whose config loads, plus ``echo_plugin`` (which provides ``!echo``).

    Returns the plugin names to configure and a note for the benchmark's output
    saying which loaded and why others did not.
    """
    loaded, failed = [], {}
    for name in DEFAULT_PLUGINS:
        try:
            load_config_data({"adapters": {}, "plugins": {name: {}, echo_plugin: {}}}, "<plugin check>")
        except Exception as exc:  # a default plugin that cannot be imported or configured here
            failed[name] = f"{exc!r:.160}"
        else:
            loaded.append(name)
    return [*loaded, echo_plugin], {"default_plugins_loaded": loaded, "default_plugins_not_loaded": failed,
                                    "echo_test_plugin": echo_plugin}
