"""Chat spellings read as the word they stand for: "хачу" is "хочу", "wnat" is "want".

People who are struggling type fast and loosely; a phrase or a model weight
should not miss "хачу умереть" for one letter. Only one-word spellings that
are no other word are listed (not "тока", which is also a form of "ток").
Both the phrases (at compile time, and for English words at check time) and
the learned models (through their stems) read a message's words through this.
"""
from __future__ import annotations

from typing import Mapping

CHAT_SPELLINGS: Mapping[str, str] = {
    # ru: the letters of a word as heard, or swallowed
    "хачу": "хочу", "хочю": "хочу", "хачю": "хочу", "хочеш": "хочешь", "хочеться": "хочется",
    "хочится": "хочется", "хочеца": "хочется", "хочица": "хочется", "хотца": "хочется",
    "жыть": "жить", "жысть": "жизнь", "жызнь": "жизнь", "жизнъ": "жизнь",
    "умиреть": "умереть", "умерть": "умереть", "здохнуть": "сдохнуть", "здохну": "сдохну",
    "самоубиство": "самоубийство", "суицыд": "суицид",
    "щас": "сейчас", "щяс": "сейчас", "ща": "сейчас", "сечас": "сейчас", "седня": "сегодня",
    "сдесь": "здесь", "ниче": "ничего", "ничо": "ничего",
    "никада": "никогда",
    "оч": "очень", "канешно": "конечно", "кароче": "короче",
    "пажалуйста": "пожалуйста", "пожалуста": "пожалуйста",
    # en: letters swapped or dropped, and chat shorthand for one word
    "u": "you", "wnat": "want", "wnt": "want", "rly": "really", "realy": "really", "ppl": "people",
    "tmrw": "tomorrow", "tmr": "tomorrow", "tomorow": "tomorrow", "tonite": "tonight", "tho": "though",
    "cuz": "because", "coz": "because", "bc": "because", "somthing": "something", "nothin": "nothing",
    "nuthin": "nothing", "enuf": "enough", "lyf": "life", "anymor": "anymore", "dieing": "dying",
    "sucide": "suicide", "suicde": "suicide", "suiside": "suicide", "sucidal": "suicidal",
    "suicidel": "suicidal", "pls": "please", "plz": "please", "thx": "thanks", "evrything": "everything",
    "evryone": "everyone", "becuase": "because", "beacuse": "because",
}


def standard(word: str) -> str:
    """The word that a lower-case chat spelling stands for (the word itself when it is no such spelling)."""
    return CHAT_SPELLINGS.get(word, word)
