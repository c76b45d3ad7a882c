"""The moderation texts: appeal phrases in each language, and nothing that shames or threatens."""
from __future__ import annotations

import re

from samovar.core.i18n import Catalog
from samovar.plugins.moderation import ModerationPlugin


def catalog() -> Catalog:
    found = Catalog()
    found.load_dir(ModerationPlugin.locales_dir())
    return found


def test_appeal_phrases_exist_in_each_language():
    texts = catalog()
    assert texts.variants("moderation.appeal.phrases", "en")[0] == "this was fine"
    assert texts.variants("moderation.appeal.phrases", "ru")[0] == "это было нормально"


def test_no_text_shames_or_threatens():
    texts = catalog()
    harsh = re.compile(r"\b(violat|punish|ban|warning|offen[cs]e|наказ|нарушени|бан|предупреждени)",
                       re.IGNORECASE)
    for lang in ("en", "ru"):
        for key in texts.keys(lang):
            assert not harsh.search(str(texts.raw(key, lang))), (lang, key)
