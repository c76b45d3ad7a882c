"""A loaded, compiled rules file: ``RuleSet.load(path).check(text, lang)``."""
from __future__ import annotations

import re
from dataclasses import replace
from functools import lru_cache
from importlib import resources
from itertools import repeat
from pathlib import Path
from typing import Sequence

from samovar.core.yamlconf import read_text

from .care_guard import CareGuard
from .crisis import care_signal, is_care, language_accepted
from .cueset import load_cues
from .guard import MentionGuard, surface_words
from .learned import LearnedModel, log_odds_of, sigmoid
from .opinions import SecondOpinions
from .matcher import PhraseEntry, PhraseHit, PhraseMatcher
from .wordcodes import WIDTH
from .results import CareSignal, Match
from .rules_file import DEFAULT_FILE, DEFAULT_PACKAGE, model_path, valid_rules
from .schema import Rule
from .text import LANGUAGES, Layout, detect_language, ends_a_sentence, normalise, sentence_tokens, tokens

SENTENCES_FROM_WORDS = 20  # a shorter message is read as a whole only: its sentences are most of it

_Regex = tuple[Rule, str, re.Pattern[str]]
_SEARCH = re.Pattern.search


class RuleSet:
    """The enabled rules of one rules file, compiled for fast checking."""

    def __init__(self, rules: Sequence[Rule], source: str = "<rules>") -> None:
        self.source = source
        self.rules: tuple[Rule, ...] = tuple(rules)
        self._enabled = tuple(rule for rule in self.rules if rule.enabled)
        self._by_id = {rule.id: rule for rule in self._enabled}
        self._order = {rule.id: index for index, rule in enumerate(self._enabled)}
        entries = [
            PhraseEntry(rule.id, lang, phrase, unless, together)
            for rule in self._enabled
            for unless, together, lists in (
                (False, False, rule.match.phrases),
                (True, False, rule.match.unless),
                (False, True, rule.match.together),
            )
            for lang in LANGUAGES
            for phrase in getattr(lists, lang)
        ]
        self._matcher = PhraseMatcher(entries)
        self._regexes = {lang: self._compile_regexes(lang) for lang in LANGUAGES}
        self._patterns = {lang: tuple(regex for _, _, regex in regexes) for lang, regexes in self._regexes.items()}
        cues = load_cues()
        self._guard = MentionGuard(cues)
        self._care_guard = CareGuard(cues)
        learned = [
            (rule, LearnedModel.load(model_path(source, rule.match.model.file)), log_odds_of(rule.match.model.threshold))
            for rule in self._enabled if rule.match.model is not None
        ]
        self._opinions = SecondOpinions(learned) if learned else None
        self._by_sentence = [  # care rules whose model also reads each sentence of a longer message on its own
            (rule, model, log_odds_of(rule.match.model.sentence_threshold)) for rule, model, _ in learned
            if rule.match.model is not None and rule.match.model.sentence_threshold is not None
        ]
        self._yields = {rule.id: frozenset(rule.yields_to) for rule in self._enabled if rule.yields_to}

    # --- loading -------------------------------------------------------------

    @classmethod
    def load(cls, path: str | Path) -> "RuleSet":
        """Load and compile a rules file; a mistake raises :class:`ConfigError` (PATH:LINE:COL)."""
        return cls.from_text(read_text(path), str(path))

    @classmethod
    def from_text(cls, text: str, source: str = "<rules>") -> "RuleSet":
        """Load rules from YAML text (``source`` names it in error messages)."""
        return cls(valid_rules(text, source), source)

    @staticmethod
    def check_file(path: str | Path) -> list[Rule]:
        """Read and validate a rules file without compiling it (``samovar check-config``).

        A mistake raises :class:`ConfigError` (PATH:LINE:COL), as :meth:`load` would.
        """
        return valid_rules(read_text(path), str(path))

    @classmethod
    def from_default(cls) -> "RuleSet":
        """The default rules shipped with samovar (``samovar.config/rules.yaml``), compiled once."""
        return _default_ruleset()

    # --- checking ------------------------------------------------------------

    def model_files(self, beside_only: bool = False) -> list[Path]:
        """The learned-model files the enabled rules use (``beside_only``: where they go beside the rules file)."""
        if self._opinions is None:
            return []
        return [model_path(self.source, rule.match.model.file, beside_only)  # every opinion's rule has a model
                for rule, _, _ in self._opinions.opinions]

    def rule(self, rule_id: str) -> Rule:
        """The rule with this id (KeyError if there is none or it is disabled)."""
        return self._by_id[rule_id]

    def check(self, text: str, lang: str | None = None) -> list[Match]:
        """Matches that count in ``text`` (``lang`` "ru"/"en", guessed when None), in rule order."""
        found = self.inspect(text, lang)
        return [match for match in found if match.mention is None] if found else found

    def check_ids(self, text: str, lang: str | None = None) -> list[str]:
        """Ids of the rules that ``text`` breaks or that call for care, in rule order."""
        ids: list[str] = []
        for match in self.check(text, lang):
            if match.rule_id not in ids:
                ids.append(match.rule_id)
        return ids

    def care(self, text: str, lang: str | None = None, country: str | None = None) -> CareSignal | None:
        """The care signal of ``text`` with resources for ``lang``/``country``, or None."""
        lang = self._language(normalise(text), lang)
        return care_signal(self._enabled, self.check(text, lang), lang, country)

    def inspect(self, text: str, lang: str | None = None) -> list[Match]:
        """Every match, including mentions that do not count (their ``mention`` says why)."""
        normalised = normalise(text)
        lang = detect_language(normalised, lowered=True) if lang is None else self._language(normalised, lang)
        words = tokens(normalised)
        matcher = self._matcher
        line = matcher.code_line(words)
        hits = matcher.find(line)
        found = ([(rule, pattern, m) for rule, pattern, regex in self._regexes[lang] if (m := regex.search(normalised))]
                 if any(map(_SEARCH, self._patterns[lang], repeat(normalised))) else [])  # most messages: no regex hit
        judged = found or (hits and any(self._may_count(hit, line) for hit in hits))  # most messages: no hit
        matches = self._judge(text, normalised, lang, words, hits, found) if judged else []
        if self._opinions is not None and words:
            for rule, log_odds in self._opinions.reaching(words):  # counts only where the rule's phrases found nothing
                if matches and any(m.rule_id == rule.id for m in matches):
                    continue
                if is_care(rule) or self._learned_counts(rule, normalised, lang):
                    self._add_learned(matches, text, lang, rule, log_odds, words)
            if self._by_sentence and len(words) >= SENTENCES_FROM_WORDS and ends_a_sentence(normalised):
                self._add_sentence_verdicts(matches, text, normalised, lang, words)
        return _yielded(matches, self._yields) if self._yields and len(matches) > 1 else matches

    # --- internals -----------------------------------------------------------

    def _language(self, text: str, lang: str | None) -> str:
        if lang is None:
            return detect_language(text, lowered=True)
        if lang not in LANGUAGES:
            raise ValueError(f"unknown language {lang!r}: use one of {', '.join(LANGUAGES)}")
        return lang

    def _learned_counts(self, rule: Rule, normalised: str, lang: str) -> bool:
        """Whether a nudging rule's model verdict stands: the message is written in one of the rule's languages
        and, when the rule skips quotations, the words outside them reach the threshold on their own."""
        if lang not in rule.languages or detect_language(normalised, lowered=True) != lang:
            return False  # as for phrases: a violation counts in the language the message is written in
        quotations = Layout.of(normalised).quotations if rule.match.skip_quoted else ()
        if not quotations:
            return True
        assert self._opinions is not None
        outside = " ".join(normalised[start:end] for start, end in _gaps(quotations, len(normalised)))
        return self._opinions.reaches(rule, tokens(outside))

    def _add_learned(self, matches: list[Match], text: str, lang: str, rule: Rule, log_odds: float,
                     words: list[str], found_by: str = "learned model") -> None:
        """The whole message as a match of ``rule``, found by its learned model.

        As for a phrase, a care rule's verdict does not count in a message that tells of a crisis that is over.
        """
        mention = "recovered" if is_care(rule) and self._care_guard.told_as_past(lang, surface_words(words)) else None
        matches.append(Match(rule.id, 0, len(text), text, f"{found_by} ({sigmoid(log_odds):.2f})", lang, mention))
        matches.sort(key=lambda m: self._order[m.rule_id])

    def _add_sentence_verdicts(self, matches: list[Match], text: str, normalised: str, lang: str,
                               words: list[str]) -> None:
        """A care rule's model verdict on each sentence of a longer message, where nothing else of that rule counted.

        One sentence of crisis among talk of work and the weather ("... i've decided how and when. anyway
        the cat is ill") weighs little beside the rest of the message; read alone, it reaches the model's
        ``sentence_threshold`` (set higher than its ``threshold``: a sentence is short and says less).
        """
        sentences = sentence_tokens(normalised)
        if not sentences:
            return
        for rule, model, threshold in self._by_sentence:
            if any(m.rule_id == rule.id for m in matches):
                continue
            best = max(model.log_odds(sentence) for sentence in sentences)
            if best >= threshold:
                self._add_learned(matches, text, lang, rule, best, words, "learned model, one sentence")

    def _compile_regexes(self, lang: str) -> list[_Regex]:
        compiled = []
        for rule in self._enabled:
            for regex_lang in LANGUAGES:
                if regex_lang == lang or (is_care(rule) and regex_lang in rule.languages):
                    for pattern in getattr(rule.match.regexes, regex_lang):
                        compiled.append((rule, pattern, re.compile(pattern)))
        return compiled

    def _may_count(self, hit: PhraseHit, line: str) -> bool:
        """Whether a phrase hit can give a match: not an ``unless`` phrase, and for a ``together`` entry,
        every other part stands somewhere in the message's code ``line``. Most hits in ordinary chat are
        one part of a ``together`` entry alone; they need no layout, guard or judgment."""
        if hit.entry.unless:
            return False
        return not hit.entry.together or all(
            any(code in line for code in codes) for codes in self._matcher.companions(hit.entry_index))

    def _judge(
        self,
        text: str,
        normalised: str,
        lang: str,
        words: list[str],
        hits: list[PhraseHit],
        found: list[tuple[Rule, str, re.Match[str]]],
    ) -> list[Match]:
        layout = Layout.of(normalised)
        surface = surface_words(words)
        token_of = self._matcher.word_tokens(words)
        excluded = [(h.entry.rule_id, h.start, h.end) for h in hits if h.entry.unless]
        excluded_tokens = [(r, token_of[s], token_of[e - 1]) for r, s, e in excluded]
        matches: dict[tuple[str, int, int], Match] = {}
        for hit in hits:
            rule = self._by_id[hit.entry.rule_id]
            if hit.entry.unless or not language_accepted(rule, hit.entry.lang, lang):
                continue
            if any(r == rule.id and s < hit.end and hit.start < e for r, s, e in excluded):
                continue
            lexicon = self._matcher.lexicon
            if not all(lexicon.can_be_command(words[token_of[w]], hit.infinitive_too) for w in hit.commands):
                continue
            first, last = token_of[hit.start], token_of[hit.end - 1]
            if hit.entry.together:
                unless = [(s, e) for r, s, e in excluded_tokens if r == rule.id]
                span = self._together_span(hit, words, layout, first, rule.match.together_within == "message", unless)
                if span is None:
                    continue
                first, last = span
            story_last = last if hit.entry.together else _within_first_sentence(layout, first, last)
            self._add(matches, text, lang, rule, hit.entry.text, hit.entry.lang, surface, layout, first, last,
                      story_last)
        for rule, pattern, regex_match in found:
            inside = layout.words_between(*regex_match.span()) or [
                i for i, (s, e) in enumerate(layout.spans) if s < regex_match.end() and e > regex_match.start()
            ]
            if any(r == rule.id and inside and s <= inside[-1] and inside[0] <= e for r, s, e in excluded_tokens):
                continue  # inside one of the rule's ``unless`` phrases
            if inside:
                self._add(matches, text, lang, rule, pattern, lang, surface, layout, inside[0], inside[-1])
            else:
                start, end = regex_match.span()
                matches.setdefault((rule.id, start, end), Match(rule.id, start, end, text[start:end], pattern, lang))
        return _outermost(sorted(matches.values(), key=lambda m: (self._order[m.rule_id], m.start, -m.end)))

    def _together_span(self, hit: PhraseHit, words: list[str], layout: Layout, anchor: int,
                       whole_message: bool, unless: list[tuple[int, int]]) -> tuple[int, int] | None:
        """First and last token of a ``together`` entry whose parts all stand in the anchor's sentence (or message),
        each part at its first place outside the rule's ``unless`` phrases (token spans ``unless``)."""
        if whole_message:
            sentence = list(range(len(words)))
        else:
            sentence = layout.words_between(*layout.piece_of(layout.sentences, layout.spans[anchor][0]))
        code = self._matcher.code
        owners = [token for token in sentence for _ in range(len(code(words[token])) // WIDTH)]
        line = "".join([code(words[token]) for token in sentence])
        first = last = anchor
        for codes in self._matcher.companions(hit.entry_index):
            places = sorted((at, owners[at // WIDTH], owners[(at + len(c)) // WIDTH - 1])
                            for c in codes for at in _places(line, c))
            free = [(start, end) for _, start, end in places if not any(s <= end and start <= e for s, e in unless)]
            if not free:
                return None  # missing, or only inside an ``unless`` phrase ("no way out of this meeting")
            start, end = free[0]
            first, last = min(first, start), max(last, end)
        return first, last

    def _add(
        self,
        matches: dict[tuple[str, int, int], Match],
        text: str,
        lang: str,
        rule: Rule,
        phrase: str,
        phrase_lang: str,
        surface: list[str],
        layout: Layout,
        first: int,
        last: int,
        story_last: int | None = None,
    ) -> None:
        """Record the match of words ``first..last``; the care guard reads words ``first..story_last``
        (default ``last``): a phrase read across a full stop ("... planning how to end it. today i'm okay")
        belongs to the sentence it starts in."""
        start, end = layout.spans[first][0], layout.spans[last][1]
        mention = None
        if rule.match.skip_critical_mentions:
            mention = self._guard.reason(phrase_lang, surface, layout, first, last, rule.match.skip_quoted, phrase)
        elif rule.match.skip_quoted and layout.is_quoted(start, end):
            mention = "quoted"
        if mention is None and is_care(rule):
            mention = self._care_guard.mention(phrase_lang, surface, layout, first, last,
                                               last if story_last is None else story_last)
        current = matches.get((rule.id, start, end))
        if current is None or (current.mention is not None and mention is None):
            matches[(rule.id, start, end)] = Match(rule.id, start, end, text[start:end], phrase, phrase_lang, mention)


def _places(line: str, code: str) -> list[int]:
    """Every place where ``code`` stands in a code ``line`` (always on a word: see :mod:`.wordcodes`)."""
    places = []
    at = line.find(code)
    while at >= 0:
        places.append(at)
        at = line.find(code, at + WIDTH)
    return places


def _within_first_sentence(layout: Layout, first: int, last: int) -> int:
    """The last of words ``first..last`` that stands in the sentence of word ``first``."""
    sentence_end = layout.piece_of(layout.sentences, layout.spans[first][0])[1]
    while last > first and layout.spans[last][1] > sentence_end:
        last -= 1
    return last


def _gaps(spans: Sequence[tuple[int, int]], length: int) -> list[tuple[int, int]]:
    """The stretches of ``0..length`` outside the sorted, non-overlapping ``spans``."""
    gaps, position = [], 0
    for start, end in spans:
        gaps.append((position, start))
        position = end
    gaps.append((position, length))
    return gaps


def _yielded(matches: list[Match], yields: dict[str, frozenset[str]]) -> list[Match]:
    """``matches`` where a rule that yields to another counting rule becomes a mention: one nudge is enough."""
    counting = {match.rule_id for match in matches if match.mention is None}
    result = []
    for match in matches:
        taken_by = yields.get(match.rule_id, frozenset()) & counting if match.mention is None else None
        if taken_by:
            rule_id = min(taken_by)
            match = replace(match, mention=f"yields to {rule_id}", yielded_to=rule_id)
        result.append(match)
    return result


def _outermost(matches: list[Match]) -> list[Match]:
    """Drop matches lying inside a longer match of the same rule with the same verdict."""
    kept: list[Match] = []
    for match in matches:
        if not any(
            k.rule_id == match.rule_id and k.start <= match.start and match.end <= k.end
            and (k.mention is None) == (match.mention is None)
            for k in kept
        ):
            kept.append(match)
    return kept


@lru_cache(maxsize=1)
def _default_ruleset() -> RuleSet:
    path = resources.files(DEFAULT_PACKAGE) / DEFAULT_FILE
    return RuleSet.from_text(path.read_text(encoding="utf-8"), str(path))
