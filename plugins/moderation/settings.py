"""The ``moderation`` section of the config file."""
from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from pydantic import Field, field_validator

from samovar.core.config import Strict
from samovar.core.durations import Duration


class ModerationConfig(Strict):
    """Where the house rules come from and how the plugin treats appeals and care."""

    rules_file: str | None = Field(
        None, description="the rules file (YAML); relative paths start at the config file's folder. "
                          "Default: the rules shipped with samovar")
    country: str | None = Field(
        None, min_length=2, max_length=2,
        description="two-letter country code (RU, US, GB ...): its crisis lines are listed first")
    appeal_window: Duration = Field(
        timedelta(days=7), description="how long after a nudge the member can answer “this was fine”")
    care_repeat_after: Duration = Field(
        timedelta(hours=1), description="the private care message is sent again only after this long")

    @field_validator("country")
    @classmethod
    def _upper(cls, value: str | None) -> str | None:
        return value.upper() if value else value

    def rules_path(self, config_source: str) -> Path | None:
        """The rules file as a path (relative to the config file's folder), or None for the default."""
        if not self.rules_file:
            return None
        path = Path(self.rules_file).expanduser()
        if not path.is_absolute():
            base = Path(config_source).parent if Path(config_source).is_file() else Path.cwd()
            path = (base / path).absolute()
        return path
