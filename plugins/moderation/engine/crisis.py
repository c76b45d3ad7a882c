"""The care rule (``crisis``): how its matches are accepted and which resources it offers.

A care rule is never a violation. It is checked in every language it lists,
whatever language the message was tagged with, because missing someone in
crisis costs far more than a needless kind message. Critical-mention cues are
off for it by default ("I don't want to live" is itself a negation); instead its
``unless`` phrases rule out idioms such as "dying of laughter".
"""
from __future__ import annotations

from typing import Sequence

from .results import CareSignal, Match
from .schema import Resource, Rule

CRISIS_ID = "crisis"
SOMEONE_ELSE = "someone else"  # a match's mention: the crisis words are someone else's, told by a worried member


def is_care(rule: Rule) -> bool:
    """True for a care rule (``kind: care``)."""
    return rule.kind == "care"


def care_is_on(rules: Sequence[Rule]) -> bool:
    """Whether some care rule is switched on (without one, signs of crisis go unanswered)."""
    return any(is_care(rule) and rule.enabled for rule in rules)


def language_accepted(rule: Rule, phrase_lang: str, message_lang: str) -> bool:
    """Whether a hit in ``phrase_lang`` counts for a message in ``message_lang``."""
    if phrase_lang not in rule.languages:
        return False
    return is_care(rule) or phrase_lang == message_lang


def resources_for(rule: Rule, lang: str, country: str | None = None) -> list[Resource]:
    """The help resources of a care rule for ``lang`` (``country`` ones first)."""
    if rule.resources is None:
        return []
    return rule.resources.for_language(lang, country)


def care_signal(
    rules: Sequence[Rule], matches: Sequence[Match], lang: str, country: str | None = None
) -> CareSignal | None:
    """The care signal among ``matches`` (the first care rule that matched), or None."""
    for rule in rules:
        if not is_care(rule):
            continue
        found = tuple(m for m in matches if m.rule_id == rule.id)
        if found:
            return CareSignal(rule, found, tuple(resources_for(rule, lang, country)))
    return None
