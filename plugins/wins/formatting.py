"""Small text helpers: dates in the reader's language, and splitting long private messages."""
from __future__ import annotations

from datetime import datetime

from samovar.core.i18n import Catalog

MESSAGE_LIMIT = 1800
"""Longest text sent in one message (Discord allows 2000 characters)."""


def day_label(catalog: Catalog, lang: str, moment: datetime) -> str:
    """``5 January``-style date of ``moment`` (already in the reader's time zone)."""
    month = catalog.t(f"wins.months.{moment.month}", lang)
    return catalog.t("wins.date", lang, day=moment.day, month=month)


def split_message(lines: list[str], limit: int = MESSAGE_LIMIT) -> list[str]:
    """Join ``lines`` into as few messages as fit ``limit`` characters each, breaking between lines."""
    messages: list[str] = []
    current = ""
    for line in lines:
        while len(line) > limit:  # a single line longer than a message: cut it
            if current:
                messages.append(current)
                current = ""
            messages.append(line[:limit])
            line = line[limit:]
        candidate = f"{current}\n{line}" if current else line
        if len(candidate) > limit:
            messages.append(current)
            current = line
        else:
            current = candidate
    if current:
        messages.append(current)
    return messages
