"""The wins texts: every key in both languages, the same placeholders, enough variety."""
from __future__ import annotations

import re
from pathlib import Path

from samovar.core.i18n import Catalog, missing_keys
from samovar.plugins.wins import WinsPlugin

PLACEHOLDER = re.compile(r"{(\w+)}")


def catalog() -> Catalog:
    found = Catalog()
    found.load_dir(WinsPlugin.locales_dir())
    return found


def placeholders(value) -> set[str]:
    if isinstance(value, list):
        return set().union(*(placeholders(v) for v in value))
    if isinstance(value, dict):
        return set().union(*(placeholders(v) for v in value.values()))
    return set(PLACEHOLDER.findall(str(value)))


def test_the_catalogs_live_beside_the_plugin():
    assert WinsPlugin.locales_dir() == Path(__file__).parents[3] / "plugins" / "wins" / "locales"


def test_every_key_exists_in_both_languages():
    texts = catalog()
    assert missing_keys(texts) == {}
    assert texts.keys("en") and all(key.startswith("wins.") for key in texts.keys("en"))


def test_both_languages_use_the_same_placeholders():
    texts = catalog()
    for key in texts.keys("en"):
        assert placeholders(texts.raw(key, "en")) == placeholders(texts.raw(key, "ru")), key


def test_celebrations_have_room_for_variety():
    texts = catalog()
    for lang in ("en", "ru"):
        assert len(set(texts.variants("wins.celebrate", lang))) >= 6
        assert len(set(texts.variants("wins.celebrate_untitled", lang))) >= 3
        assert all("{win}" in t and "{name}" in t for t in texts.variants("wins.celebrate", lang))


def test_russian_plurals_have_every_form():
    texts = catalog()
    for key in texts.keys("ru"):
        value = texts.raw(key, "ru")
        if isinstance(value, dict):
            assert {"one", "few", "many"} <= set(value), key


def test_no_text_ranks_or_compares_people():
    texts = catalog()
    ranking = re.compile(r"\b(leaderboard|rank|top|points?|score|winner|рейтинг|очк|лидер|топ|лучш)", re.IGNORECASE)
    for lang in ("en", "ru"):
        for key in texts.keys(lang):
            assert not ranking.search(str(texts.raw(key, lang))), (lang, key)
