"""Languages and topics as members read them, in the reader's language."""
from __future__ import annotations

from collections.abc import Iterable
from typing import Any


def language_name(bot: Any, code: str, lang: str) -> str:
    """A language as members read it (known codes are translated)."""
    key = f"buddy.language_names.{code}"
    return bot.t(key, lang) if bot.catalog.has(key, lang) else code


def language_names(bot: Any, codes: Iterable[str], lang: str) -> str:
    """Several languages, sorted by code, as one comma-separated text."""
    return ", ".join(language_name(bot, code, lang) for code in sorted(codes))


def topic_name(bot: Any, topic: str, lang: str) -> str:
    """A topic as members read it (known topics are translated)."""
    key = f"buddy.topics.{topic}.name"
    return bot.t(key, lang) if bot.catalog.has(key, lang) else topic
