"""Putting check-in texts together from the catalogs (``checkin.*`` keys)."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from samovar.core.safety import shorten
from samovar.core.timezones import zone_info, zone_label

from .models import CheckinEntry, CheckinSchedule
from .schedule import WEEKDAYS, format_clock

SUMMARY_LIMIT = 600


@dataclass(frozen=True, slots=True)
class Voice:
    """Catalog lookups under ``checkin.`` in one language."""

    catalog: Any
    lang: str

    def __call__(self, key: str, /, **values: Any) -> str:
        return self.catalog.t("checkin." + key, self.lang, **values)

    def day(self, weekday: int, form: str = "every") -> str:
        """A weekday as ``on Fridays`` (``every``) or ``Friday`` (``name``)."""
        return self(f"days.{form}.{WEEKDAYS[weekday]}")

    def moment(self, moment: datetime, tz: str) -> str:
        """``Friday, 2026-01-09 18:00`` in the member's zone."""
        local = moment.astimezone(zone_info(tz))
        return self("moment", day=self.day(local.weekday(), "name"), date=local.strftime(self("date_format")),
                    time=local.strftime("%H:%M"))

    def date(self, moment: datetime, tz: str) -> str:
        """The local calendar date."""
        return moment.astimezone(zone_info(tz)).strftime(self("date_format"))

    def schedule(self, schedule: CheckinSchedule) -> str:
        """``on Fridays at 18:00 (Europe/Berlin)``."""
        return self("schedule", day=self.day(schedule.weekday), time=format_clock(schedule.minute),
                    timezone=zone_label(schedule.timezone))

    def summary(self, entry: CheckinEntry, limit: int = SUMMARY_LIMIT) -> str:
        """The answers of one check-in, one line each (empty when nothing was answered)."""
        lines = []
        if entry.worked:
            lines.append(self("summary.worked", text=shorten(entry.worked, limit)))
        if entry.didnt:
            lines.append(self("summary.didnt", text=shorten(entry.didnt, limit)))
        if entry.mood:
            lines.append(self("summary.mood", mood=entry.mood))
        return "\n".join(lines)
