"""The two functions behind ``samovar rules check`` and ``samovar rules eval``."""
from __future__ import annotations

from pathlib import Path
from typing import Any

from .evaluation import evaluate, read_examples
from .ruleset import RuleSet


def load_rules(config_path: str | Path | None) -> RuleSet:
    """The rules file at ``config_path``, or the packaged default when None."""
    return RuleSet.from_default() if config_path is None else RuleSet.load(config_path)


def rules_check_main(text: str, lang: str | None = None, config_path: str | Path | None = None) -> list[str]:
    """Ids of the rules ``text`` matches (crisis included); raises ConfigError for a bad rules file."""
    return load_rules(config_path).check_ids(text, lang)


def rules_eval_main(path: str | Path, config_path: str | Path | None = None) -> dict[str, Any]:
    """Evaluation report for the JSONL file at ``path``; raises ConfigError for bad input."""
    ruleset = load_rules(config_path)
    return evaluate(ruleset, read_examples(path))
