"""The check-in texts: never guilt or streaks, and every theme named in both languages."""
from __future__ import annotations

import re

from samovar.core.i18n import Catalog
from samovar.plugins.checkin import CheckinPlugin

GUILT = re.compile(r"streak|in a row|missed|you forgot|don't forget|should have|leaderboard|"
                   r"подряд|серия|ты пропустил|ты забыл|не забудь|должен был|рейтинг", re.IGNORECASE)


def catalog() -> Catalog:
    found = Catalog()
    found.load_dir(CheckinPlugin.locales_dir())
    return found


def test_nothing_guilts_counts_streaks_or_ranks():
    texts = catalog()
    for lang in ("en", "ru"):
        for key in texts.keys(lang):
            assert not GUILT.search(str(texts.raw(key, lang))), (lang, key)


def test_every_theme_has_a_name_in_both_languages():
    from ruamel.yaml import YAML
    from samovar.plugins.checkin.themes import THEMES_FILE

    themes = YAML(typ="safe").load(THEMES_FILE.read_text(encoding="utf-8"))
    texts = catalog()
    for theme in themes:
        assert texts.has(f"checkin.themes.{theme}", "en") and texts.has(f"checkin.themes.{theme}", "ru")
