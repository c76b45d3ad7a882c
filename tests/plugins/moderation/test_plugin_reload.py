"""The rules file is reloaded when it changes; a broken file keeps the old rules and is reported exactly."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

RULES = """\
rules:
  - id: no-shouting
    explanation: {{ru: "Пожалуйста, без крика.", en: "Please don't shout."}}
    suggestion: {{ru: Напиши спокойно., en: Say it calmly.}}
    languages: [ru, en]
    match:
      phrases:
        en: [{phrases}]
    actions:
      ladder:
        - after: 1
          do: [nudge]
"""


def write(path: Path, text: str, bump: int) -> None:
    path.write_text(text, encoding="utf-8")
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + bump * 1_000_000_000))


@pytest.fixture
async def town(community_factory, tmp_path):
    path = tmp_path / "rules.yaml"
    write(path, RULES.format(phrases='"shut up"'), 0)
    community = await community_factory(config={"plugins": {"moderation": {"rules_file": str(path)}}},
                                        plugins=["moderation"])
    community.rules_path = path
    return community


async def test_a_changed_file_is_loaded_at_the_next_tick(town):
    await town.say("alice", "pipe down")
    assert town.dms_to("alice") == []
    write(town.rules_path, RULES.format(phrases='"shut up", "pipe down"'), 5)
    await town.wait("1m")
    [note] = town.sent_in("moderators")
    assert "changed and is loaded" in note and str(town.rules_path) in note
    await town.say("alice", "pipe down")
    assert "Please don't shout." in town.dms_to("alice")[0]


async def test_an_unchanged_file_is_not_reloaded(town):
    await town.wait("10m")
    assert town.actions == []


async def test_a_broken_file_is_reported_with_its_position_and_the_old_rules_keep_working(town):
    broken = RULES.format(phrases='"shut up"').replace("do: [nudge]", "do: [nudge, shout_back]")
    write(town.rules_path, broken, 5)
    await town.wait("1m")
    [report] = town.sent_in("moderators")
    line = next(number for number, text in enumerate(broken.splitlines(), 1) if "shout_back" in text)
    assert f"{town.rules_path}:{line}:" in report
    assert "previous rules" in report
    await town.wait("5m")
    assert len(town.sent_in("moderators")) == 1, "reported once, not at every tick"
    await town.say("alice", "shut up")
    assert "Please don't shout." in town.dms_to("alice")[0]
    await town.say("mod", "!mod rules", room="moderators")
    assert f"{town.rules_path}:{line}:" in town.sent_in("moderators")[-1]


async def test_invalid_yaml_is_reported_with_line_and_column(town):
    write(town.rules_path, "rules:\n  - id: [unclosed\n", 5)
    await town.wait("1m")
    [report] = town.sent_in("moderators")
    assert f"{town.rules_path}:3:1: invalid YAML" in report


async def test_a_fixed_file_is_loaded_again(town):
    write(town.rules_path, "rules: []\n", 5)
    await town.wait("1m")
    write(town.rules_path, RULES.format(phrases='"pipe down"'), 10)
    await town.wait("1m")
    assert "changed and is loaded" in town.sent_in("moderators")[-1]
    await town.say("alice", "pipe down")
    assert town.dms_to("alice")


async def test_a_broken_file_at_start_stops_the_bot_with_its_position(community_factory, tmp_path):
    from samovar.core.yamlconf import ConfigError

    path = tmp_path / "rules.yaml"
    path.write_text("rules:\n  - id: Bad Id\n", encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        await community_factory(config={"plugins": {"moderation": {"rules_file": str(path)}}}, plugins=["moderation"])
    assert str(caught.value).startswith(f"{path}:2:")


async def test_a_file_waiting_for_its_model_is_loaded_when_the_model_appears(town):
    from samovar.plugins.moderation.engine.training import train

    with_model = RULES.format(phrases='"shut up"').replace(
        "    match:\n", "    match:\n      model: {file: shouting_model.json, threshold: 0.6}\n")
    write(town.rules_path, with_model, 5)
    await town.wait("1m")
    [report] = town.sent_in("moderators")
    assert "shouting_model.json" in report and "previous rules" in report
    examples = [{"text": text, "lang": "en", "labels": labels} for text, labels in [
        ("be quiet you fool", ["no-shouting"]), ("quiet, you fool", ["no-shouting"]), ("you fool, quiet", ["no-shouting"]),
        ("see you tomorrow", []), ("the cat is asleep", []), ("thanks for the tea", [])] * 3]
    train(examples, "no-shouting").save(town.rules_path.parent / "shouting_model.json")
    await town.wait("1m")
    assert "changed and is loaded" in town.sent_in("moderators")[-1]
    await town.say("alice", "quiet you fool")
    assert "Please don't shout." in town.dms_to("alice")[0], "the new model is in force"


async def test_rules_without_a_care_rule_are_loaded_with_a_warning(town):
    """A rules file that lost its crisis rule: the moderators are told that signs of crisis go unanswered."""
    write(town.rules_path, RULES.format(phrases='"shut up", "pipe down"'), 5)
    await town.wait("1m")
    [note] = town.sent_in("moderators")
    assert note.endswith(town.t("moderation.rules.no_care"))
    await town.say("mod", "!mod rules", room="moderators")
    assert town.t("moderation.rules.no_care") in town.sent_in("moderators")[-1]


async def test_the_shipped_rules_need_no_such_warning(community_factory):
    town = await community_factory(plugins=["moderation"])
    await town.say("mod", "!mod rules", room="moderators")
    assert town.t("moderation.rules.no_care") not in town.sent_in("moderators")[-1]
