"""Scripted scenarios: members join, speak, react and time passes on a virtual clock.

The format is fixed (moderators and other tools write these files); see
``docs/scenarios.md``. Every bot action is printed as one JSON object per line.
"""
from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path
from typing import Any, Callable, Literal

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field, field_validator, model_validator
from pydantic_core import PydanticCustomError

from .config import deep_merge, load_config, load_config_data
from .durations import Duration
from .yamlconf import load_yaml_file, validate


START_HINT = "expected a date and time with a UTC offset, like 2026-01-05T09:00:00+00:00"


class Step(BaseModel):
    """One step: exactly one of the action keys, plus who/where."""

    model_config = ConfigDict(extra="forbid", populate_by_name=True)

    join: str | None = None
    leave: str | None = None
    say: str | None = None
    dm: str | None = None
    react: str | None = None
    unreact: str | None = None
    wait: Duration | None = None
    as_: str | None = Field(default=None, alias="as")
    room: str | None = None
    to: Literal["last"] | None = None

    @model_validator(mode="after")
    def _one_action(self) -> "Step":
        kinds = [k for k in ("join", "leave", "say", "dm", "react", "unreact", "wait") if getattr(self, k) is not None]
        if len(kinds) != 1:
            raise ValueError("each step needs exactly one of: join, leave, say, dm, react, unreact, wait")
        if kinds[0] in ("say", "dm", "react", "unreact") and not self.as_:
            raise ValueError(f"'{kinds[0]}' needs 'as: <member>' (who does it)")
        return self


class Scenario(BaseModel):
    """A whole scenario file."""

    model_config = ConfigDict(extra="forbid")

    config: dict[str, Any] = {}
    start: AwareDatetime | None = None
    steps: list[Step]

    @field_validator("start", mode="before")
    @classmethod
    def _a_time(cls, value: Any) -> Any:
        """A YAML timestamp (unquoted) or an ISO 8601 string; never a number or a bare date."""
        if value is None:
            return None
        moment = None
        if isinstance(value, datetime):
            moment = _plain_datetime(value)
        elif isinstance(value, str):
            try:
                moment = datetime.fromisoformat(value.strip())
            except ValueError:
                pass
        if moment is None or moment.utcoffset() is None:
            raise PydanticCustomError("scenario_start", START_HINT)
        return moment


def _plain_datetime(moment: datetime) -> datetime:
    """A ``datetime`` of the standard type (YAML loaders hand out subclasses the database cannot store)."""
    return datetime(moment.year, moment.month, moment.day, moment.hour, moment.minute, moment.second,
                    moment.microsecond, tzinfo=moment.tzinfo, fold=moment.fold)


def load_scenario(path: str | Path) -> Scenario:
    """Read and validate a scenario; errors carry file, line and column (of its ``config:`` too)."""
    raw = load_yaml_file(path)
    scenario = validate(Scenario, raw, str(path))
    if scenario.config:  # the overrides alone, positioned in this file (merged, they would point elsewhere)
        load_config_data(raw["config"], str(path))
    return scenario


async def run_scenario(path: str | Path, config_path: str | Path | None,
                       emit: Callable[[dict[str, Any]], None]) -> int:
    """Run a scenario, calling ``emit`` with every bot action; returns the number of actions."""
    from .testing.community import Community

    scenario = load_scenario(path)
    overrides = deep_merge(scenario.config, {"database_url": "sqlite://:memory:"})
    loaded = load_config(config_path, overrides, only_adapters=("console",))
    community = await Community.create(loaded=loaded, start=scenario.start or datetime.fromisoformat(
        "2026-01-05T09:00:00+00:00"), database_url="sqlite://:memory:")
    count = 0

    def on_action(action: Any) -> None:
        nonlocal count
        count += 1
        emit(action.as_dict())

    community.adapter.listeners.append(on_action)
    try:
        for step in scenario.steps:
            await _run_step(community, step)
    finally:
        await community.close()
    return count


async def _run_step(community: Any, step: Step) -> None:
    if step.join is not None:
        await community.join(step.join)
    elif step.leave is not None:
        await community.leave(step.leave)
    elif step.say is not None:
        await community.say(step.as_, step.say, step.room)
    elif step.dm is not None:
        await community.dm(step.as_, step.dm)
    elif step.react is not None:
        await community.react(step.as_, step.react, room=step.room)
    elif step.unreact is not None:
        await community.unreact(step.as_, step.unreact, room=step.room)
    elif step.wait is not None:
        await community.wait(step.wait)


def print_action(action: dict[str, Any]) -> None:
    """Print one action as a JSON line."""
    print(json.dumps(action, ensure_ascii=False), flush=True)
