"""The rules file, as pydantic models (unknown keys are mistakes, reported with file:line:col).

A rules file is a list of rules. Each rule says what it matches (phrases and
regexes per language), where it applies, who is exempt, what the member is told
and how the response grows when the same member repeats it within a window.
A ``kind: care`` rule (``crisis``) is never a violation: its only response is
care (a private warm message with help resources) and an alert to moderators.
"""
from __future__ import annotations

import re
from datetime import timedelta
from typing import Annotated, Iterable, Literal

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, model_validator

from .phrases import check_phrase, check_together

Language = Literal["ru", "en"]
ActionName = Literal["nudge", "remind", "alert_moderators", "delete", "timeout", "care"]
VIOLATION_ACTIONS = frozenset({"nudge", "remind", "alert_moderators", "delete", "timeout"})
CARE_ACTIONS = frozenset({"care", "alert_moderators"})
LONGEST_TIMEOUT = timedelta(days=28)  # the longest timeout Discord allows

_DURATION = re.compile(r"^\s*(\d+)\s*([smhdw])\s*$")
_UNITS = {"s": "seconds", "m": "minutes", "h": "hours", "d": "days", "w": "weeks"}


def _duration(value: object) -> object:
    if isinstance(value, str):
        found = _DURATION.match(value)
        if not found:
            raise ValueError("write a number and a unit: 30s, 10m, 2h, 7d or 1w")
        return timedelta(**{_UNITS[found.group(2)]: int(found.group(1))})
    return value


def _regex(value: str) -> str:
    try:
        re.compile(value)
    except re.error as exc:
        raise ValueError(f"this regex does not compile: {exc}") from None
    return value


def _phrase(value: str) -> str:
    problem = check_phrase(value)
    if problem:
        raise ValueError(problem)
    return value


def _together(value: str) -> str:
    problem = check_together(value)
    if problem:
        raise ValueError(problem)
    return value


Duration = Annotated[timedelta, BeforeValidator(_duration)]
Together = Annotated[str, AfterValidator(_together)]
Regex = Annotated[str, AfterValidator(_regex)]
Phrase = Annotated[str, AfterValidator(_phrase)]


class Strict(BaseModel):
    """Base for every section of the file: unknown keys are errors."""

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)


class Texts(Strict):
    """The same text in each language."""

    ru: str = Field(min_length=1)
    en: str = Field(min_length=1)

    def get(self, lang: str) -> str:
        """The text in ``lang`` (English when the language is unknown)."""
        return self.ru if lang == "ru" else self.en


class PhraseLists(Strict):
    """Phrases per language."""

    ru: list[Phrase] = []
    en: list[Phrase] = []


class TogetherLists(Strict):
    """Words that count when they all stand in one sentence, per language."""

    ru: list[Together] = []
    en: list[Together] = []


class RegexLists(Strict):
    """Regexes per language (searched in the lower-cased message, ``ё`` written as ``е``)."""

    ru: list[Regex] = []
    en: list[Regex] = []


class LearnedCheck(Strict):
    """A learned model whose verdict counts when none of the rule's phrases matched (``samovar rules train`` makes one)."""

    file: str = Field(min_length=1, description="model file, relative to the rules file")
    threshold: float = Field(gt=0, lt=1, description="score from which the message counts (0..1)")
    sentence_threshold: float | None = Field(
        default=None, gt=0, lt=1,
        description="care rule only: score from which one sentence of a longer message counts on its own (0..1)")


class Matching(Strict):
    """What a rule looks for."""

    phrases: PhraseLists = PhraseLists()
    together: TogetherLists = TogetherLists()
    regexes: RegexLists = RegexLists()
    unless: PhraseLists = PhraseLists()
    model: LearnedCheck | None = None
    together_within: Literal["sentence", "message"] = "sentence"
    skip_critical_mentions: bool = True
    skip_quoted: bool = True

    def languages_used(self) -> set[str]:
        """Languages that have at least one phrase or regex."""
        used = set()
        for lang in ("ru", "en"):
            if getattr(self.phrases, lang) or getattr(self.together, lang) or getattr(self.regexes, lang):
                used.add(lang)
        return used


class Applies(Strict):
    """Where a rule is checked."""

    rooms: Literal["all"] | list[str] = "all"
    only_replies: bool = False


class Exempt(Strict):
    """Who and where a rule is not checked."""

    roles: list[str] = []
    rooms: list[str] = []


class Step(Strict):
    """One rung of the ladder: from the ``after``-th time within the window, do these actions."""

    after: int = Field(ge=1)
    actions: list[ActionName] = Field(alias="do", min_length=1)


class Actions(Strict):
    """The response ladder of a rule."""

    window: Duration = timedelta(days=7)
    timeout: Duration | None = None
    ladder: list[Step] = Field(min_length=1)

    @model_validator(mode="after")
    def _ladder_is_sensible(self) -> "Actions":
        afters = [step.after for step in self.ladder]
        if afters != sorted(set(afters)):
            raise ValueError("ladder steps must have growing 'after' counts (1, then 3, then 5 ...)")
        uses_timeout = any("timeout" in step.actions for step in self.ladder)
        if uses_timeout and self.timeout is None:
            raise ValueError("a ladder with 'timeout' needs 'timeout: <duration>', e.g. timeout: 10m")
        if self.timeout is not None and self.timeout > LONGEST_TIMEOUT:
            raise ValueError("timeout can be at most 28d")
        return self

    def step_for(self, count: int) -> Step | None:
        """The step for the ``count``-th occurrence within the window (None before the first step)."""
        chosen = None
        for step in self.ladder:
            if step.after <= count:
                chosen = step
        return chosen


