"""The house-rules engine: load rules from YAML, check messages, evaluate on labelled sets.

>>> rules = RuleSet.from_default()
>>> rules.check_ids("Просто возьми и сделай!", "ru")
['just-do-it']
"""
from samovar.core.yamlconf import ConfigError, ConfigProblem

from .cli import rules_check_main, rules_eval_main
from .crisis import CRISIS_ID
from .evaluation import evaluate, read_examples
from .results import CareSignal, Match
from .ruleset import RuleSet
from .schema import Actions, Resource, Rule, RulesFile, Step
from .text import detect_language

__all__ = [
    "CRISIS_ID",
    "Actions",
    "CareSignal",
    "ConfigError",
    "ConfigProblem",
    "Match",
    "Resource",
    "Rule",
    "RuleSet",
    "RulesFile",
    "Step",
    "detect_language",
    "evaluate",
    "read_examples",
    "rules_check_main",
    "rules_eval_main",
]
