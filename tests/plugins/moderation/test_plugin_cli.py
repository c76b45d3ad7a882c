"""``samovar rules check`` and ``samovar rules eval`` as a moderator runs them."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

RULES = """\
rules:
  - id: no-shouting
    explanation: {ru: "Пожалуйста, без крика.", en: "Please don't shout."}
    suggestion: {ru: Напиши спокойно., en: Say it calmly.}
    languages: [ru, en]
    match:
      phrases:
        en: ["shut up"]
    actions:
      ladder:
        - after: 1
          do: [nudge]
"""


def samovar(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "samovar.core.cli", *args]
    return subprocess.run(command, capture_output=True, text=True, timeout=120, cwd=cwd)


def test_check_prints_the_matching_ids_as_json():
    result = samovar("rules", "check", "Просто возьми и сделай! Я не хочу жить.", "--lang", "ru")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == ["just-do-it", "crisis"]
    calm = samovar("rules", "check", "Good morning everyone!")
    assert json.loads(calm.stdout) == []


def test_check_with_a_rules_file_or_a_config_naming_one(tmp_path):
    rules = tmp_path / "house.yaml"
    rules.write_text(RULES, encoding="utf-8")
    assert json.loads(samovar("rules", "check", "oh shut up", "--config", str(rules)).stdout) == ["no-shouting"]
    config = tmp_path / "samovar.yaml"
    config.write_text("plugins:\n  moderation:\n    rules_file: house.yaml\n", encoding="utf-8")
    result = samovar("rules", "check", "oh shut up", "--config", str(config))
    assert json.loads(result.stdout) == ["no-shouting"], result.stderr


def test_a_broken_rules_file_exits_1_with_its_position(tmp_path):
    rules = tmp_path / "house.yaml"
    rules.write_text(RULES.replace("do: [nudge]", "do: [nudge, shout_back]"), encoding="utf-8")
    result = samovar("rules", "check", "hello", "--config", str(rules))
    assert result.returncode == 1
    assert result.stderr.startswith(f"{rules}:12:23: rules.0.actions.ladder.0.do.1:")
    assert result.stdout == ""


def test_eval_prints_precision_recall_and_the_misclassified_lines(tmp_path):
    examples = tmp_path / "examples.jsonl"
    lines = [
        {"text": "Just think positive!", "lang": "en", "labels": ["toxic-positivity"]},
        {"text": "I hear you, that sounds so hard.", "lang": "en", "labels": []},
        {"text": "Я очень устала, но держусь.", "lang": "ru", "labels": ["judgment"]},
    ]
    examples.write_text("\n".join(json.dumps(line, ensure_ascii=False) for line in lines), encoding="utf-8")
    result = samovar("rules", "eval", str(examples))
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["examples"] == 3
    assert report["rules"]["toxic-positivity"]["precision"] == 1.0
    assert report["rules"]["judgment"]["recall"] == 0.0
    assert report["overall"]["recall"] == 0.5
    [missed] = report["misclassified"]
    assert missed["line"] == 3 and missed["missed"] == ["judgment"]


def test_eval_reports_a_bad_line_with_its_position(tmp_path):
    examples = tmp_path / "examples.jsonl"
    examples.write_text('{"text": "hi", "labels": []}\n{"text": 5}\n', encoding="utf-8")
    result = samovar("rules", "eval", str(examples))
    assert result.returncode == 1
    assert f"{examples}:2:1:" in result.stderr


def test_eval_refuses_labels_no_rule_has_and_an_empty_file(tmp_path):
    """Either would read as a pass: a misspelt label counts as a miss, an empty file has nothing to miss."""
    examples = tmp_path / "examples.jsonl"
    examples.write_text('{"text": "you are lazy", "lang": "en", "labels": ["judgement"]}\n', encoding="utf-8")
    result = samovar("rules", "eval", str(examples))
    assert result.returncode == 1
    assert f"{examples}:1:1: unknown label 'judgement': did you mean 'judgment'?" in result.stderr
    empty = tmp_path / "empty.jsonl"
    empty.write_text("\n", encoding="utf-8")
    result = samovar("rules", "eval", str(empty))
    assert result.returncode == 1 and f"{empty}:1:1: no examples" in result.stderr


def test_the_language_must_be_one_we_speak():
    result = samovar("rules", "check", "hello", "--lang", "de")
    assert result.returncode == 2
    assert "invalid choice" in result.stderr


def test_check_config_also_checks_the_rules_file_the_config_names(tmp_path):
    config = tmp_path / "samovar.yaml"
    config.write_text("plugins:\n  moderation:\n    rules_file: house-rules.yaml\n", encoding="utf-8")
    (tmp_path / "house-rules.yaml").write_text("rules:\n  - id: Bad Id\n", encoding="utf-8")
    result = samovar("check-config", str(config))
    assert result.returncode == 1
    assert result.stderr.startswith(f"{tmp_path / 'house-rules.yaml'}:2:")
    (tmp_path / "house-rules.yaml").write_text(RULES, encoding="utf-8")
    assert samovar("check-config", str(config)).stdout.strip() == f"{config}: OK"
    (tmp_path / "house-rules.yaml").unlink()
    result = samovar("check-config", str(config))
    assert result.returncode == 1 and "cannot read file" in result.stderr
