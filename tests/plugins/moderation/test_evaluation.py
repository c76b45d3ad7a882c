"""The labelled evaluation set meets the quality targets; `rules eval` and `rules check` behave."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from samovar.plugins.moderation.engine import (
    ConfigError,
    RuleSet,
    evaluate,
    read_examples,
    rules_check_main,
    rules_eval_main,
)

EVAL_SET = Path(__file__).with_name("eval_set.jsonl")
VIOLATION_IDS = ["toxic-positivity", "just-do-it", "judgment", "book-quote"]


@pytest.fixture(scope="module")
def report() -> dict:
    return rules_eval_main(EVAL_SET)


def test_eval_set_is_large_bilingual_and_has_hard_negatives() -> None:
    examples = read_examples(EVAL_SET)
    assert len(examples) >= 250
    assert {e["lang"] for e in examples} == {"ru", "en"}
    negatives = [e for e in examples if not e["labels"]]
    assert len(negatives) >= 100
    for rule_id in [*VIOLATION_IDS, "crisis"]:
        for lang in ("ru", "en"):
            assert sum(1 for e in examples if rule_id in e["labels"] and e["lang"] == lang) >= 10


@pytest.mark.parametrize("rule_id", VIOLATION_IDS)
def test_each_rule_is_precise_and_finds_most(report: dict, rule_id: str) -> None:
    scores = report["rules"][rule_id]
    assert scores["precision"] >= 0.9, scores
    assert scores["recall"] >= 0.8, scores


def test_crisis_is_never_missed(report: dict) -> None:
    scores = report["rules"]["crisis"]
    assert scores["recall"] == 1.0, [m for m in report["misclassified"] if "crisis" in m["missed"]]
    assert scores["precision"] >= 0.8, scores


def test_report_shape(report: dict) -> None:
    assert report["examples"] == len(read_examples(EVAL_SET))
    assert set(report["overall"]) >= {"precision", "recall", "f1", "support"}
    json.dumps(report)  # JSON-ready
    for line in report["misclassified"]:
        assert set(line) >= {"line", "text", "lang", "labels", "predicted", "missed", "extra"}


def test_evaluate_counts_hits_misses_and_false_alarms(default_rules: RuleSet) -> None:
    lines = [
        {"text": "Просто возьми и сделай", "lang": "ru", "labels": ["just-do-it"]},
        {"text": "Всем привет!", "lang": "ru", "labels": ["just-do-it"]},
        {"text": "Just do it", "lang": "en", "labels": []},
        {"text": "Good morning", "labels": []},
    ]
    result = evaluate(default_rules, lines)
    jdi = result["rules"]["just-do-it"]
    assert (jdi["tp"], jdi["fn"], jdi["fp"]) == (1, 1, 1)
    assert jdi["precision"] == 0.5 and jdi["recall"] == 0.5 and jdi["f1"] == 0.5
    assert [m["line"] for m in result["misclassified"]] == [2, 3]
    assert result["misclassified"][1]["extra"] == ["just-do-it"]


def test_rules_eval_main_reports_bad_lines_with_position(tmp_path: Path) -> None:
    path = tmp_path / "set.jsonl"
    path.write_text('{"text": "hi", "lang": "en", "labels": []}\n{"text": "oops", "lang": "fr"}\n{bad\n', "utf-8")
    with pytest.raises(ConfigError) as caught:
        rules_eval_main(path)
    assert [str(p) for p in caught.value.problems] == [
        f"{path}:2:1: 'lang' must be \"ru\" or \"en\"",
        f"{path}:3:2: not JSON: Expecting property name enclosed in double quotes",
    ]


def test_rules_check_main_uses_default_or_given_file(tmp_path: Path) -> None:
    assert rules_check_main("Хочу умереть", "ru", None) == ["crisis"]
    assert rules_check_main("Just do it", None, None) == ["just-do-it"]
    custom = tmp_path / "rules.yaml"
    custom.write_text(
        """\
rules:
  - id: no-spoilers
    explanation: {ru: Без спойлеров, en: No spoilers}
    suggestion: {ru: Спрячь под спойлер, en: Hide it under a spoiler tag}
    languages: [en]
    match:
      phrases:
        en: [the ending is]
    actions:
      ladder:
        - after: 1
          do: [nudge]
""",
        "utf-8",
    )
    assert rules_check_main("the ending is sad", "en", custom) == ["no-spoilers"]
    assert rules_check_main("Just do it", "en", custom) == []
