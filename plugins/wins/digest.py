"""The weekly digest: the week's wins in one warm post, grouped by person, never ranked."""
from __future__ import annotations

from dataclasses import dataclass

from samovar.core.i18n import Catalog
from samovar.core.safety import quiet_user_mentions, shorten


@dataclass(frozen=True, slots=True)
class DigestWin:
    """One win as the digest shows it."""

    member_id: int
    text: str


def group_by_person(wins: list[DigestWin]) -> list[tuple[int, list[str]]]:
    """Wins per member, in the order each person first shared one this week (not by how many)."""
    groups: dict[int, list[str]] = {}
    for win in wins:
        if win.text:
            groups.setdefault(win.member_id, []).append(win.text)
    return list(groups.items())


def digest_lines(catalog: Catalog, lang: str, wins: list[DigestWin], names: dict[int, str],
                 max_chars: int, opt_out_command: str) -> list[str]:
    """The digest post, or no lines when nobody shared a win this week."""
    groups = group_by_person(wins)
    if not groups:
        return []
    joiner = catalog.t("wins.digest.joiner", lang)
    lines = [catalog.t("wins.digest.header", lang), ""]
    for member_id, texts in groups:
        shown = joiner.join(shorten(quiet_user_mentions(" ".join(text.split())), max_chars) for text in texts)
        lines.append(catalog.t("wins.digest.person", lang, name=names.get(member_id) or
                               catalog.t("wins.digest.someone", lang), wins=shown))
    lines.extend(["", catalog.t("wins.digest.footer", lang), catalog.t("wins.digest.opt_out", lang,
                                                                        command=opt_out_command)])
    return lines
