"""The ``wins`` config section: mistakes are reported, not guessed around."""
from __future__ import annotations

import pytest

from samovar.core.config import load_config_data
from samovar.core.yamlconf import ConfigError


def load(settings: dict):
    return load_config_data({"plugins": {"wins": settings}}, "<test>")


def test_defaults_describe_a_sunday_evening_digest():
    plugin_cls, settings = load({}).plugins["wins"]
    assert plugin_cls.__name__ == "WinsPlugin"
    assert (settings.emoji, settings.digest_day, settings.digest_time, settings.milestones) == (
        "🎉", "sun", "18:00", [10, 50, 100])


@pytest.mark.parametrize("settings, message", [
    ({"digest_time": "6pm"}, "digest_time"),
    ({"digest_day": "sunday"}, "digest_day"),
    ({"milestones": [0, 10]}, "milestones"),
    ({"leaderboard": True}, "leaderboard"),
    ({"remember_texts_for": "soon"}, "remember_texts_for"),
])
def test_mistakes_name_the_setting(settings, message):
    with pytest.raises(ConfigError) as caught:
        load(settings)
    assert message in str(caught.value)


def test_times_and_durations_are_understood():
    settings = load({"digest_time": "7:05", "remember_texts_for": "2d"}).plugins["wins"][1]
    assert settings.digest_clock() == (7, 5)
    assert settings.remember_texts_for.days == 2
