"""Scenario files as moderators write them: the documented format, and mistakes in ``start``."""
from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from samovar.core.scenario import load_scenario, run_scenario
from samovar.core.yamlconf import ConfigError

REPO = Path(__file__).resolve().parents[2]
QUIET = "config:\n  plugins: {wins: {enabled: false}, checkin: {enabled: false}, buddy: {enabled: false}}\n"


def documented_example() -> str:
    """The YAML block under "## Format" in docs/scenarios.md, exactly as shown."""
    text = (REPO / "docs" / "scenarios.md").read_text(encoding="utf-8")
    return re.search(r"## Format\s+```yaml\n(.*?)```", text, re.S).group(1)


async def play(path: Path) -> list[dict[str, Any]]:
    actions: list[dict[str, Any]] = []
    await run_scenario(path, None, actions.append)
    return actions


async def test_the_documented_example_runs_with_its_unquoted_start(tmp_path):
    example = documented_example()
    assert "start: 2026-01-05T09:00:00+00:00" in example, "the docs show an unquoted timestamp"
    scenario = tmp_path / "example.yaml"
    scenario.write_text(example, encoding="utf-8")
    actions = await play(scenario)
    assert actions and actions[0]["at"] == "2026-01-05T09:00:00+00:00"


@pytest.mark.parametrize("start", ["2026-03-02T18:30:00+03:00", "'2026-03-02T18:30:00+03:00'",
                                   "2026-03-02 15:30:00Z"])
async def test_an_unquoted_or_quoted_start_sets_the_virtual_clock(tmp_path, start):
    scenario = tmp_path / "start.yaml"
    scenario.write_text(f"{QUIET}start: {start}\nsteps:\n  - say: '!language ru'\n    as: alice\n"
                        "  - wait: 1d\n  - say: '!language en'\n    as: alice\n", encoding="utf-8")
    actions = await play(scenario)
    assert [a["at"] for a in actions] == ["2026-03-02T15:30:00+00:00", "2026-03-03T15:30:00+00:00"]


@pytest.mark.parametrize("start", ["soon", "2026-01-05", "2026-01-05 09:00:00", "'2026-01-05T09:00'",
                                   "1767603600"])
def test_a_start_that_is_not_a_moment_is_reported_at_its_position(tmp_path, start):
    scenario = tmp_path / "bad.yaml"
    scenario.write_text(f"steps:\n  - join: alice\nstart: {start}\n", encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        load_scenario(scenario)
    assert str(caught.value) == (f"{scenario}:3:8: start: expected a date and time with a UTC offset, "
                                 "like 2026-01-05T09:00:00+00:00")


def test_the_command_exits_with_1_and_no_traceback_on_a_bad_start(tmp_path):
    scenario = tmp_path / "bad.yaml"
    scenario.write_text("start: next monday\nsteps:\n  - join: alice\n", encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "samovar.core.cli", "scenario", str(scenario)],
                            capture_output=True, text=True, cwd=REPO, timeout=120)
    assert result.returncode == 1
    assert result.stderr.startswith(f"{scenario}:1:8: start: expected a date and time")
    assert "Traceback" not in result.stderr and result.stdout == ""


def test_a_mistake_in_the_scenarios_config_is_shown_in_the_scenario_file(tmp_path):
    """Not a traceback, and not a position in the default config the overrides were merged into."""
    script = tmp_path / "try.yaml"
    script.write_text("config: {community: {moderators_rom: mods}}\nsteps:\n  - join: alice\n", encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "samovar.core.cli", "scenario", str(script)],
                            capture_output=True, text=True, cwd=tmp_path, timeout=120)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert result.stderr.startswith(f"{script}:1:22: community.moderators_rom: unknown key")
