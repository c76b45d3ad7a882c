"""English word -> lemma-like key: contractions expanded, irregular forms mapped, then stemmed.

The snowball stemmer folds regular inflections (think, thinks, thinking); the
small table below folds the irregular verb forms people use in chat (did, told,
was ...), so a phrase written as "just do it" also catches "just did it".
"""
from __future__ import annotations

import snowballstemmer

from .spellings import standard

_NEGATED = {
    "can't": "can not", "cant": "can not", "cannot": "can not", "won't": "will not",
    "wont": "will not", "shan't": "shall not", "ain't": "is not", "aint": "is not",
    "dont": "do not", "doesnt": "does not", "didnt": "did not", "isnt": "is not",
    "arent": "are not", "wasnt": "was not", "werent": "were not", "couldnt": "could not",
    "wouldnt": "would not", "shouldnt": "should not", "havent": "have not",
    "hasnt": "has not", "hadnt": "had not",
}
_SHORT = {
    "im": "i am", "ive": "i have", "youre": "you are", "youve": "you have", "thats": "that is",
    "its": "it is", "whats": "what is", "theres": "there is", "wanna": "want to",
    "gonna": "going to", "gotta": "got to", "lemme": "let me", "dunno": "do not know",
}
_CLITICS = {"'m": " am", "'re": " are", "'ve": " have", "'ll": " will", "'d": " would"}
_IS_CLITIC_HOSTS = frozenset({"it", "that", "what", "there", "here", "he", "she", "who", "everything", "nothing"})

_IRREGULAR = {
    "am": "be", "is": "be", "are": "be", "was": "be", "were": "be", "been": "be", "being": "be",
    "did": "do", "does": "do", "done": "do", "doing": "do",
    "had": "have", "has": "have", "having": "have",
    "told": "tell", "said": "say", "says": "say", "thought": "think", "felt": "feel",
    "made": "make", "took": "take", "taken": "take", "gave": "give", "given": "give",
    "got": "get", "gotten": "get", "went": "go", "gone": "go", "goes": "go", "came": "come",
    "kept": "keep", "left": "leave", "wrote": "write", "written": "write", "knew": "know",
    "known": "know", "saw": "see", "seen": "see", "heard": "hear", "found": "find",
    "began": "begin", "begun": "begin", "brought": "bring", "bought": "buy", "ran": "run",
    "sat": "sit", "stood": "stand", "woke": "wake", "woken": "wake", "slept": "sleep",
    "died": "die", "dying": "die", "dies": "die", "lied": "lie", "lying": "lie",
    "worse": "bad", "worst": "bad", "better": "good", "best": "good",
    "shall": "shall", "would": "would", "could": "could", "should": "should",
}

PAST_FORMS = frozenset(
    {"did", "told", "said", "thought", "felt", "made", "took", "gave", "got", "went",
     "came", "kept", "left", "wrote", "knew", "saw", "heard", "found", "began", "brought", "bought", "ran",
     "sat", "stood", "woke", "slept", "died"}
)


def looks_past(word: str) -> bool:
    """True for a word that reads as a past-tense verb of doing ("started", "did"; not "had", "was")."""
    return word in PAST_FORMS or (len(word) > 4 and word.endswith("ed"))


def expand(token: str) -> str:
    """Spell out contractions: ``don't`` -> ``do not``, ``i'm`` -> ``i am``, ``dont`` too."""
    if "'" not in token:
        return _NEGATED.get(token) or _SHORT.get(token) or token
    if token.endswith("n't"):
        return _NEGATED.get(token.replace("'", ""), token[:-3] + " not")
    for clitic, full in _CLITICS.items():
        if token.endswith(clitic):
            return token[: -len(clitic)] + full
    if token.endswith("'s"):
        host = token[:-2]
        return f"{host} is" if host in _IS_CLITIC_HOSTS else host
    return token.replace("'", "")


class EnglishLemmas:
    """Turns one English token into one or more space-separated keys."""

    def __init__(self) -> None:
        self._stemmer = snowballstemmer.stemmer("english")

    def key(self, token: str) -> str:
        """Key for ``token`` (already lower-case, a chat spelling read as its word); may hold several words ("do not")."""
        return " ".join(self._stem(word) for word in expand(standard(token)).split())

    def _stem(self, word: str) -> str:
        return _IRREGULAR.get(word) or self._stemmer.stemWord(word)
