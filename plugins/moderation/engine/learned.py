"""A learned second opinion for the care rule: logistic regression over word stems.

Phrase rules find the wordings they were written for; people in crisis keep
finding new ones. The care rule can also ask a small model trained on labelled
messages (``samovar rules train``). Each word of a message adds the weight of
its stem (numbers weigh nothing); a model trained with word pairs also adds the
weight of each two neighbouring stems ("sleep forever" is more than "sleep" and
"forever"), once the words alone give at least its ``pair_gate`` (most chat
lines stay below it, and pairs cost a lookup each). The sum gives a
probability between 0 and 1, compared with the threshold the rules file sets.

The model file is plain JSON, so a moderator can see which words weigh how much.
"""
from __future__ import annotations

import json
import math
from sys import intern
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import islice, repeat
from pathlib import Path
from typing import Any, Mapping, Sequence

import Stemmer

from .spellings import standard
from .text import script_of
from .token_cache import TokenCache

FORMAT = 1
_STEMMERS = {"ru": Stemmer.Stemmer("russian", 0), "en": Stemmer.Stemmer("english", 0)}  # no cache: ours is per model


class ModelFileError(ValueError):
    """A model file that cannot be read (the message says why)."""


def stem(word: str) -> str:
    """The stem of a lower-case word (a chat spelling read as its word), by the stemmer of its script."""
    word = standard(word)
    return _STEMMERS[script_of(word)].stemWord(word)


NEGATORS = frozenset({
    "not", "no", "never", "don't", "dont", "doesn't", "doesnt", "didn't", "didnt", "isn't", "isnt", "aren't",
    "arent", "wasn't", "wasnt", "weren't", "werent", "can't", "cant", "won't", "wont", "nobody", "nothing",
    "не", "ни", "нет", "никогда", "никто", "ничего",
})
NEGATION_REACH = 2  # words after a negator read as negated: "you're not lazy" -> ¬lazy
NEGATED = "¬"  # the mark of a negated stem in a model file
PAIR = " "  # joins the two stems of a word pair in a model file: "sleep forev"
NUMBER = "#"  # a number's place in a word pair: "6 floors" is the pair "# floor"
Pair = tuple[str, str]
PairWeights = dict[str, dict[str, float]]  # first stem -> second stem -> weight: no pair object to keep or to build
_NO_PAIRS: dict[str, float] = {}

STEMS: TokenCache[str] = TokenCache(stem, number=NUMBER)  # word -> stem, shared by every model


def split_weights(named: Mapping[str, float]) -> tuple[dict[str, float], PairWeights]:
    """Weights by their names in a model file, apart: stems, and word pairs ("sleep forev" -> ["sleep"]["forev"])."""
    stems: dict[str, float] = {}
    pairs: PairWeights = {}
    for name, weight in named.items():
        first, space, second = name.partition(PAIR)
        if space:  # stems are interned: all the models share them
            pairs.setdefault(intern(first), {})[intern(second)] = weight
        else:
            stems[intern(first)] = weight
    return stems, pairs


def pairs_of(words: Sequence[str]) -> "zip[Pair]":
    """The stems of each two neighbouring ``words`` (a number stands as ``#``)."""
    stems = list(map(STEMS.__getitem__, words))
    return zip(stems, islice(stems, 1, None))


def pair_sum(pair_weights: PairWeights, words: Sequence[str]) -> float:
    """The weights of the word pairs of ``words`` (see :func:`pairs_of`) that ``pair_weights`` knows, summed.

    Looked up first stem, then second: no pair tuple is made.
    """
    stems = list(map(STEMS.__getitem__, words))
    followers = map(pair_weights.get, stems, repeat(_NO_PAIRS))
    return sum(map(dict.get, followers, islice(stems, 1, None), repeat(0.0)))


