"""``samovar rules check TEXT``, ``samovar rules eval FILE.jsonl`` and ``samovar rules train FILE.jsonl...``.

``--config`` takes a rules file, or a samovar config file (then the rules file it
names in ``plugins.moderation.rules_file`` is used, else the packaged rules).
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

LANGUAGES = ("ru", "en")


def add_rules_command(subparsers: Any) -> None:
    """Add ``rules check``, ``rules eval`` and ``rules train`` to the ``samovar`` command."""
    rules = subparsers.add_parser("rules", help="check messages against the house rules, or evaluate the rules")
    sub = rules.add_subparsers(dest="rules_command", required=True)
    check = sub.add_parser("check", help="print the ids of the rules TEXT matches, as a JSON list")
    check.add_argument("text")
    check.add_argument("--lang", choices=LANGUAGES, help="language of TEXT (guessed when left out)")
    check.add_argument("--config", help="rules file, or a samovar config naming one (default: packaged rules)")
    check.set_defaults(func=cmd_rules_check)
    evaluate = sub.add_parser("eval", help="precision, recall and F1 per rule on a labelled JSONL file")
    evaluate.add_argument("file", help='one {"text": ..., "lang": "ru"|"en", "labels": [ids]} per line')
    evaluate.add_argument("--config", help="rules file, or a samovar config naming one (default: packaged rules)")
    evaluate.set_defaults(func=cmd_rules_eval)
    train = sub.add_parser("train", help="learn a rule's second-opinion model from labelled JSONL files")
    train.add_argument("files", nargs="+", help="labelled files, in the format of 'rules eval'")
    train.add_argument("--out", required=True, help="model file to write (JSON)")
    train.add_argument("--label", default="crisis", help="the label to learn (default: crisis)")
    train.add_argument("--negation", action="store_true",
                       help="read the two words after not/не apart, so that \"you're not lazy\" differs from \"you're lazy\"")
    train.add_argument("--pairs", action="store_true",
                       help="weigh each two neighbouring words too (\"sleep forever\" is more than its two words)")
    train.add_argument("--pair-gate", type=_probability, metavar="P",
                       help="with --pairs: weigh the pairs only once the words alone give this probability "
                            "(default 0.1; 0: always)")
    train.add_argument("--min-count", type=_positive_count, metavar="N",
                       help="leave out words seen in fewer than N training messages (default 2)")
    train.set_defaults(func=cmd_rules_train)


def _positive_count(text: str) -> int:
    """A whole number from 1 on, for argparse."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"{value} is less than 1")
    return value


def _probability(text: str) -> float:
    """A number from 0 to 1, for argparse."""
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number") from None
    if not 0.0 <= value <= 1.0:
        raise argparse.ArgumentTypeError(f"{text} is not between 0 and 1")
    return value


def rules_path(config: str | None) -> Path | None:
    """The rules file meant by ``--config`` (None: the packaged rules)."""
    if config is None:
        return None
    from samovar.core.yamlconf import load_yaml_file

    data = load_yaml_file(config)
    if isinstance(data, dict) and "rules" not in data and ("plugins" in data or "community" in data):
        plugins = data.get("plugins") or {}
        section = plugins.get("moderation") if isinstance(plugins, dict) else None
        rules_file = section.get("rules_file") if isinstance(section, dict) else None
        if not rules_file:
            return None
        from .settings import ModerationConfig

        return ModerationConfig(rules_file=str(rules_file)).rules_path(config)
    return Path(config)


def cmd_rules_check(args: argparse.Namespace) -> int:
    """Print the matching rule ids as JSON; exit 1 (with FILE:LINE:COL) for a broken rules file."""
    from .engine import ConfigError, rules_check_main

    try:
        ids = rules_check_main(args.text, args.lang, rules_path(args.config))
    except ConfigError as exc:
        print(exc, file=sys.stderr)
        return 1
    print(json.dumps(ids, ensure_ascii=False))
    return 0


def cmd_rules_eval(args: argparse.Namespace) -> int:
    """Print the evaluation report as JSON; exit 1 for a broken rules or examples file."""
    from .engine import ConfigError, rules_eval_main

    try:
        report = rules_eval_main(args.file, rules_path(args.config))
    except ConfigError as exc:
        print(exc, file=sys.stderr)
        return 1
    print(json.dumps(report, ensure_ascii=False, indent=2))
    return 0


def cmd_rules_train(args: argparse.Namespace) -> int:
    """Train, write the model file, print a JSON summary with cross-validated figures per threshold."""
    from .engine import ConfigError, read_examples
    from .engine.training import TrainingSettings, cross_validate, train

    try:
        examples = [example for path in args.files for example in read_examples(path)]
    except ConfigError as exc:
        print(exc, file=sys.stderr)
        return 1
    try:
        chosen = {"pair_gate": args.pair_gate, "min_count": args.min_count}
        settings = TrainingSettings(negation=args.negation, pairs=args.pairs,
                                    **{name: value for name, value in chosen.items() if value is not None})
        model = train(examples, args.label, settings)
    except ValueError as exc:
        print(f"cannot train: {exc}", file=sys.stderr)
        return 1
    try:
        model.save(args.out)
    except OSError as exc:
        print(f"cannot write {args.out}: {exc.strerror}", file=sys.stderr)
        return 1
    summary = {"out": args.out, "label": args.label, "examples": len(examples),
               "with_label": sum(args.label in e["labels"] for e in examples),
               "features": model.feature_count(),
               "heaviest": dict(model.heaviest(15)), "cross_validated": cross_validate(examples, args.label, settings=settings)}
    print(json.dumps(summary, ensure_ascii=False, indent=2))
    return 0
