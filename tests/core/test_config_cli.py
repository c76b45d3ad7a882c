"""``samovar check-config`` and ``samovar scenario`` as a moderator uses them."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


def samovar(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    import os

    return subprocess.run([sys.executable, "-m", "samovar.core.cli", *args], capture_output=True, text=True,
                          cwd=REPO, env={**os.environ, **(env or {})}, timeout=120)


def test_the_shipped_config_is_valid():
    result = samovar("check-config", "config/samovar.yaml")
    assert result.returncode == 0, result.stderr
    assert "OK" in result.stdout


def test_mistakes_are_reported_with_file_line_and_column(tmp_path):
    config = tmp_path / "samovar.yaml"
    config.write_text(
        "community:\n"
        "  name: Tea\n"
        "  languag: ru\n"          # unknown key
        "rate_limit:\n"
        "  commands: many\n"       # wrong type
        "plugins:\n"
        "  winz: {}\n",            # unknown plugin
        encoding="utf-8")
    result = samovar("check-config", str(config))
    assert result.returncode == 1
    lines = result.stderr.strip().splitlines()
    assert lines[0].startswith(f"{config}:3:3: community.languag: unknown key")
    assert lines[1].startswith(f"{config}:5:13: rate_limit.commands:")
    assert lines[2].startswith(f"{config}:7:3: unknown plugin 'winz'; did you mean 'wins'?")


def test_a_missing_secret_names_the_environment_variable(tmp_path):
    config = tmp_path / "samovar.yaml"
    config.write_text("database_url_env: SAMOVAR_TEST_DB\nadapters:\n  console:\n    rooms: [general]\n"
                      "plugins: {}\n", encoding="utf-8")
    result = samovar("check-config", str(config), env={"SAMOVAR_TEST_DB": ""})
    assert result.returncode == 1, "an unset database variable never falls back to a local file silently"
    assert result.stderr.startswith(f"{config}:1:19: database_url_env: environment variable SAMOVAR_TEST_DB is not set")
    assert samovar("check-config", str(config), env={"SAMOVAR_TEST_DB": "sqlite://:memory:"}).returncode == 0
    bad = tmp_path / "bad.yaml"
    bad.write_text("adapters:\n  console:\n    roomz: [general]\n", encoding="utf-8")
    result = samovar("check-config", str(bad))
    assert result.returncode == 1 and f"{bad}:3:5:" in result.stderr


def test_invalid_yaml_is_reported_with_its_position(tmp_path):
    config = tmp_path / "broken.yaml"
    config.write_text("community:\n  name: [unclosed\n", encoding="utf-8")
    result = samovar("check-config", str(config))
    assert result.returncode == 1
    assert result.stderr.startswith(f"{config}:3:1: invalid YAML")


def test_a_scenario_prints_one_json_object_per_bot_action(tmp_path):
    scenario = tmp_path / "try.yaml"
    scenario.write_text(
        "config:\n"
        "  plugins: {wins: {enabled: false}, checkin: {enabled: false}, buddy: {enabled: false},"
        " moderation: {enabled: false}}\n"
        "steps:\n"
        "  - join: alice\n"
        "  - say: '!language ru'\n"
        "    as: alice\n"
        "  - wait: 3d\n"
        "  - dm: '!privacy export'\n"
        "    as: alice\n", encoding="utf-8")
    result = samovar("scenario", str(scenario))
    assert result.returncode == 0, result.stderr
    actions = [json.loads(line) for line in result.stdout.splitlines()]
    assert actions[0]["action"] == "send" and actions[0]["room"] == "general" and actions[0]["to"] == "alice"
    assert actions[0]["at"] == "2026-01-05T09:00:00+00:00" and actions[0]["platform"] == "console"
    assert all(a["action"] == "dm" and a["to"] == "alice" and a["room"] is None for a in actions[1:])
    assert actions[1]["at"] == "2026-01-08T09:00:00+00:00"


def test_a_bad_scenario_step_is_reported_with_its_position(tmp_path):
    scenario = tmp_path / "bad.yaml"
    scenario.write_text("steps:\n  - join: alice\n  - say: hello\n", encoding="utf-8")
    result = samovar("scenario", str(scenario))
    assert result.returncode == 1
    assert f"{scenario}:3:5: steps.1:" in result.stderr and "as: <member>" in result.stderr


def test_enabled_takes_only_true_or_false(tmp_path):
    config = tmp_path / "samovar.yaml"
    config.write_text("plugins:\n  wins: {}\n  moderation: {enabled: no}\n", encoding="utf-8")
    result = samovar("check-config", str(config))
    assert result.returncode == 1
    assert result.stderr.startswith(f"{config}:3:25: plugins.moderation.enabled: write true or false, not 'no'")


def test_moderation_cannot_be_switched_off_in_one_room(tmp_path):
    """Switching it off in a venting room would leave a member in crisis there without an answer."""
    config = tmp_path / "samovar.yaml"
    config.write_text("plugins:\n  moderation: {}\nrooms:\n  venting:\n    plugins:\n      moderation: {enabled: false}\n",
                      encoding="utf-8")
    result = samovar("check-config", str(config))
    assert result.returncode == 1
    assert result.stderr.startswith(f"{config}:6:7: rooms.venting.plugins.moderation: moderation answers signs of "
                                    "crisis in every room")
    assert "exempt.rooms" in result.stderr


def test_a_misspelt_platform_under_permissions_is_named(tmp_path):
    """Otherwise nobody would be a moderator on that platform, and nothing would say so."""
    config = tmp_path / "samovar.yaml"
    config.write_text("permissions:\n  disocrd:\n    moderators: [\"123\"]\n", encoding="utf-8")
    result = samovar("check-config", str(config))
    assert result.returncode == 1
    assert result.stderr.startswith(f"{config}:2:3: permissions: unknown platform 'disocrd'; did you mean 'discord'?")


def test_a_date_that_does_not_exist_is_named_with_its_position(tmp_path):
    config = tmp_path / "samovar.yaml"
    config.write_text("community:\n  name: \"Tea 2026-02-31\"\n# 2026-99-99 in a comment is fine\nplugins:\n"
                      "  wins:\n    digest_day: 2026-02-30\n", encoding="utf-8")
    result = samovar("check-config", str(config))
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert result.stderr.startswith(f"{config}:6:17: 2026-02-30 is not a real date")
    scenario = tmp_path / "scenario.yaml"
    scenario.write_text("start: 2026-13-06T09:00:00Z\nsteps:\n  - join: alice\n", encoding="utf-8")
    result = samovar("scenario", str(scenario))
    assert result.returncode == 1 and result.stderr.startswith(f"{scenario}:1:8: 2026-13-06T09:00:00 is not a real date")


def test_check_config_warns_when_crisis_alerts_would_reach_nobody(tmp_path):
    rules = (REPO / "config" / "rules.yaml").read_text(encoding="utf-8")
    (tmp_path / "rules.yaml").write_text(rules.replace("    kind: care\n", "    kind: care\n    enabled: false\n"),
                                         encoding="utf-8")
    for name in ("crisis_model.json", "toxic_positivity_model.json", "just_do_it_model.json", "judgment_model.json",
                 "book_quote_model.json"):
        (tmp_path / name).write_bytes((REPO / "config" / name).read_bytes())
    config = tmp_path / "samovar.yaml"
    config.write_text("community:\n  moderators_room: null\nplugins:\n  moderation:\n    rules_file: rules.yaml\n",
                      encoding="utf-8")
    result = samovar("check-config", str(config))
    assert result.returncode == 0 and f"{config}: OK" in result.stdout, "allowed, but said"
    assert f"{config}: warning: no community.moderators_room" in result.stderr
    assert "has no switched-on care rule" in result.stderr
    assert "warning" not in samovar("check-config", "config/samovar.yaml").stderr
