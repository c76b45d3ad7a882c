"""``samovar rules eval``: precision, recall and F1 of a rule set on labelled messages.

Each example is ``{"text": ..., "lang": "ru"|"en", "labels": [rule ids]}``
(``lang`` may be left out: it is then guessed). Scores are given per rule id
and overall (micro-averaged over ids). A score with nothing to count is 1.0:
no predictions means no false alarms, no labels means nothing was missed.
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Iterable, Mapping

from samovar.core.yamlconf import ConfigError, ConfigProblem

from .ruleset import RuleSet


def evaluate(ruleset: RuleSet, lines: Iterable[Mapping[str, Any]]) -> dict[str, Any]:
    """Score ``ruleset`` on labelled examples; JSON-ready (see the module docstring)."""
    ids = [rule.id for rule in ruleset.rules if rule.enabled]
    counts: dict[str, dict[str, int]] = {}
    misclassified = []
    total = 0
    for number, example in enumerate(lines, start=1):
        total += 1
        text, lang = str(example["text"]), example.get("lang")
        labels = list(dict.fromkeys(example.get("labels", [])))
        predicted = ruleset.check_ids(text, lang)
        for rule_id in set(labels) | set(predicted):
            if rule_id not in ids:
                ids.append(rule_id)
            tally = counts.setdefault(rule_id, {"tp": 0, "fp": 0, "fn": 0})
            if rule_id in labels and rule_id in predicted:
                tally["tp"] += 1
            elif rule_id in predicted:
                tally["fp"] += 1
            else:
                tally["fn"] += 1
        if set(labels) != set(predicted):
            misclassified.append(
                {
                    "line": example.get("line", number),
                    "text": text,
                    "lang": lang,
                    "labels": labels,
                    "predicted": predicted,
                    "missed": [i for i in labels if i not in predicted],
                    "extra": [i for i in predicted if i not in labels],
                }
            )
    per_rule = {rule_id: _scores(counts.get(rule_id, {"tp": 0, "fp": 0, "fn": 0})) for rule_id in ids}
    overall = {"tp": 0, "fp": 0, "fn": 0}
    for tally in counts.values():
        for name in overall:
            overall[name] += tally[name]
    return {"examples": total, "rules": per_rule, "overall": _scores(overall), "misclassified": misclassified}


def _scores(tally: Mapping[str, int]) -> dict[str, Any]:
    tp, fp, fn = tally["tp"], tally["fp"], tally["fn"]
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {
        "precision": round(precision, 4),
        "recall": round(recall, 4),
        "f1": round(f1, 4),
        "support": tp + fn,
        "tp": tp,
        "fp": fp,
        "fn": fn,
    }


def read_examples(path: str | Path) -> list[dict[str, Any]]:
    """Read a JSONL file of examples; a bad line raises :class:`ConfigError` with PATH:LINE:COL."""
    source = str(path)
    try:
        content = Path(path).read_text(encoding="utf-8")
    except OSError as exc:
        raise ConfigError([ConfigProblem(source, 1, 1, f"cannot read file: {exc.strerror}")]) from None
    examples, problems = [], []
    for number, raw in enumerate(content.splitlines(), start=1):
        if not raw.strip():
            continue
        try:
            example = json.loads(raw)
        except json.JSONDecodeError as exc:
            problems.append(ConfigProblem(source, number, exc.colno, f"not JSON: {exc.msg}"))
            continue
        problem = _example_problem(example)
        if problem:
            problems.append(ConfigProblem(source, number, 1, problem))
            continue
        examples.append({**example, "line": number})
    if problems:
        raise ConfigError(problems)
    return examples


def _example_problem(example: Any) -> str | None:
    if not isinstance(example, dict):
        return "each line must be a JSON object"
    if not isinstance(example.get("text"), str):
        return "'text' must be a string"
    if example.get("lang") not in (None, "ru", "en"):
        return "'lang' must be \"ru\" or \"en\""
    labels = example.get("labels", [])
    if not isinstance(labels, list) or not all(isinstance(label, str) for label in labels):
        return "'labels' must be a list of rule ids"
    return None
