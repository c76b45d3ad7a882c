"""The check-in texts: both languages complete, same placeholders, and never guilt or streaks."""
from __future__ import annotations

import re

from samovar.core.i18n import Catalog, missing_keys
from samovar.plugins.checkin import CheckinPlugin

PLACEHOLDER = re.compile(r"{(\w+)}")
GUILT = re.compile(r"streak|in a row|missed|you forgot|don't forget|should have|leaderboard|"
                   r"подряд|серия|ты пропустил|ты забыл|не забудь|должен был|рейтинг", re.IGNORECASE)


def catalog() -> Catalog:
    found = Catalog()
    found.load_dir(CheckinPlugin.locales_dir())
    return found


def placeholders(value) -> set[str]:
    if isinstance(value, list):
        return set().union(*(placeholders(v) for v in value))
    if isinstance(value, dict):
        return set().union(*(placeholders(v) for v in value.values()))
    return set(PLACEHOLDER.findall(str(value)))


def test_every_key_exists_in_both_languages():
    texts = catalog()
    assert missing_keys(texts) == {}
    assert all(key.startswith("checkin.") for key in texts.keys("en"))


def test_both_languages_use_the_same_placeholders():
    texts = catalog()
    for key in texts.keys("en"):
        if not key.startswith("checkin.input."):
            assert placeholders(texts.raw(key, "en")) == placeholders(texts.raw(key, "ru")), key


def test_russian_plurals_have_every_form():
    texts = catalog()
    for key in texts.keys("ru"):
        value = texts.raw(key, "ru")
        if isinstance(value, dict):
            assert {"one", "few", "many"} <= set(value), key


def test_nothing_guilts_counts_streaks_or_ranks():
    texts = catalog()
    for lang in ("en", "ru"):
        for key in texts.keys(lang):
            assert not GUILT.search(str(texts.raw(key, lang))), (lang, key)


def test_every_theme_has_a_name_in_both_languages():
    from samovar.plugins.checkin.themes import THEMES_FILE
    from ruamel.yaml import YAML

    themes = YAML(typ="safe").load(THEMES_FILE.read_text(encoding="utf-8"))
    texts = catalog()
    for theme in themes:
        assert texts.has(f"checkin.themes.{theme}", "en") and texts.has(f"checkin.themes.{theme}", "ru")
