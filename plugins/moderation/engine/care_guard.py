"""Why the care rule's words, though matched, are not a crisis of the writer's own, now.

A crisis told as over ("two years clean now"), someone checking on another member ("are you safe?"),
a film or the news, someone worried about another person's crisis, and a joke taken back at once
are told apart here by the cues of ``cues.yaml``. When in doubt, the care response is kept.
"""
from __future__ import annotations

import re
from datetime import date
from typing import Sequence

from .crisis import SOMEONE_ELSE
from .cueset import CueSet, cue_spans, load_cues, occurrences
from .english import looks_past
from .text import Layout

EARLIEST_YEAR = 1950  # four digits below this are not read as a year
_NEGATION_REACH = 3  # "not even joking": a negation this many words before a joke cue takes the joke back


def _names_an_earlier_year(words: Sequence[str]) -> bool:
    """Whether a word is a year before the current one ("in 2020 I ...", «в 2019 я ...»)."""
    this_year = date.today().year
    return any(len(word) == 4 and word.isdigit() and EARLIEST_YEAR <= int(word) < this_year for word in words)


_RUSSIAN_PAST = re.compile(r"(?:[аеиоуыюя](?:л|ла|ли|лся|лась|лись|лось)|ш(?:ла|ли|ёл|ел))$")  # хотела, резал, хотелось, шла; not «мысли», «если»
_RUSSIAN_NOT_PAST = frozenset({"дела", "сила", "школа", "пчела", "стрела", "скала", "цели", "ели", "мели", "земли"})
_ENGLISH_PAST = frozenset({"was", "were", "had", "used", "wanted", "tried", "thought"})
_ENGLISH_NOT_PAST = frozenset({"bleed", "indeed", "speed", "breed", "greed", "proceed", "succeed", "exceed"})


def _told_in_past_tense(lang: str, words: Sequence[str]) -> bool:
    """Whether a verb among ``words`` is in the past tense ("wanted to die", «не хотела жить», «было»)."""
    if lang == "en":
        return any(word in _ENGLISH_PAST or (looks_past(word) and word not in _ENGLISH_NOT_PAST) for word in words)
    return any(word == "было" or (_RUSSIAN_PAST.search(word) is not None and word not in _RUSSIAN_NOT_PAST)
               for word in words)


class CareGuard:
    """Decides why a care rule's match is not the writer's crisis now; one instance serves the rules file."""

    def __init__(self, cues: dict[str, CueSet] | None = None) -> None:
        self._cues = cues if cues is not None else load_cues()

    def mention(
        self, lang: str, words: Sequence[str], layout: Layout, first: int, last: int, story_last: int
    ) -> str | None:
        """Why words ``first..last`` matched by the care rule are not the writer's crisis now, or None.

        The story is read up to word ``story_last`` (a phrase read across a full stop belongs to the
        sentence it starts in).
        """
        start, end = layout.spans[first][0], layout.spans[last][1]
        if self.told_as_past(lang, words, layout, first, story_last):
            return "recovered"
        if self.helping(lang, words, layout, start, end):
            return "helping"
        if self.elsewhere(lang, words, layout, start, end):
            return "a story"
        if self.someone_else_in_crisis(lang, words, layout, start, end):
            return SOMEONE_ELSE
        if self.taken_back(lang, words, layout, end):
            return "taken back as a joke"
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
            (occurrences(words, cues.past, 0, count) or _names_an_earlier_year(words))
            and self._own_recovery(cues, words, layout)
            and not occurrences(words, cues.relapse, 0, count)
        ):
            return False
        if layout is None:
            return True
        return all(self._of_the_past(lang, cues, words, layout, layout.spans[at][0]) for at in {first, last})

    @staticmethod
    def _own_recovery(cues: CueSet, words: Sequence[str], layout: Layout | None) -> bool:
        """Whether a sign of recovery is the writer's own, not what others keep saying ("everyone says it gets
        better"): one right after a speech cue in its sentence is theirs."""
        recovery = occurrences(words, cues.recovered, 0, len(words))
        if layout is None:
            return bool(recovery)
        said_ends = {end for _, end in cue_spans(words, cues.speech, 0, len(words))}

        def said(start: int) -> bool:
            before = [end for end in (start, start - 1) if end in said_ends]
            return any(layout.piece_of(layout.sentences, layout.spans[end - 1][0])
                       == layout.piece_of(layout.sentences, layout.spans[start][0]) for end in before)

        return any(not said(start) for start in recovery)

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
            occurrences(words, cues.past, lo, hi)
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
        offers = cue_spans(words, cues.helping, 0, len(words)) if cues is not None and cues.helping else []
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
        asking = {i for lo, hi in cue_spans(words, cues.worry, 0, len(words)) for i in range(lo, hi)}
        if not asking:
            return False
        clause = self._teller_clause(cues, words, layout, start, quoted)
        speech = cue_spans(words, cues.speech, clause[0], clause[-1] + 1) if clause else []
        told = {i for lo, hi in speech for i in range(lo, hi)}  # "she told me ...", «друг прислал мне ...»: that "me" is who was told
        # «папа сказал, что устал жить»: after someone else's speech, a verb without «я» is theirs
        reported = any(lo < crisis[0] and any(words[i] in cues.others for i in clause if i < lo) for lo, _ in speech)
        writer = cues.first_person | cues.writer_subject | (frozenset() if reported else cues.writer_now)
        if not quoted and any(words[i] in writer for i in crisis):
            return False
        if any((words[i] in cues.writer_subject or (not reported and words[i] in cues.writer_now))
               and i not in asking and i not in told and i < crisis[-1] and not layout.is_quoted(*layout.spans[i])
               for i in clause):
            return False  # "how do i help a coworker who said 'id be better off dead'": that "i" only asks
        if not any(words[i] in cues.others for i in clause if i < crisis[0]):
            return False  # "she ruined my life, life is pointless now": "she" is not who says it
        return not occurrences(words, cues.writer_too, 0, len(words))  # "she wants to die. me too"

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
                or any(lo == clause[0] for lo, _ in cue_spans(words, cues.speech, clause[0], clause[-1] + 1))):
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
        jokes = [at for at in occurrences(words, cues.joke, after[0], after[-1] + 1)
                 if not any(words[i] in cues.negation for i in range(max(at - _NEGATION_REACH, 0), at))]
        return bool(jokes) and not occurrences(words, cues.joke_hedge, 0, len(words))  # "not even joking" is no joke

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
        return bool(sentence and occurrences(words, cues.elsewhere, sentence[0], sentence[-1] + 1))
