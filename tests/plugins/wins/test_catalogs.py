"""The wins texts: they live beside the plugin, vary enough, and never rank people."""
from __future__ import annotations

import re
from pathlib import Path

from samovar.core.i18n import Catalog
from samovar.plugins.wins import WinsPlugin


def catalog() -> Catalog:
    found = Catalog()
    found.load_dir(WinsPlugin.locales_dir())
    return found


def test_the_catalogs_live_beside_the_plugin():
    assert WinsPlugin.locales_dir() == Path(__file__).parents[3] / "plugins" / "wins" / "locales"


def test_celebrations_have_room_for_variety():
    texts = catalog()
    for lang in ("en", "ru"):
        assert len(set(texts.variants("wins.celebrate", lang))) >= 6
        assert len(set(texts.variants("wins.celebrate_untitled", lang))) >= 3
        assert all("{win}" in t and "{name}" in t for t in texts.variants("wins.celebrate", lang))


def test_no_text_ranks_or_compares_people():
    texts = catalog()
    ranking = re.compile(r"\b(leaderboard|rank|top|points?|score|winner|рейтинг|очк|лидер|топ|лучш)", re.IGNORECASE)
    for lang in ("en", "ru"):
        for key in texts.keys(lang):
            assert not ranking.search(str(texts.raw(key, lang))), (lang, key)
