"""The learned second opinions of a rules file, scored together: one dict lookup per word for all of them.

Every message is scored, so the cost is per word. Each word's weights in all the models are packed
into one Python integer, one field of ``FIELD_BITS`` bits per model, as whole units of
``1 / UNITS_PER_LOG_ODD``, each field lifted by ``LIFT`` so it never goes negative. Summing those
integers sums every model at once. Adding a constant that puts each model's threshold at the top
bit of its field then tells, with one ``&``, whether any model may have reached its threshold; only
then is that model scored exactly (with floats), so a verdict never depends on the packing.
A model that weighs word pairs (trained with ``--pairs``) adds them only once its words alone reach
its pair gate: its field is checked against the gate, and the pairs are looked up in the exact score.
"""
from __future__ import annotations

from typing import Sequence

from .learned import NEGATORS, STEMS, LearnedModel, sum_reading_negation
from .schema import Rule
from .token_cache import TokenCache

Opinion = tuple[Rule, LearnedModel, float]  # a rule, its model, its threshold as log-odds

FIELD_BITS = 32
UNITS_PER_LOG_ODD = 1 << 12
LIFT = 1 << 17  # added to every field of every word: weights are kept within +-LIFT / 2 units
_LARGEST_WEIGHT = (LIFT >> 1) / UNITS_PER_LOG_ODD  # 16 log-odds: far above any trained weight
_TOP = 1 << (FIELD_BITS - 1)
_MOST_WORDS = 1 << 13  # longer messages could overflow a field: they are scored model by model
_THRESHOLD_LIMIT = 1 << 28  # with the words' +-2**29 at most, a field stays within 0..2**32


class SecondOpinions:
    """The models of the enabled rules, with their thresholds; :meth:`reaching` says which ones a message reaches."""

    def __init__(self, opinions: Sequence[Opinion]) -> None:
        self.opinions = tuple(opinions)
        if not self.opinions:
            raise ValueError("no models to score")
        models = [model for _, model, _ in self.opinions]
        negation = any(model.negation for model in models)
        # Above the models' fields, the plain table counts negators: the sum then says whether to read negation.
        negators_at = len(models) * FIELD_BITS
        self._negators_at = negators_at if negation else None
        zero = _pack([0.0] * len(models))

        # A new word is stemmed once (STEMS, shared with the word pairs), not once per model.
        def plain(word: str) -> int:  # refers to neither the table nor self: replaced rules are freed at once
            stem_ = STEMS[word]
            return (_pack([model.weights.get(stem_, 0.0) for model in models])
                    + (1 << negators_at if negation and word in NEGATORS else 0))

        def after_negator(word: str) -> int:
            stem_ = STEMS[word]
            return _pack([model.negated_weight(stem_) for model in models])

        self._plain: TokenCache[int] = TokenCache(plain, number=zero)
        self._after_negator = TokenCache(after_negator, number=zero)
        # A weight the packing would clip (none trained here comes near) leaves every model to its own float sum.
        self._packable = all(abs(weight) <= _LARGEST_WEIGHT for model in models
                             for weight in (*model.weights.values(), *model.after_negator.values()))
        shifts = [index * FIELD_BITS for index in range(len(models))]
        # A field reaches its model's threshold when (sum - words * LIFT) >= (threshold - bias) in units.
        # Rounding moves each word by at most half a unit: allow one unit per word, then confirm exactly.
        # A model with word pairs is confirmed from its pair gate on: below it, the pairs are not added.
        self._reach = sum((_TOP - _threshold_units(min(threshold, model.pairs_from) - model.bias)) << shift
                          for (_, model, threshold), shift in zip(self.opinions, shifts))
        self._per_word = sum((LIFT - 1) << shift for shift in shifts)
        self._tops = sum(_TOP << shift for shift in shifts)
        self._fields = tuple(zip(self.opinions, (shift + FIELD_BITS - 1 for shift in shifts)))

    def reaching(self, words: Sequence[str]) -> list[tuple[Rule, float]]:
        """The rules whose model scores these lower-case ``words`` at or above its threshold, with the log-odds."""
        count = len(words)
        if count >= _MOST_WORDS or not self._packable:
            return self._each_alone(words)
        total = sum(map(self._plain.__getitem__, words))
        if self._negators_at is not None and total >> self._negators_at:
            total = self._sum_with_negation(words)
        reached = (total + self._reach - count * self._per_word) & self._tops
        if not reached:
            return []  # most messages
        found = []
        for (rule, model, threshold), top in self._fields:
            if reached >> top & 1:
                log_odds = model.log_odds(words)
                if log_odds >= threshold:
                    found.append((rule, log_odds))
        return found

    def reaches(self, rule: Rule, words: Sequence[str]) -> bool:
        """Whether ``rule``'s own model scores ``words`` at or above its threshold (False for a rule without one)."""
        return any(model.log_odds(words) >= threshold for owner, model, threshold in self.opinions if owner is rule)

    def _each_alone(self, words: Sequence[str]) -> list[tuple[Rule, float]]:
        scored = [(rule, model.log_odds(words), threshold) for rule, model, threshold in self.opinions]
        return [(rule, log_odds) for rule, log_odds, threshold in scored if log_odds >= threshold]

    def _sum_with_negation(self, words: Sequence[str]) -> int:
        total = sum_reading_negation(words, self._plain, self._after_negator, 0)
        return total & ((1 << self._negators_at) - 1) if self._negators_at is not None else total


def _units(log_odds: float) -> int:
    return round(max(-_LARGEST_WEIGHT, min(_LARGEST_WEIGHT, log_odds)) * UNITS_PER_LOG_ODD)


def _threshold_units(log_odds: float) -> int:
    """A model's distance from bias to threshold in units, kept where the fields cannot overflow.

    An endless distance (a pair gate of 0 or 1) is kept at the limit too.
    """
    return round(max(-_THRESHOLD_LIMIT, min(_THRESHOLD_LIMIT, log_odds * UNITS_PER_LOG_ODD)))


def _pack(weights: list[float]) -> int:
    return sum((LIFT + _units(weight)) << (index * FIELD_BITS) for index, weight in enumerate(weights))
