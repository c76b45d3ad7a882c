"""Tells a phrase said to someone from a phrase only mentioned, quoted or rejected.

"Just do it!" is advice; "they told me to just do it and it made it worse" is
a member's experience. The guard looks at the words around a match (see
``cues.yaml``) and gives the reason a match is only a mention, or None.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from importlib import resources
from typing import Sequence

from ruamel.yaml import YAML

from .english import expand, looks_past
from .text import WORD, Layout, normalise

Cue = tuple[str, ...]
EARLIEST_YEAR = 1950  # four digits below this are not read as a year
_BEFORE_WINDOW = 3  # words before a speech cue searched for "as", "like", "как"
_SELF_WINDOW = 3  # "I" may stand this many words before the phrase if only "self_skip" words are between


def surface_words(normalised_words: Sequence[str]) -> list[str]:
    """Words as the guard compares them: apostrophes dropped ("didn't" -> "didnt")."""
    return [word.replace("'", "") for word in normalised_words]


def _cue(text: str) -> Cue:
    return tuple(word.replace("'", "") for word in WORD.findall(normalise(text)))


@lru_cache(maxsize=4096)
def _phrase_words(phrase: str) -> frozenset[str]:
    """Words of a rule phrase, contractions spelled out."""
    return frozenset(part for word in _cue(phrase) for part in expand(word).split())


@dataclass(frozen=True, slots=True)
class CueSet:
    """The cues of one language, indexed by their first word."""

    speech: dict[str, tuple[Cue, ...]]
    not_a_report: frozenset[str]
    not_a_report_after: frozenset[str]
    rejection_before: dict[str, tuple[Cue, ...]]
    rejection_after: dict[str, tuple[Cue, ...]]
    negation: frozenset[str]
    self_words: frozenset[str]
    self_skip: frozenset[str]
    past: dict[str, tuple[Cue, ...]]
    recovered: dict[str, tuple[Cue, ...]]
    relapse: dict[str, tuple[Cue, ...]]
    helping: dict[str, tuple[Cue, ...]]
    elsewhere: dict[str, tuple[Cue, ...]]
    first_person: frozenset[str]
    writer_now: frozenset[str]
    someone_else: frozenset[str]
    conditional: frozenset[str]
    others: frozenset[str]
    worry: dict[str, tuple[Cue, ...]]
    writer_subject: frozenset[str]
    writer_too: dict[str, tuple[Cue, ...]]
    said_that: frozenset[str]
    joke: dict[str, tuple[Cue, ...]]
    joke_hedge: dict[str, tuple[Cue, ...]]

    @classmethod
    def from_lists(cls, lists: dict[str, list[str]]) -> "CueSet":
        """Build from the lists of ``cues.yaml`` for one language."""

        def index(name: str) -> dict[str, tuple[Cue, ...]]:
            table: dict[str, list[Cue]] = {}
            for text in lists.get(name, []):
                cue = _cue(text)
                if cue:
                    table.setdefault(cue[0], []).append(cue)
            return {first: tuple(sorted(cues, key=len, reverse=True)) for first, cues in table.items()}  # longest first

        def words(name: str) -> frozenset[str]:
            return frozenset(w for text in lists.get(name, []) for w in _cue(text))

        return cls(
            speech=index("speech"),
            not_a_report=words("not_a_report"),
            not_a_report_after=words("not_a_report") | words("not_a_report_after"),
            rejection_before=index("rejection_before"),
            rejection_after=index("rejection_after"),
            negation=words("negation"),
            self_words=words("self"),
            self_skip=words("self_skip"),
            past=index("past"),
            recovered=index("recovered"),
            relapse=index("relapse"),
            helping=index("helping"),
            elsewhere=index("elsewhere"),
            first_person=words("first_person"),
            writer_now=words("writer_now"),
            someone_else=words("someone_else"),
            conditional=words("conditional"),
            others=words("others"),
            worry=index("worry"),
            writer_subject=words("writer_subject"),
            writer_too=index("writer_too"),
            said_that=words("said_that"),
            joke=index("joke"),
            joke_hedge=index("joke_hedge"),
        )


def load_cues() -> dict[str, CueSet]:
    """The packaged cues, per language."""
    text = (resources.files(__package__) / "cues.yaml").read_text(encoding="utf-8")
    data = YAML(typ="safe").load(text)
    return {lang: CueSet.from_lists(lists) for lang, lists in data.items()}


def _names_an_earlier_year(words: Sequence[str]) -> bool:
    """Whether a word is a year before the current one ("in 2020 I ...", «в 2019 я ...»)."""
    this_year = date.today().year
    return any(len(word) == 4 and word.isdigit() and EARLIEST_YEAR <= int(word) < this_year for word in words)


_RUSSIAN_PAST = re.compile(r"[аеиоуыюя](?:л|ла|ли|лся|лась|лись|лось)$")  # хотела, резал, хотелось; not «мысли», «если»
_RUSSIAN_NOT_PAST = frozenset({"дела", "сила", "школа", "пчела", "стрела", "скала", "цели", "ели", "мели", "земли"})
_ENGLISH_PAST = frozenset({"was", "were", "had", "used", "wanted", "tried", "thought"})
_ENGLISH_NOT_PAST = frozenset({"bleed", "indeed", "speed", "breed", "greed", "proceed", "succeed", "exceed"})


def _told_in_past_tense(lang: str, words: Sequence[str]) -> bool:
    """Whether a verb among ``words`` is in the past tense ("wanted to die", «не хотела жить», «было»)."""
    if lang == "en":
        return any(word in _ENGLISH_PAST or (looks_past(word) and word not in _ENGLISH_NOT_PAST) for word in words)
    return any(word == "было" or (_RUSSIAN_PAST.search(word) is not None and word not in _RUSSIAN_NOT_PAST)
               for word in words)


def _occurrences(words: Sequence[str], cues: dict[str, tuple[Cue, ...]], lo: int, hi: int) -> list[int]:
    """Start indices of cues found entirely within ``words[lo:hi]``."""
    return [start for start, _ in _cue_spans(words, cues, lo, hi)]


def _cue_spans(words: Sequence[str], cues: dict[str, tuple[Cue, ...]], lo: int, hi: int) -> list[tuple[int, int]]:
    """``(start, end)`` word indices of the cues found entirely within ``words[lo:hi]``, one per start."""
    found = []
    for i in range(lo, hi):
        for cue in cues.get(words[i], ()):
            if i + len(cue) <= hi and tuple(words[i : i + len(cue)]) == cue:
                found.append((i, i + len(cue)))
                break
    return found


class MentionGuard:
    """Decides whether a match is a critical mention; one instance serves every rule."""

    def __init__(self, cues: dict[str, CueSet] | None = None) -> None:
        self._cues = cues if cues is not None else load_cues()

    def reason(
        self,
        lang: str,
        words: Sequence[str],
        layout: Layout,
        first: int,
        last: int,
        skip_quoted: bool,
        phrase: str = "",
    ) -> str | None:
        """Why words ``first..last`` (inclusive) are only mentioned, or None if they are said.

        ``words`` are :func:`surface_words` of the message, ``layout`` its layout
        and ``phrase`` the rule phrase that matched (as written in the rules file).
        """
        cues = self._cues.get(lang)
        if cues is None:
            return None
        start, end = layout.spans[first][0], layout.spans[last][1]
        if skip_quoted and layout.is_quoted(start, end):
            return "quoted"
        phrase_words = _phrase_words(phrase)
        inside = [
            part for i in range(first, last + 1) for part in expand(words[i]).split() if part not in phrase_words
        ]
        if any(word in cues.negation for word in inside):
            return "negated"  # "you're not lazy" against "you are ... lazy"
        if lang == "en" and any(looks_past(word) for word in inside):
            return "own experience"  # "I finally got it done" against "get it done"
        sentence = layout.piece_of(layout.sentences, start)
        in_sentence = layout.words_between(*sentence)
        lo = in_sentence[0] if in_sentence else first
        hi = in_sentence[-1] + 1 if in_sentence else last + 1
        if self._reported(cues, words, lo, first, lo, cues.not_a_report) or self._reported(
            cues, words, last + 1, hi, lo, cues.not_a_report_after
        ):
            return "reported"
        if _occurrences(words, cues.rejection_before, lo, first):
            return "rejected"
        after_end = sentence[1]
        following = [piece for piece in layout.sentences if piece[0] >= sentence[1]]
        if following:
            after_end = following[0][1]
        after = layout.words_between(sentence[0], after_end)
        after_hi = after[-1] + 1 if after else hi
        if _occurrences(words, cues.rejection_after, last + 1, after_hi):
            return "rejected"
        clause = layout.piece_of(layout.clauses, start)
        clause_words = set(layout.words_between(*clause))
        if any(words[i] in cues.negation for i in (first - 1, first - 2) if i in clause_words):
            return "negated"
        for i in range(first - 1, max(first - 1 - _SELF_WINDOW, -1), -1):
            if i not in clause_words or words[i] not in cues.self_skip:
                if i in clause_words and words[i] in cues.self_words:
                    return "own experience"
                break
        return None

    def told_as_past(
        self, lang: str, words: Sequence[str], layout: Layout | None = None, first: int = 0, last: int = -1
    ) -> bool:
        """True when a message tells of a crisis that is over ("years ago ..., now I'm much better").

        It needs both a time in the past and a sign of recovery, and no sign that it is back
        ("again", "lately"): when in doubt, the care response is kept. Given the place of the
        crisis words (``layout``, words ``first..last``), the sentences they start and end in must
        hold a time in the past or a verb in the past tense, or speak of someone else: "a year ago i
        tried. everyone thinks i'm better now. i want to die" is not a story of something over.
        """
        cues = self._cues.get(lang)
        if cues is None or not cues.past or not cues.recovered:
            return False
        count = len(words)
        if not (
            (_occurrences(words, cues.past, 0, count) or _names_an_earlier_year(words))
            and _occurrences(words, cues.recovered, 0, count)
            and not _occurrences(words, cues.relapse, 0, count)
        ):
            return False
        if layout is None:
            return True
        return all(self._of_the_past(lang, cues, words, layout, layout.spans[at][0]) for at in {first, last})

    @staticmethod
    def _of_the_past(lang: str, cues: CueSet, words: Sequence[str], layout: Layout, position: int) -> bool:
        """Whether the sentence at character ``position`` is about the past, or about someone else."""
        sentence = layout.words_between(*layout.piece_of(layout.sentences, position))
        if not sentence:
            return False
        lo, hi = sentence[0], sentence[-1] + 1
        # A conditional anywhere here («пишу для тех, кому сейчас кажется ...»); :meth:`helping` wants it first.
        about_others = not any(words[i] in cues.first_person for i in range(lo, hi)) and any(
            words[i] in cues.someone_else or words[i] in cues.conditional for i in range(lo, hi)
        )
        return bool(
            _occurrences(words, cues.past, lo, hi)
            or _names_an_earlier_year(words[lo:hi])
            or _told_in_past_tense(lang, words[lo:hi])
            or about_others  # "... for anyone who feels there is no way out now"
        )

    def helping(self, lang: str, words: Sequence[str], layout: Layout, start: int, end: int) -> bool:
        """True when a message checks on someone or points them to help ("are you safe right now?").

        Only when the crisis words (characters ``start..end``) stand in quotation marks (the
        helper quotes what the other wrote) or their sentence does not speak of the writer ("I",
        "я"): "are you safe? i'm not, the pills are ready" is not a helper's message. Words that
        follow both an offer of help and the crisis words are the helper's own ("если есть мысли
        навредить себе — пиши в личку, я рядом"), and so are the offer's own words ("dm me");
        "пиши в личку, я хочу умереть" speaks of the writer. Crisis words in another sentence than
        the offer count as someone else's only when their sentence speaks to "you" ("ты") or of
        someone else ("she", «коллега»), asks ("есть мысли причинить себе вред?") or supposes
        ("если есть мысли ..."): "are you safe? no. want to die" is an answer, not a check-in.
        """
        cues = self._cues.get(lang)
        offers = _cue_spans(words, cues.helping, 0, len(words)) if cues is not None and cues.helping else []
        if not offers:
            return False
        if layout.is_quoted(start, end):
            return True
        piece = layout.piece_of(layout.sentences, start)
        sentence = layout.words_between(*piece)
        in_sentence = [(lo, hi) for lo, hi in offers if lo in sentence]
        if not in_sentence:  # "You said you have been cutting again. Are you safe right now?"
            if any(words[i] in cues.first_person for i in sentence):
                return False
            asks = piece in layout.questions or (sentence and words[sentence[0]] in cues.conditional)
            return bool(asks or any(words[i] in cues.someone_else for i in sentence))
        offered_at = in_sentence[0][0]
        crisis_words = layout.words_between(start, end)
        crisis_ends = crisis_words[-1] if crisis_words else offered_at
        for i in sentence:
            if words[i] not in cues.first_person or any(lo <= i < hi for lo, hi in in_sentence):
                continue
            if i < offered_at or i <= crisis_ends:
                return False
        return True

    def someone_else_in_crisis(self, lang: str, words: Sequence[str], layout: Layout, start: int, end: int) -> bool:
        """True when the crisis words (characters ``start..end``) are someone else's, told by a worried writer.

        "my friend keeps saying she wants to disappear, how do i bring it up?", «подруга пишет, что не
        хочет жить, как ей помочь?», "my son yelled 'i wanna die' when we took his phone". Someone else
        (``others``) must stand before the crisis words in their clause (or in the clause before, when
        theirs goes on with what was said: «подруга пишет, что ...», «друга, который написал, что ...»), in a
        message that asks how to help them or tells of help given (``worry``: "how do i help", "i sat with
        her till the crisis team came"). The writer must not be the subject of the crisis words' clause
        before its end (the "me" of "she told me" is who was told), nor stand in the crisis words themselves:
        "she left. i want to die", "they'd be better off without me", «мама не знает, что хочу умереть» and
        "she wants to die. me too. how do i help her" get the care response.
        """
        cues = self._cues.get(lang)
        if cues is None or not cues.others or not cues.worry:
            return False
        crisis = layout.words_between(start, end)
        if not crisis:
            return False
        quoted = layout.is_quoted(start, end)  # "i" in a quotation is the quoted person's
        writer = cues.first_person | cues.writer_subject | cues.writer_now
        if not quoted and any(words[i] in writer for i in crisis):
            return False
        asking = {i for lo, hi in _cue_spans(words, cues.worry, 0, len(words)) for i in range(lo, hi)}
        if not asking:
            return False
        clause = self._teller_clause(cues, words, layout, start, quoted)
        told = {i for lo, hi in _cue_spans(words, cues.speech, clause[0], clause[-1] + 1) for i in range(lo, hi)} \
            if clause else set()  # "she told me ...", «друг прислал мне ...»: that "me" is who was told
        if any((words[i] in cues.writer_subject or words[i] in cues.writer_now)
               and i not in asking and i not in told and i < crisis[-1] and not layout.is_quoted(*layout.spans[i])
               for i in clause):
            return False  # "how do i help a coworker who said 'id be better off dead'": that "i" only asks
        if not any(words[i] in cues.others for i in clause if i < crisis[0]):
            return False  # "she ruined my life, life is pointless now": "she" is not who says it
        return not _occurrences(words, cues.writer_too, 0, len(words))  # "she wants to die. me too"

    @staticmethod
    def _teller_clause(cues: CueSet, words: Sequence[str], layout: Layout, start: int, quoted: bool = False) -> list[int]:
        """The words of the clause holding character ``start``, with the clause before it when this one only
        goes on with what was said («подруга пишет, | что не хочет жить», «брат звонил, | говорил, что ...»).
        For words in quotation marks, the sentence up to the end of their clause: who is quoted stands before
        the quotation, whose own commas do not count («тиммейт пишет 'всё, выпилюсь'»)."""
        piece = layout.piece_of(layout.clauses, start)
        clause = layout.words_between(*piece)
        sentence = layout.piece_of(layout.sentences, start)
        if quoted:
            return layout.words_between(sentence[0], piece[1])
        at = layout.clauses.index(piece) if piece in layout.clauses else 0
        while clause and at > 0 and layout.clauses[at - 1][0] >= sentence[0] and (
                words[clause[0]] in cues.said_that
                or any(lo == clause[0] for lo, _ in _cue_spans(words, cues.speech, clause[0], clause[-1] + 1))):
            at -= 1  # «брат звонил, | говорил, | что не хочет жить»: back to who speaks
            clause = layout.words_between(*layout.clauses[at]) + clause
        return clause

    def taken_back(self, lang: str, words: Sequence[str], layout: Layout, end: int) -> bool:
        """True when the crisis words (ending at character ``end``) are taken back as a joke right after them.

        "if reviewer 2 asks for one more check im walking into the sea. jk, i'll do the check", «выйду в
        окно. шучу, просто выключу планшет»: a ``joke`` cue stands after the crisis words, in their
        sentence or the next, and nothing in the message hedges it (``joke_hedge``: "jk. mostly",
        «шучу. или нет», «не шучу», "not kidding"). Before the crisis words it takes nothing back:
        «шучу, конечно, что утоплюсь после защиты. но я уже и место присмотрела» gets the care response.
        """
        cues = self._cues.get(lang)
        if cues is None or not cues.joke:
            return False
        sentence = layout.piece_of(layout.sentences, max(end - 1, 0))
        following = [piece for piece in layout.sentences if piece[0] >= sentence[1]]
        after = layout.words_between(end, following[0][1] if following else sentence[1])
        if not after:
            return False
        jokes = [at for at in _occurrences(words, cues.joke, after[0], after[-1] + 1)
                 if not any(words[i] in cues.negation for i in range(max(at - _SELF_WINDOW, 0), at))]
        return bool(jokes) and not _occurrences(words, cues.joke_hedge, 0, len(words))  # "not even joking" is no joke

    def elsewhere(self, lang: str, words: Sequence[str], layout: Layout, start: int, end: int) -> bool:
        """True when the crisis words (characters ``start..end``) stand in a sentence about a film, a book or the news.

        "that game has a storyline where a side character dies by suicide" tells of a story. The
        sentence must name the story, and no sentence the crisis words reach into may speak of the
        writer: "after that film i keep thinking about suicide", «посмотрела фильм про самоубийство, и
        теперь хочу умереть» and "the news says the bridge is closed. good, i was going to jump
        tonight" get the care response.
        """
        cues = self._cues.get(lang)
        if cues is None or not cues.elsewhere:
            return False
        first_sentence = layout.piece_of(layout.sentences, start)
        reached = layout.words_between(first_sentence[0], layout.piece_of(layout.sentences, max(start, end - 1))[1])
        if any(words[i] in cues.first_person or words[i] in cues.writer_now for i in reached):
            return False
        sentence = layout.words_between(*first_sentence)
        return bool(sentence and _occurrences(words, cues.elsewhere, sentence[0], sentence[-1] + 1))

    def _reported(
        self, cues: CueSet, words: Sequence[str], lo: int, hi: int, floor: int, not_a_report: frozenset[str]
    ) -> bool:
        """A speech cue in ``words[lo:hi]`` that is not turned into a quotation by "as", "like" ..."""
        for at in _occurrences(words, cues.speech, lo, hi):
            if not any(words[i] in not_a_report for i in range(max(floor, at - _BEFORE_WINDOW), at)):
                return True
        return False
