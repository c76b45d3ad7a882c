"""A rules file as written: its YAML read and validated (problems as PATH:LINE:COL), and where its models are.

:class:`.ruleset.RuleSet` compiles what this gives back; the bot's file watcher asks it which model
files a rules file names.
"""
from __future__ import annotations

from importlib import resources
from pathlib import Path
from typing import Any

from samovar.core.yamlconf import (ConfigError, ConfigProblem, load_yaml_fast, load_yaml_text, position_of, read_text,
                                   validate)

from .learned import LearnedModel, ModelFileError
from .schema import Rule, RulesFile

DEFAULT_PACKAGE = "samovar.config"
DEFAULT_FILE = "rules.yaml"


def valid_rules(text: str, source: str) -> list[Rule]:
    """The rules of a rules file's text, validated; a mistake raises :class:`ConfigError`."""
    try:  # fast path: a valid file needs no positions
        return _validated(load_yaml_fast(text, source), source)
    except ConfigError:  # parse again keeping positions, so problems name line and column
        return _validated(load_yaml_text(text, source), source)


def model_path(source: str, file: str, beside_only: bool = False) -> Path:
    """Where a rule's model file is: ``file`` itself when absolute, else beside the rules file.

    A relative name that is not beside the rules file is looked up among the files shipped with
    samovar, so a copied rules file keeps using the shipped model until its own is put beside it.
    """
    path = Path(file)
    if path.is_absolute():
        return path
    beside = Path(source).parent / path
    if beside_only or beside.exists():
        return beside
    shipped = Path(str(resources.files(DEFAULT_PACKAGE) / path))
    return shipped if shipped.is_file() else beside


def named_model_files(path: str | Path) -> list[Path]:
    """The model files an enabled rule of this file names, without loading them ([] when the file is broken).

    A file that failed to load only because its model is not there yet is loaded once the model appears.
    """
    try:
        rules = validate(RulesFile, load_yaml_text(read_text(path), str(path)), str(path)).rules
    except ConfigError:
        return []
    return [model_path(str(path), rule.match.model.file) for rule in rules
            if rule.enabled and rule.match.model is not None]


def _validated(data: Any, source: str) -> list[Rule]:
    model = validate(RulesFile, data, source)
    problems = []
    for index in model.repeated_ids():
        line, col = position_of(data, ["rules", index, "id"])
        message = f"rules.{index}.id: '{model.rules[index].id}' is already used by another rule"
        problems.append(ConfigProblem(source, line, col, message))
    for index, entry in model.unknown_yields():
        line, col = position_of(data, ["rules", index, "yields_to", entry])
        message = f"rules.{index}.yields_to.{entry}: there is no rule '{model.rules[index].yields_to[entry]}' in this file"
        problems.append(ConfigProblem(source, line, col, message))
    for index in model.yield_cycles():
        line, col = position_of(data, ["rules", index, "yields_to"])
        message = (f"rules.{index}.yields_to: '{model.rules[index].id}' yields to rules that yield back to it, "
                   "so none of them would answer")
        problems.append(ConfigProblem(source, line, col, message))
    for index, rule in enumerate(model.rules):
        problem = _model_problem(rule, source)
        if problem:
            line, col = position_of(data, ["rules", index, "match", "model", "file"])
            problems.append(ConfigProblem(source, line, col, f"rules.{index}.match.model.file: {problem}"))
    if problems:
        raise ConfigError(problems)
    return model.rules


def _model_problem(rule: Rule, source: str) -> str | None:
    if rule.match.model is None:
        return None
    try:
        learned = LearnedModel.load(model_path(source, rule.match.model.file))
    except ModelFileError as exc:
        return str(exc)
    if learned.label != rule.id:
        return f"this model was trained for '{learned.label}', not for '{rule.id}'"
    return None
