"""The ``plugins.checkin`` section: sensible defaults, and mistakes reported with their place."""
from __future__ import annotations

from datetime import timedelta

import pytest

from samovar.core.config import load_config_data
from samovar.core.yamlconf import ConfigError, load_yaml_text
from samovar.plugins.checkin.config import CheckinConfig


def load(text: str):
    return load_config_data(load_yaml_text(text, "samovar.yaml"), "samovar.yaml")


def test_defaults():
    config = CheckinConfig()
    assert (config.default_day, config.default_time, config.room) == ("fri", "18:00", "checkins")
    assert config.missed_grace == timedelta(hours=6) and not config.digest.enabled


def test_days_and_times_are_normalised():
    loaded = load("plugins:\n  checkin:\n    default_day: Sunday\n    default_time: '9:05'\n")
    settings = loaded.plugins["checkin"][1]
    assert (settings.default_day, settings.default_time) == ("sun", "09:05")


@pytest.mark.parametrize("section, words", [
    ("    default_day: someday\n", "unknown day"),
    ("    default_time: '25:00'\n", "not a time of day"),
    ("    reminder_after: 4d\n", "reminder_after must be shorter than answer_window"),
    ("    remind: true\n", "remind"),
])
def test_mistakes_name_the_file_and_line(section, words):
    with pytest.raises(ConfigError) as caught:
        load("plugins:\n  checkin:\n" + section)
    text = str(caught.value)
    assert "samovar.yaml:" in text and words in text
