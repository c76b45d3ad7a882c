"""The main configuration file: pydantic models and loading with positioned errors.

Each plugin and adapter owns the model of its own section; this module owns the
frame around them. Secrets never live here: fields marked with :func:`secret_env`
hold the *name* of an environment variable, checked when the section is enabled.
"""
from __future__ import annotations

import difflib
import os
from datetime import timedelta
from dataclasses import dataclass, field
from importlib.resources import files
from pathlib import Path
from typing import Any, Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import BaseModel, ConfigDict, Field, field_validator

from .durations import Duration
from .yamlconf import ConfigError, ConfigProblem, load_yaml_file, load_yaml_text, position_of, to_plain, validate

Language = Literal["ru", "en"]
DEFAULT_PLUGINS = ("wins", "checkin", "buddy", "moderation")


class Strict(BaseModel):
    """Base for config models: unknown keys are errors, not silently ignored."""

    model_config = ConfigDict(extra="forbid")


def secret_env(default: str | None = None, description: str = "") -> Any:
    """A field holding the NAME of an environment variable that holds a secret."""
    return Field(default=default, description=description, json_schema_extra={"secret_env": True})


class CommunityConfig(Strict):
    """Who the community is."""

    name: str = "samovar"
    language: Language = "en"
    timezone: str = "UTC"
    main_room: str = "general"
    moderators_room: str | None = None

    @field_validator("timezone")
    @classmethod
    def _known_timezone(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError):
            raise ValueError(f"unknown time zone {value!r} (use an IANA name like Europe/Moscow)") from None
        return value


class PlatformPermissions(Strict):
    """Who counts as moderator/admin on one platform (by member id, role name or power level)."""

    moderators: list[str] = []
    admins: list[str] = []
    moderator_roles: list[str] = []
    admin_roles: list[str] = []
    moderator_power: int | None = None
    admin_power: int | None = None


class RateLimitConfig(Strict):
    """Per-member command rate limit (a token bucket)."""

    commands: int = Field(default=10, ge=1)
    per: Duration = timedelta(minutes=1)


class SchedulerConfig(Strict):
    """How often plugins get the periodic ``on_tick``."""

    tick: Duration = timedelta(minutes=1)


class LoggingConfig(Strict):
    """Log level and format."""

    level: Literal["DEBUG", "INFO", "WARNING", "ERROR"] = "INFO"
    format: Literal["json", "text"] = "text"


class RoomOverride(Strict):
    """Per-room settings: language, and plugins switched off or tuned for this room."""

    language: Language | None = None
    plugins: dict[str, dict[str, Any]] = {}


class SamovarConfig(Strict):
    """The whole file, with plugin and adapter sections still raw (validated by their owners)."""

    community: CommunityConfig = CommunityConfig()
    command_prefix: str = Field(default="!", min_length=1, max_length=3)
    database_url: str = "sqlite://samovar.db"
    database_url_env: str | None = secret_env(None, "env var with a database URL (wins over database_url)")
    adapters: dict[str, dict[str, Any]] = {"console": {}}
    permissions: dict[str, PlatformPermissions] = {}
    rate_limit: RateLimitConfig = RateLimitConfig()
    scheduler: SchedulerConfig = SchedulerConfig()
    logging: LoggingConfig = LoggingConfig()
    plugins: dict[str, dict[str, Any] | None] = {name: {} for name in DEFAULT_PLUGINS}
    rooms: dict[str, RoomOverride] = {}

    def resolved_database_url(self) -> str:
        """The database URL, taking ``database_url_env`` into account."""
        if self.database_url_env and os.environ.get(self.database_url_env):
            return os.environ[self.database_url_env]
        return self.database_url


@dataclass
class LoadedConfig:
    """A validated config: the frame, each enabled plugin's and adapter's own settings."""

    source: str
    main: SamovarConfig
    plugins: dict[str, tuple[type, BaseModel]] = field(default_factory=dict)
    adapters: dict[str, tuple[type, BaseModel]] = field(default_factory=dict)
    room_plugin_settings: dict[tuple[str, str], BaseModel] = field(default_factory=dict)
    disabled_in_rooms: dict[str, set[str]] = field(default_factory=dict)
    raw: Any = None


def default_config_text() -> str:
    """The embedded default config (console adapter, SQLite file)."""
    return (files("samovar.config") / "samovar.yaml").read_text(encoding="utf-8")


def deep_merge(base: Any, override: Any) -> Any:
    """Merge mapping ``override`` into ``base`` (returns plain data)."""
    base, override = to_plain(base), to_plain(override)
    if isinstance(base, dict) and isinstance(override, dict):
        merged = dict(base)
        for key, value in override.items():
            merged[key] = deep_merge(merged[key], value) if key in merged else value
        return merged
    return override


def merge_into(base: Any, override: Any) -> Any:
    """Merge ``override`` into ``base`` in place, keeping the file positions of ``base``'s keys."""
    if isinstance(base, dict) and isinstance(override, dict):
        for key, value in override.items():
            base[key] = merge_into(base[key], value) if key in base else value
        return base
    return override


def load_config(path: str | Path | None = None, overrides: dict[str, Any] | None = None,
                only_adapters: tuple[str, ...] | None = None) -> LoadedConfig:
    """Read, validate and resolve a config file (or the embedded default).

    ``overrides`` are merged over the file; ``only_adapters`` drops other adapter
    sections (scenarios run on the console only). Raises :class:`ConfigError`
    listing every problem as ``PATH:LINE:COL: message``.
    """
    source = str(path) if path else "<default config>"
    raw = load_yaml_file(path) if path else load_yaml_text(default_config_text(), source)
    if overrides and isinstance(raw, dict):
        raw = merge_into(raw, overrides)
    if only_adapters is not None and isinstance(raw, dict) and isinstance(raw.get("adapters"), dict):
        for name in [n for n in raw["adapters"] if n not in only_adapters]:
            del raw["adapters"][name]
    return load_config_data(raw, source)