class Resource(Strict):
    """One place to get help."""

    name: str = Field(min_length=1)
    contact: str = Field(min_length=1)
    where: str = Field(min_length=2, description="country code such as RU, or 'international'")
    hours: str | None = None


class Resources(Strict):
    """Help resources per language, with a flag for the moderators who checked them."""

    reviewed: bool = False
    ru: list[Resource] = []
    en: list[Resource] = []

    def for_language(self, lang: str, country: str | None = None) -> list[Resource]:
        """Resources in ``lang``: the ``country`` ones first, then international ones."""
        items = self.ru if lang == "ru" else self.en
        if country is None:
            return list(items)
        local = [r for r in items if r.where.upper() == country.upper()]
        return local + [r for r in items if r.where.upper() != country.upper()]


class Rule(Strict):
    """One house rule (or the care rule)."""

    id: str = Field(pattern=r"^[a-z0-9][a-z0-9-]*$")
    kind: Literal["rule", "care"] = "rule"
    enabled: bool = True
    explanation: Texts
    suggestion: Texts | None = None
    languages: list[Language] = Field(min_length=1)
    match: Matching
    applies: Applies = Applies()
    exempt: Exempt = Exempt()
    actions: Actions
    resources: Resources | None = None
    yields_to: list[str] = Field(
        default=[], description="rules that take the message instead: when one of them counts, this rule keeps quiet")

    @model_validator(mode="after")
    def _kind_is_consistent(self) -> "Rule":
        used = self.match.languages_used()
        if not used:
            raise ValueError("match needs at least one phrase, together entry or regex")
        if used - set(self.languages):
            missing = ", ".join(sorted(used - set(self.languages)))
            raise ValueError(f"phrases or regexes for {missing}, which is not in 'languages'")
        actions = {a for step in self.actions.ladder for a in step.actions}
        if self.id in self.yields_to:
            raise ValueError("a rule cannot yield to itself: list other rules' ids in 'yields_to'")
        if self.kind == "care":
            if self.resources is None:
                raise ValueError("a care rule needs 'resources'")
            if actions - CARE_ACTIONS:
                raise ValueError("a care rule can only use the actions: care, alert_moderators")
            if self.yields_to:
                raise ValueError("a care rule never keeps quiet: remove 'yields_to'")
            if self.exempt.rooms or self.exempt.roles or self.applies != Applies():
                raise ValueError("a care rule answers signs of crisis in every room, for everyone: remove 'exempt' "
                                 "and 'applies' (to keep a house rule out of a room, exempt that house rule)")
        else:
            if self.match.model is not None and self.match.model.sentence_threshold is not None:
                raise ValueError("'sentence_threshold' belongs to the model of a care rule (kind: care): a house "
                                 "rule's model reads the whole message")
            if self.suggestion is None:
                raise ValueError("a rule needs a 'suggestion' (what to say instead)")
            if self.resources is not None:
                raise ValueError("'resources' belong to a care rule (kind: care)")
            if "care" in actions:
                raise ValueError("'care' is the action of a care rule (kind: care)")
        return self

    def applies_to(self, room: str, roles: Iterable[str] = (), replying_to_share: bool = True) -> bool:
        """Whether this rule is checked for a message in ``room`` by a member with ``roles``."""
        if not self.enabled or room in self.exempt.rooms:
            return False
        if set(roles) & set(self.exempt.roles):
            return False
        if self.applies.rooms != "all" and room not in self.applies.rooms:
            return False
        return replying_to_share or not self.applies.only_replies


class RulesFile(Strict):
    """The whole rules file."""

    rules: list[Rule] = Field(min_length=1)

    def repeated_ids(self) -> list[int]:
        """Indices of rules whose id was already used by an earlier rule."""
        seen: set[str] = set()
        repeated = []
        for index, rule in enumerate(self.rules):
            if rule.id in seen:
                repeated.append(index)
            seen.add(rule.id)
        return repeated

    def unknown_yields(self) -> list[tuple[int, int]]:
        """``(rule index, entry index)`` of each ``yields_to`` entry that names no rule of the file."""
        ids = {rule.id for rule in self.rules}
        return [(index, entry) for index, rule in enumerate(self.rules)
                for entry, other in enumerate(rule.yields_to) if other not in ids]

    def yield_cycles(self) -> list[int]:
        """Indices of rules that, through ``yields_to``, end up yielding to themselves (none would answer)."""
        yields = {rule.id: set(rule.yields_to) for rule in self.rules}
        cyclic = []
        for index, rule in enumerate(self.rules):
            seen: set[str] = set()
            waiting = list(yields[rule.id])
            while waiting:
                other = waiting.pop()
                if other not in seen:
                    seen.add(other)
                    waiting.extend(yields.get(other, ()))
            if rule.id in seen:
                cyclic.append(index)
        return cyclic
