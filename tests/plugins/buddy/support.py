"""Helpers the buddy plugin tests share."""
from __future__ import annotations

from typing import Any


def introduced_buddy(town: Any, newcomer: str, lang: str = "en") -> str | None:
    """The buddy named in the newcomer's latest introduction."""
    for text in reversed(town.dms_to(newcomer)):
        for other in town.adapter.members:
            if town.t("buddy.intro.newcomer", lang, buddy=f"@{other}") in text.split("\n")[:2]:
                return other
    return None