def load_config_data(raw: Any, source: str) -> LoadedConfig:
    """Validate and resolve already-parsed config data (positions used when it came from YAML)."""
    from .loader import installed_adapters, resolve_adapter, resolve_plugin

    if not isinstance(raw, dict):
        raise ConfigError([ConfigProblem(source, 1, 1, "the config must be a mapping of keys")])
    problems: list[ConfigProblem] = []
    try:
        main = validate(SamovarConfig, raw, source)
    except ConfigError as exc:  # keep going: report plugin and adapter problems too
        problems.extend(exc.problems)
        main = SamovarConfig.model_construct(**_valid_sections(raw))
    loaded = LoadedConfig(source=source, main=main, raw=raw)

    def problem(loc: tuple[Any, ...], message: str, at_key: bool = True) -> None:
        line, col = position_of(raw, loc, at_key=at_key)
        problems.append(ConfigProblem(source, line, col, message))

    def switched_off(settings: dict[str, Any], loc: tuple[Any, ...]) -> bool:
        """Pop ``enabled`` from a section: True when it is ``false`` (anything but a true/false is a problem)."""
        value = settings.pop("enabled", True)
        if not isinstance(value, bool):
            problem((*loc, "enabled"), f"{'.'.join(map(str, loc))}.enabled: write true or false, not {value!r}",
                    at_key=False)
            return True
        return not value

    if main.database_url_env and not os.environ.get(main.database_url_env):  # never a silent SQLite file instead
        problem(("database_url_env",), f"database_url_env: environment variable {main.database_url_env} is not set "
                "(the database URL is read from the environment, never from this file)", at_key=False)

    for name, settings in main.plugins.items():
        settings = dict(settings or {})
        if switched_off(settings, ("plugins", name)):
            continue
        try:
            plugin_cls = resolve_plugin(name)
        except LookupError as exc:
            problem(("plugins", name), str(exc))
            continue
        model = plugin_cls.config_model
        try:
            loaded.plugins[name] = (plugin_cls, validate(model, settings, source, ("plugins", name), raw))
        except ConfigError as exc:
            problems.extend(exc.problems)

    for name, settings in main.adapters.items():
        settings = dict(settings or {})
        if switched_off(settings, ("adapters", name)):
            continue
        try:
            adapter_cls = resolve_adapter(name)
        except LookupError as exc:
            problem(("adapters", name), str(exc))
            continue
        try:
            model_obj = validate(adapter_cls.config_model, settings, source, ("adapters", name), raw)
        except ConfigError as exc:
            problems.extend(exc.problems)
            continue
        loaded.adapters[name] = (adapter_cls, model_obj)
        for field_name, info in type(model_obj).model_fields.items():
            env_name = getattr(model_obj, field_name)
            extra = info.json_schema_extra or {}
            if isinstance(extra, dict) and extra.get("secret_env") and env_name and not os.environ.get(env_name):
                problem(("adapters", name, field_name),
                        f"adapters.{name}.{field_name}: environment variable {env_name} is not set "
                        f"(secrets are read from the environment, never from this file)", at_key=False)

    platforms = set(main.adapters) | installed_adapters()
    for platform in main.permissions:  # a misspelt platform would leave it without moderators, silently
        if platform not in platforms:
            hint = difflib.get_close_matches(platform, sorted(platforms), n=1)
            advice = f"did you mean {hint[0]!r}?" if hint else f"the platforms are {', '.join(sorted(platforms))}"
            problem(("permissions", platform), f"permissions: unknown platform {platform!r}; {advice}")

    for room, override in main.rooms.items():
        for name, settings in override.plugins.items():
            settings = dict(settings or {})
            if switched_off(settings, ("rooms", room, "plugins", name)):
                loaded.disabled_in_rooms.setdefault(room, set()).add(name)
            if name not in loaded.plugins:
                if name not in main.plugins:
                    problem(("rooms", room, "plugins", name), f"plugin {name!r} is not enabled in 'plugins'")
                continue
            plugin_cls, base_settings = loaded.plugins[name]
            if plugin_cls.not_per_room:
                problem(("rooms", room, "plugins", name), f"rooms.{room}.plugins.{name}: {plugin_cls.not_per_room}")
                continue
            if settings:
                merged = deep_merge(base_settings.model_dump(), settings)
                try:
                    loaded.room_plugin_settings[(room, name)] = validate(
                        plugin_cls.config_model, merged, source, ("rooms", room, "plugins", name), raw)
                except ConfigError as exc:
                    problems.extend(exc.problems)
    if problems:
        raise ConfigError(problems)
    return loaded


def _valid_sections(raw: dict[str, Any]) -> dict[str, Any]:
    """The plugin/adapter/room sections of an otherwise invalid file, when they have the right shape."""
    sections: dict[str, Any] = {}
    defaults = SamovarConfig()
    for key in ("plugins", "adapters"):
        value = to_plain(raw.get(key, getattr(defaults, key)))
        sections[key] = {k: v for k, v in value.items() if v is None or isinstance(v, dict)} \
            if isinstance(value, dict) else {}
    sections["rooms"] = {}
    return sections
