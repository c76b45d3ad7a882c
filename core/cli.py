"""The ``samovar`` command: run, check-config, scenario (plugins may add more)."""
from __future__ import annotations

import argparse
import asyncio
import signal
import sys
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Sequence

from .config import LoadedConfig, load_config
from .loader import cli_extensions
from .storage import StorageError
from .yamlconf import ConfigError

STARTUP_SETTLES = 0.5
"""Seconds after start-up when memory left over from it is given back (see ``memory``)."""


def _secret_env_names(loaded: LoadedConfig) -> list[str]:
    names = [loaded.main.database_url_env] if loaded.main.database_url_env else []
    for _, settings in loaded.adapters.values():
        for field_name, info in type(settings).model_fields.items():
            extra = info.json_schema_extra
            if isinstance(extra, dict) and extra.get("secret_env") and getattr(settings, field_name):
                names.append(getattr(settings, field_name))
    return names


async def _run(config_path: str | None) -> int:
    from .bot import Bot
    from .clock import VirtualClock
    from .logs import configure_logging
    from .memory import release_startup_memory
    from .scheduler import VirtualScheduler

    loaded = load_config(config_path)
    configure_logging(loaded.main.logging.level, loaded.main.logging.format, _secret_env_names(loaded))
    console = "console" in loaded.adapters
    options: dict[str, Any] = {}
    if console:
        clock = VirtualClock(datetime.now(timezone.utc))
        options = {"clock": clock, "scheduler": VirtualScheduler(clock)}
    bot = Bot(loaded, **options)
    for adapter_cls, settings in loaded.adapters.values():
        bot.add_adapter(adapter_cls(settings))
    try:
        await bot.start()
    except StorageError as exc:
        print(f"samovar: {exc}", file=sys.stderr)
        return 1
    except Exception as exc:  # an adapter that cannot connect (bad token ...)
        print(f"samovar: could not start: {exc}", file=sys.stderr)
        await bot.stop()
        return 1
    asyncio.get_running_loop().call_later(STARTUP_SETTLES, release_startup_memory)
    try:
        if console:
            from samovar.adapters.console.repl import Repl

            await Repl(bot, bot.adapters["console"], options["scheduler"]).run()  # type: ignore[arg-type]
        else:
            await _wait_for_signal()
    finally:
        await bot.stop()
    return 0


async def _wait_for_signal() -> None:
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, stop.set)
    await stop.wait()


def cmd_run(args: argparse.Namespace) -> int:
    """``samovar run``."""
    try:
        return asyncio.run(_run(args.config))
    except ConfigError as exc:
        print(exc, file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 0


def cmd_check_config(args: argparse.Namespace) -> int:
    """``samovar check-config PATH``: OK, or one ``PATH:LINE:COL: message`` per problem."""
    if not Path(args.path).exists():
        print(f"{args.path}:1:1: file not found", file=sys.stderr)
        return 1
    try:
        loaded = load_config(args.path)
    except ConfigError as exc:
        print(exc, file=sys.stderr)
        return 1
    problems = [problem for plugin_type, settings in loaded.plugins.values()
                for problem in plugin_type.check_files(settings, loaded.source)]
    if problems:
        print(ConfigError(problems), file=sys.stderr)
        return 1
    print(f"{args.path}: OK")
    for plugin_type, settings in loaded.plugins.values():
        for warning in plugin_type.config_warnings(settings, loaded):
            print(f"{args.path}: warning: {warning}", file=sys.stderr)
    return 0


def cmd_scenario(args: argparse.Namespace) -> int:
    """``samovar scenario PATH``: one JSON line per bot action."""
    from .scenario import print_action, run_scenario

    try:
        asyncio.run(run_scenario(args.path, args.config, print_action))
    except ConfigError as exc:
        print(exc, file=sys.stderr)
        return 1
    return 0


def build_parser() -> argparse.ArgumentParser:
    """The argument parser, including subcommands added by installed plugins."""
    parser = argparse.ArgumentParser(prog="samovar", description="A chat-ops bot for peer-support communities.")
    sub = parser.add_subparsers(dest="command", required=True)
    run = sub.add_parser("run", help="start the bot (console REPL by default)")
    run.add_argument("--config", help="config file (default: the embedded console config)")
    run.set_defaults(func=cmd_run)
    check = sub.add_parser("check-config", help="validate a config file")
    check.add_argument("path")
    check.set_defaults(func=cmd_check_config)
    scenario = sub.add_parser("scenario", help="run a scripted scenario on a virtual clock")
    scenario.add_argument("path")
    scenario.add_argument("--config", help="config file the scenario's own config is merged over")
    scenario.set_defaults(func=cmd_scenario)
    for extend in cli_extensions():
        extend(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``samovar`` command."""
    args = build_parser().parse_args(argv)
    return int(args.func(args))


if __name__ == "__main__":
    sys.exit(main())