def features(words: Sequence[str], negation: bool = False, pairs: bool = False) -> dict[str, int]:
    """Stem -> how many of ``words`` have it (numbers left out), in order of appearance.

    With ``negation``, the two words after a negator ("not", "не" ...) count as their own
    features, ``¬`` + stem: "you're not lazy" then differs from "you're lazy".
    With ``pairs``, so does each two neighbouring stems, joined by a space ("sleep forev"),
    whatever a negator says about them.
    """
    found: dict[str, int] = {}
    reach = 0
    for word in words:
        if word.isdigit():
            continue
        key = stem(word)
        if reach:
            key = NEGATED + key
            reach -= 1
        found[key] = found.get(key, 0) + 1
        if negation and word in NEGATORS:
            reach = NEGATION_REACH
    if pairs:
        for first, second in pairs_of(words):
            key = first + PAIR + second
            found[key] = found.get(key, 0) + 1
    return found


def sum_reading_negation(words: Sequence[str], plain: Mapping[str, Any], negated: Mapping[str, Any], start: Any) -> Any:
    """``start`` plus each word's weight: from ``negated`` for the words a negator reaches, else from ``plain``.

    As in :func:`features`, a negator reaches the ``NEGATION_REACH`` words after it, numbers left out.
    """
    total, reach = start, 0
    for word in words:
        if reach and not word.isdigit():
            total += negated[word]
            reach -= 1
        else:
            total += plain[word]
        if word in NEGATORS:
            reach = NEGATION_REACH
    return total


