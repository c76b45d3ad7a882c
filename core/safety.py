"""Outgoing text safety: nothing the bot says may ping a whole room."""
from __future__ import annotations

import re

_WORD_JOINER = "\u2060"
_MASS_MENTION = re.compile(r"@(everyone|here|room|channel)\b", re.IGNORECASE)
_ROLE_MENTION = re.compile(r"<@&(\d+)>")


def neutralize_mass_mentions(text: str) -> str:
    """Break ``@everyone``/``@here``/``@room``/``@channel`` and Discord role pings so they stay plain text."""
    if "@" not in text:
        return text
    text = _MASS_MENTION.sub(lambda m: "@" + _WORD_JOINER + m.group(1), text)
    return _ROLE_MENTION.sub(lambda m: "<@" + _WORD_JOINER + "&" + m.group(1) + ">", text)


_USER_MENTION = re.compile(r"<@!?(\d+)>")


def quiet_user_mentions(text: str) -> str:
    """Discord user mentions (``<@42>``) in words quoted again later stay plain text: nobody is pinged twice."""
    if "<@" not in text:
        return text
    return _USER_MENTION.sub(lambda m: "<@" + _WORD_JOINER + m.group(1) + ">", text)


def shorten(text: str, limit: int) -> str:
    """``text`` cut to ``limit`` characters at a word boundary, with an ellipsis when cut."""
    if len(text) <= limit:
        return text
    cut = text[: max(1, limit - 1)]
    space = cut.rfind(" ")
    if space > limit // 2:
        cut = cut[:space]
    return cut.rstrip() + "…"
