"""The two functions behind ``samovar rules check`` and ``samovar rules eval``."""
from __future__ import annotations

from difflib import get_close_matches
from pathlib import Path
from typing import Any, Mapping, Sequence

from samovar.core.yamlconf import ConfigError, ConfigProblem

from .evaluation import evaluate, read_examples
from .ruleset import RuleSet


def load_rules(config_path: str | Path | None) -> RuleSet:
    """The rules file at ``config_path``, or the packaged default when None."""
    return RuleSet.from_default() if config_path is None else RuleSet.load(config_path)


def rules_check_main(text: str, lang: str | None = None, config_path: str | Path | None = None) -> list[str]:
    """Ids of the rules ``text`` matches (crisis included); raises ConfigError for a bad rules file."""
    return load_rules(config_path).check_ids(text, lang)


def rules_eval_main(path: str | Path, config_path: str | Path | None = None) -> dict[str, Any]:
    """Evaluation report for the JSONL file at ``path``; raises ConfigError for bad input.

    An empty file, or a label no rule has ("judgement"), is bad input: the report would
    otherwise read as a pass (nothing to miss) or count every such line as a miss.
    """
    ruleset = load_rules(config_path)
    examples = read_examples(path)
    problems = _label_problems(str(path), examples, [rule.id for rule in ruleset.rules])
    if not examples:
        problems.append(ConfigProblem(str(path), 1, 1, 'no examples: write one {"text": ..., "lang": "ru"|"en", '
                                                        '"labels": [rule ids]} per line'))
    if problems:
        raise ConfigError(problems)
    return evaluate(ruleset, examples)


def _label_problems(source: str, examples: Sequence[Mapping[str, Any]], known: list[str]) -> list[ConfigProblem]:
    problems = []
    for example in examples:
        for label in example.get("labels", []):
            if label not in known:
                hint = get_close_matches(label, known, n=1)
                advice = f"did you mean {hint[0]!r}?" if hint else f"the rules are {', '.join(known)}"
                problems.append(ConfigProblem(source, example["line"], 1, f"unknown label {label!r}: {advice}"))
    return problems
