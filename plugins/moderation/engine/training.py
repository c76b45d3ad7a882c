"""Training a rule's learned model from labelled messages (``samovar rules train``).

Logistic regression with AdaGrad steps and a little L2, over the stem counts of
:func:`learned.features`. Deterministic: the same examples give the same model.
Features seen in fewer than ``min_count`` messages are left out, so that a word
that happened to appear once in a labelled example does not become a trigger
(word pairs: fewer than ``pair_min_count``).
"""
from __future__ import annotations

import math
import random
from dataclasses import dataclass
from typing import Any, Mapping, Sequence

from .learned import PAIR, LearnedModel, features, sigmoid, split_weights
from .text import normalise, tokens


@dataclass(frozen=True)
class TrainingSettings:
    """How hard and how carefully to learn."""

    epochs: int = 20
    step: float = 0.1
    l2: float = 1e-4
    min_count: int = 2
    seed: int = 0
    smallest_weight: float = 0.005  # lighter weights are dropped from the file
    negation: bool = False  # the two words after "not"/"не" count as their own features (see learned.features)
    pairs: bool = False  # each two neighbouring stems count as a feature too (see learned.features)
    pair_min_count: int = 3  # a pair is rarer than a word: it must be seen in this many messages
    pair_gate: float = 0.1  # pairs weigh in once the words alone give this probability (see LearnedModel)


def train(examples: Sequence[Mapping[str, Any]], label: str, settings: TrainingSettings = TrainingSettings()) -> LearnedModel:
    """A model that tells messages labelled ``label`` from the others (examples as ``samovar rules eval`` reads them)."""
    rows = [(features(tokens(normalise(example["text"])), settings.negation, settings.pairs), label in example["labels"])
            for example in examples]
    if not any(y for _, y in rows) or all(y for _, y in rows):
        raise ValueError(f"training needs messages with and without the label {label!r}")
    seen: dict[str, int] = {}
    for found, _ in rows:
        for feature in found:
            seen[feature] = seen.get(feature, 0) + 1

    def common(feature: str) -> bool:
        return seen[feature] >= (settings.pair_min_count if PAIR in feature else settings.min_count)

    rows = [({f: n for f, n in found.items() if common(f)}, y) for found, y in rows]
    weights: dict[str, float] = {}
    squares: dict[str, float] = {}
    bias, bias_square = 0.0, 1e-8
    order = list(range(len(rows)))
    shuffle = random.Random(settings.seed).shuffle
    for _ in range(settings.epochs):
        shuffle(order)
        for index in order:
            found, wanted = rows[index]
            z = bias + sum(weights.get(f, 0.0) * n for f, n in found.items())
            error = sigmoid(z) - (1.0 if wanted else 0.0)
            for feature, count in found.items():
                current = weights.get(feature, 0.0)
                gradient = error * count + settings.l2 * current
                squares[feature] = squares.get(feature, 1e-8) + gradient * gradient
                weights[feature] = current - settings.step * gradient / math.sqrt(squares[feature])
            bias_square += error * error
            bias -= settings.step * error / math.sqrt(bias_square)
    kept = {f: w for f, w in weights.items() if abs(w) >= settings.smallest_weight}
    words, pairs = split_weights(kept)
    return LearnedModel(label, bias, words, examples=len(rows), negation=settings.negation, pair_weights=pairs,
                        pair_gate=settings.pair_gate if pairs else 0.0)


def cross_validate(examples: Sequence[Mapping[str, Any]], label: str, folds: int = 5,
                   thresholds: Sequence[float] = (0.5, 0.6, 0.7, 0.8, 0.9),
                   settings: TrainingSettings = TrainingSettings()) -> dict[str, dict[str, float]]:
    """Precision and recall of the model alone at each threshold, each example scored by a model that never saw it.

    A fold whose other examples lack messages with (or without) the label cannot train and is
    left out; with none left, the report is empty.
    """
    order = list(range(len(examples)))
    random.Random(settings.seed).shuffle(order)
    scored: list[tuple[float, bool]] = []
    for fold in range(folds):
        held = set(order[fold::folds])
        try:
            model = train([examples[i] for i in order if i not in held], label, settings)
        except ValueError:
            continue
        scored += [(model.score(tokens(normalise(examples[i]["text"]))), label in examples[i]["labels"]) for i in held]
    if not scored:
        return {}
    report = {}
    for threshold in thresholds:
        tp = sum(1 for score, wanted in scored if wanted and score >= threshold)
        fp = sum(1 for score, wanted in scored if not wanted and score >= threshold)
        fn = sum(1 for score, wanted in scored if wanted and score < threshold)
        report[f"{threshold:.2f}"] = {"precision": round(tp / (tp + fp), 4) if tp + fp else 0.0,
                                      "recall": round(tp / (tp + fn), 4) if tp + fn else 0.0}
    return report
