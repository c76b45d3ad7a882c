"""The plugin contract stays documented and tested, and every text exists in ru and en."""
from __future__ import annotations

import inspect
import re
from pathlib import Path

from samovar.core import hookspecs
from samovar.core.i18n import (Catalog, incomplete_russian_plurals, missing_keys, placeholder_mismatches,
                                plural_form)
from samovar.core.plugins import PluginHost

TESTS = Path(__file__).resolve().parents[1]


def hook_names() -> list[str]:
    return PluginHost().hook_names()


def test_every_hook_has_a_docstring():
    undocumented = [name for name in hook_names() if not inspect.getdoc(getattr(hookspecs, name))]
    assert undocumented == []


def test_every_hook_is_implemented_somewhere_in_the_tests():
    sources = "\n".join(p.read_text(encoding="utf-8") for p in TESTS.rglob("*.py"))
    untested = [name for name in hook_names() if not re.search(rf"def {name}\(", sources)]
    assert untested == []


async def test_every_loaded_catalog_is_complete_in_both_languages(community):
    """Core and every default plugin: same keys, same placeholders, every Russian plural form."""
    catalog = community.bot.catalog
    assert missing_keys(catalog) == {}
    assert placeholder_mismatches(catalog) == []
    assert incomplete_russian_plurals(catalog) == []
    assert {key.split(".")[0] for key in catalog.keys("en")} >= {"core", "wins", "checkin", "buddy", "moderation"}


def test_russian_plurals():
    assert [plural_form("ru", n) for n in (1, 2, 5, 11, 21, 22, 25, 111)] == [
        "one", "few", "many", "many", "one", "few", "many", "many"]
    assert [plural_form("en", n) for n in (0, 1, 2)] == ["other", "one", "other"]


def test_missing_translation_falls_back_to_english_then_the_key(tmp_path):
    (tmp_path / "en.yaml").write_text("x:\n  hello: Hello {name}\n", encoding="utf-8")
    catalog = Catalog()
    catalog.load_dir(tmp_path)
    assert catalog.t("x.hello", "ru", name="Аня") == "Hello Аня"
    assert catalog.t("x.nothing", "ru") == "x.nothing"
