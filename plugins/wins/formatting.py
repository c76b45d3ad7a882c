"""Small text helpers: dates in the reader's language."""
from __future__ import annotations

from datetime import datetime

from samovar.core.i18n import Catalog

def day_label(catalog: Catalog, lang: str, moment: datetime) -> str:
    """``5 January``-style date of ``moment`` (already in the reader's time zone)."""
    month = catalog.t(f"wins.months.{moment.month}", lang)
    return catalog.t("wins.date", lang, day=moment.day, month=month)