@dataclass(frozen=True)
class LearnedModel:
    """Weights of word stems (and of word pairs, in ``pair_weights``) for one label (``crisis``, ``judgment`` ...)."""

    label: str
    bias: float
    weights: dict[str, float]
    examples: int = 0
    negation: bool = False  # trained on :func:`features` with ``negation``
    pair_weights: PairWeights = field(default_factory=dict)  # trained with ``pairs``: stem -> next stem -> weight
    pair_gate: float = 0.0  # pairs weigh in once the words alone give this probability (0: always)
    after_negator: dict[str, float] = field(init=False, repr=False, compare=False)  # the ¬ stems, without the ¬
    _word_weights: TokenCache[float] = field(init=False, repr=False, compare=False)
    _negated_weights: TokenCache[float] = field(init=False, repr=False, compare=False)
    pairs_from: float = field(init=False, repr=False, compare=False)  # the gate as log-odds (inf without pairs)

    def __post_init__(self) -> None:
        if not 0.0 <= self.pair_gate <= 1.0:
            raise ValueError("pair_gate is a probability, between 0 and 1")
        gate = self.pair_gate
        object.__setattr__(self, "pairs_from", math.inf if not self.pair_weights or gate >= 1.0
                           else -math.inf if gate <= 0.0 else log_odds_of(gate))
        # Stems read after a negator ("¬lazi" in the file) are kept apart from the plain ones: a house rule's
        # 10,000-odd plain stems then stay under the size at which a dict doubles its table (10,922 keys).
        after_negator = {intern(name[len(NEGATED):]): weight for name, weight in self.weights.items()
                         if name.startswith(NEGATED)}
        if after_negator:
            object.__setattr__(self, "weights", {name: weight for name, weight in self.weights.items()
                                                 if not name.startswith(NEGATED)})
        object.__setattr__(self, "after_negator", after_negator)
        # The caches hold the weights, never the model itself: no reference cycle, so a replaced model is
        # freed as soon as nothing uses it (the bot freezes what start-up made; frozen cycles stay for good).
        weights = self.weights
        negated = after_negator if self.negation else weights
        object.__setattr__(self, "_word_weights", TokenCache(lambda word: weights.get(STEMS[word], 0.0), number=0.0))
        object.__setattr__(self, "_negated_weights", TokenCache(lambda word: negated.get(STEMS[word], 0.0), number=0.0))

    def score(self, words: Sequence[str]) -> float:
        """Probability (0..1) that a message with these lower-case ``words`` carries the label."""
        return sigmoid(self.log_odds(words))

    def log_odds(self, words: Sequence[str]) -> float:
        """The score before the logistic function (compare with :func:`log_odds_of`, it is cheaper)."""
        if not self.negation or NEGATORS.isdisjoint(words):
            total = self.bias + sum(map(self._word_weights.__getitem__, words))  # a known word: one lookup
        else:
            total = self.bias + sum_reading_negation(words, self._word_weights, self._negated_weights, 0.0)
        if total >= self.pairs_from:  # the words alone reach the pair gate (never, without pairs)
            total += pair_sum(self.pair_weights, words)
        return total

    def negated_weight(self, stem_: str) -> float:
        """The weight of ``stem_`` right after a negator (its plain weight for a model without negation)."""
        return (self.after_negator if self.negation else self.weights).get(stem_, 0.0)

    def heaviest(self, count: int = 20) -> list[tuple[str, float]]:
        """The ``count`` stems or pairs that raise the score most, heaviest first (``rules train`` shows them)."""
        return sorted(self.file_weights().items(), key=lambda item: -item[1])[:count]

    def file_weights(self) -> dict[str, float]:
        """Every weight by its name in the model file: stems, and pairs as two stems joined by a space."""
        return {**self.weights, **{NEGATED + name: weight for name, weight in self.after_negator.items()},
                **{first + PAIR + second: weight for first, followers in self.pair_weights.items()
                   for second, weight in followers.items()}}

    def feature_count(self) -> int:
        """How many stems, negated stems and word pairs the model weighs (the weights in its file)."""
        return len(self.weights) + len(self.after_negator) + sum(map(len, self.pair_weights.values()))

    def to_json(self) -> dict[str, Any]:
        """The file form: format, label, bias, example count and weights (sorted, rounded)."""
        data: dict[str, Any] = {"format": FORMAT, "label": self.label, "examples": self.examples,
                                "bias": round(self.bias, 4)}
        if self.negation:
            data["negation"] = True
        if self.pair_weights:
            data["pair_gate"] = self.pair_gate
        data["weights"] = {k: round(v, 4) for k, v in sorted(self.file_weights().items())}
        return data

    def save(self, path: str | Path) -> None:
        """Write the model as JSON (one file, UTF-8)."""
        Path(path).write_text(json.dumps(self.to_json(), ensure_ascii=False, indent=0) + "\n", encoding="utf-8")

    @classmethod
    def from_json(cls, data: Any) -> "LearnedModel":
        """Read the file form; :class:`ModelFileError` says what is wrong."""
        if not isinstance(data, dict) or data.get("format") != FORMAT:
            raise ModelFileError(f"not a samovar model file (expected \"format\": {FORMAT})")
        try:
            weights, pairs = split_weights({str(k): float(v) for k, v in data["weights"].items()})
            return cls(str(data["label"]), float(data["bias"]), weights, int(data.get("examples", 0)),
                       bool(data.get("negation", False)), pairs, float(data.get("pair_gate", 0.0)))
        except (KeyError, TypeError, ValueError, AttributeError) as exc:
            raise ModelFileError(f"the model file is incomplete or damaged ({exc.__class__.__name__}: {exc})") from None

    @classmethod
    def load(cls, path: str | Path) -> "LearnedModel":
        """Read a model file (cached while the file stays the same)."""
        resolved = Path(path).resolve()
        try:
            stat = resolved.stat()
        except OSError as exc:
            raise ModelFileError(f"cannot read the model file {path}: {exc.strerror}") from None
        return _load_cached(resolved, stat.st_mtime_ns, stat.st_size)


def log_odds_of(probability: float) -> float:
    """The log-odds of a probability strictly between 0 and 1 (a threshold as :meth:`LearnedModel.log_odds` sees it)."""
    return math.log(probability / (1.0 - probability))


def sigmoid(z: float) -> float:
    """The logistic function, clamped far from zero."""
    if z < -30:
        return 0.0
    if z > 30:
        return 1.0
    return 1.0 / (1.0 + math.exp(-z))


@lru_cache(maxsize=8)
def _load_cached(path: Path, mtime_ns: int, size: int) -> LearnedModel:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ModelFileError(f"cannot read the model file {path}: {exc}") from None
    return LearnedModel.from_json(data)

