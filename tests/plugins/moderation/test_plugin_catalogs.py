"""The moderation texts: every key in both languages, the same placeholders, every Russian plural form."""
from __future__ import annotations

import re

from samovar.core.i18n import Catalog, missing_keys
from samovar.plugins.moderation import ModerationPlugin

PLACEHOLDER = re.compile(r"{(\w+)}")


def catalog() -> Catalog:
    found = Catalog()
    found.load_dir(ModerationPlugin.locales_dir())
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
    assert texts.keys("en") and all(key.startswith("moderation.") for key in texts.keys("en"))


def test_both_languages_use_the_same_placeholders():
    texts = catalog()
    for key in texts.keys("en"):
        assert placeholders(texts.raw(key, "en")) == placeholders(texts.raw(key, "ru")), key


def test_russian_plurals_have_every_form():
    texts = catalog()
    for key in texts.keys("ru"):
        value = texts.raw(key, "ru")
        if isinstance(value, dict):
            assert {"one", "few", "many"} <= set(value), key


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
