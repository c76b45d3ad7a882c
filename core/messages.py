"""Long texts as several messages: Discord takes 2,000 characters at most, and people read whole words."""
from __future__ import annotations

from typing import Iterable

MESSAGE_LIMIT = 1800
"""Longest text sent in one message (room left for a code fence or a mention)."""


def split_message(lines: Iterable[str], limit: int = MESSAGE_LIMIT, separator: str = "\n") -> list[str]:
    """Join ``lines`` with ``separator`` into as few messages of at most ``limit`` characters as fit.

    Messages break between lines; a line longer than a message breaks between words
    (mid-word only when a word alone is longer than a message).
    """
    messages: list[str] = []
    current = ""
    for line in lines:
        for piece in _pieces(line, limit):
            candidate = f"{current}{separator}{piece}" if current else piece
            if len(candidate) > limit:
                messages.append(current)
                current = piece
            else:
                current = candidate
    if current:
        messages.append(current)
    return messages


def _pieces(line: str, limit: int) -> list[str]:
    """``line`` cut into parts of at most ``limit`` characters, at spaces where there are any."""
    pieces = []
    while len(line) > limit:
        cut = line.rfind(" ", 0, limit + 1)
        if cut <= 0:
            cut = limit
        pieces.append(line[:cut].rstrip())
        line = line[cut:].lstrip()
    pieces.append(line)
    return pieces
