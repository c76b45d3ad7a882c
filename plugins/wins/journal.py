"""A member's own wins journal (this week, this month, all), written for them alone."""
from __future__ import annotations

from datetime import datetime, timedelta, tzinfo

from samovar.core.i18n import Catalog

from .formatting import day_label
from .records import JournalEntry


def week_start(now: datetime, zone: tzinfo) -> datetime:
    """Monday 00:00 of the current week in ``zone``."""
    local = now.astimezone(zone)
    return (local - timedelta(days=local.weekday())).replace(hour=0, minute=0, second=0, microsecond=0)


def month_start(now: datetime, zone: tzinfo) -> datetime:
    """The first day of the current month, 00:00 in ``zone``."""
    return now.astimezone(zone).replace(day=1, hour=0, minute=0, second=0, microsecond=0)


class JournalWriter:
    """Turns journal entries into the lines of a private message in one language."""

    def __init__(self, catalog: Catalog, lang: str, zone: tzinfo, list_limit: int, win_command: str) -> None:
        self.catalog = catalog
        self.win_command = win_command
        self.lang = lang
        self.zone = zone
        self.list_limit = list_limit

    def t(self, key: str, **values: object) -> str:
        """Catalog text in the reader's language."""
        return self.catalog.t(key, self.lang, **values)

    def lines(self, entries: list[JournalEntry], now: datetime) -> list[str]:
        """The whole journal; ``entries`` are newest first."""
        if not entries:
            return [self.t("wins.journal.empty", command=self.win_command)]
        week_from, month_from = week_start(now, self.zone), month_start(now, self.zone)
        this_week = [e for e in entries if e.at >= week_from]
        this_month = [e for e in entries if e.at >= month_from]
        rest_of_month = [e for e in this_month if e.at < week_from]
        earlier = [e for e in entries if e.at < week_from and e.at < month_from]
        out = [self.t("wins.journal.header"), ""]
        if this_week:
            out.append(self.t("wins.journal.week", count=len(this_week)))
            out.extend(self._items(this_week))
        else:
            out.append(self.t("wins.journal.week_none"))
        out.append("")
        out.append(self.t("wins.journal.month", count=len(this_month)))
        out.extend(self._items(rest_of_month))
        out.append("")
        first = entries[-1].at.astimezone(self.zone)
        out.append(self.t("wins.journal.all", count=len(entries), since=day_label(self.catalog, self.lang, first)))
        out.extend(self._items(earlier))
        out.append("")
        out.append(self.t("wins.journal.footer"))
        return out

    def _items(self, entries: list[JournalEntry]) -> list[str]:
        shown = entries[: self.list_limit]
        items = [self._item(entry) for entry in shown]
        if len(entries) > len(shown):
            items.append(self.t("wins.journal.more", count=len(entries) - len(shown)))
        return items

    def _item(self, entry: JournalEntry) -> str:
        date = day_label(self.catalog, self.lang, entry.at.astimezone(self.zone))
        line = self.t("wins.journal.item", win=entry.text or self.t("wins.journal.untitled"), date=date)
        if entry.witnessed_by:
            line += self.t("wins.journal.witnessed", count=entry.witnessed_by)
        return line
