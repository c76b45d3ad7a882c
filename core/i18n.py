"""Translation catalogs (ru, en) and the ``t()`` lookup.

Each component ships ``locales/<lang>.yaml`` beside its code. Keys are nested
mappings addressed with dots (``"wins.celebrate"``). A value is a string, a list
of variants (one is chosen at random) or a plural mapping (``one``/``few``/``many``/
``other``) chosen by the ``count`` argument.
"""
from __future__ import annotations

import logging
import random
import re
from pathlib import Path
from typing import Any, Iterable

from ruamel.yaml import YAML

LANGUAGES = ("ru", "en")
FALLBACK = "en"
log = logging.getLogger("samovar.i18n")


def plural_form(lang: str, n: int) -> str:
    """CLDR plural category of ``n`` for ``lang`` (integers only)."""
    n = abs(n)
    if lang == "ru":
        if n % 10 == 1 and n % 100 != 11:
            return "one"
        if 2 <= n % 10 <= 4 and not 12 <= n % 100 <= 14:
            return "few"
        return "many"
    return "one" if n == 1 else "other"


class _Blank(dict):
    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


class Catalog:
    """All messages of every loaded component, per language."""

    def __init__(self, rng: random.Random | None = None) -> None:
        self._messages: dict[str, dict[str, Any]] = {lang: {} for lang in LANGUAGES}
        self._rng = rng or random.Random()

    def load_dir(self, directory: str | Path) -> None:
        """Merge ``<directory>/<lang>.yaml`` for every supported language that exists."""
        yaml = YAML(typ="safe")
        for lang in LANGUAGES:
            path = Path(directory) / f"{lang}.yaml"
            if path.is_file():
                data = yaml.load(path.read_text(encoding="utf-8")) or {}
                _flatten(data, "", self._messages[lang])

    def has(self, key: str, lang: str) -> bool:
        """Whether ``key`` exists in ``lang`` itself (no fallback)."""
        return key in self._messages.get(lang, {})

    def keys(self, lang: str) -> set[str]:
        """Every key defined for ``lang``."""
        return set(self._messages.get(lang, {}))

    def raw(self, key: str, lang: str) -> Any:
        """The stored value for ``key`` (with language fallback), or None."""
        for candidate in (lang, FALLBACK, *LANGUAGES):
            value = self._messages.get(candidate, {}).get(key)
            if value is not None:
                return value
        return None

    def variants(self, key: str, lang: str) -> list[str]:
        """All variants of a list-valued message (a plain string gives one)."""
        value = self.raw(key, lang)
        if isinstance(value, list):
            return [str(v) for v in value]
        return [] if value is None else [str(value)]

    def t(self, key: str, lang: str, /, **values: Any) -> str:
        """Translate ``key`` into ``lang`` and fill ``{placeholders}`` from ``values``."""
        value = self.raw(key, lang)
        if value is None:
            log.warning("missing translation", extra={"key": key, "lang": lang})
            return key
        if isinstance(value, list):
            value = self._rng.choice(value)
        elif isinstance(value, dict):
            form = plural_form(lang, int(values.get("count", 0)))
            value = value.get(form, value.get("other", value.get("many", "")))
        return str(value).format_map(_Blank(values))


def _flatten(data: Any, prefix: str, out: dict[str, Any]) -> None:
    if isinstance(data, dict) and not _is_plural(data):
        for key, value in data.items():
            _flatten(value, f"{prefix}{key}.", out)
    else:
        out[prefix[:-1]] = data


def _is_plural(data: dict[str, Any]) -> bool:
    return bool(data) and set(data) <= {"zero", "one", "two", "few", "many", "other"}


def missing_keys(catalog: Catalog, languages: Iterable[str] = LANGUAGES) -> dict[str, set[str]]:
    """Keys present in some language but absent from another (used by tests)."""
    every = set().union(*(catalog.keys(lang) for lang in languages))
    return {lang: every - catalog.keys(lang) for lang in languages if every - catalog.keys(lang)}


_PLACEHOLDER = re.compile(r"{(\w+)}")


def _placeholders(value: Any) -> set[str]:
    if isinstance(value, list):
        return set().union(*(_placeholders(v) for v in value))
    if isinstance(value, dict):
        return set().union(*(_placeholders(v) for v in value.values()))
    return set(_PLACEHOLDER.findall(str(value)))


def placeholder_mismatches(catalog: Catalog) -> list[str]:
    """Keys whose ru and en texts use different ``{placeholders}`` (used by tests)."""
    return sorted(key for key in catalog.keys("en") & catalog.keys("ru")
                  if _placeholders(catalog.raw(key, "en")) != _placeholders(catalog.raw(key, "ru")))


def incomplete_russian_plurals(catalog: Catalog) -> list[str]:
    """Russian plural texts lacking one of ``one``/``few``/``many`` (used by tests)."""
    return sorted(key for key in catalog.keys("ru")
                  if isinstance(value := catalog.raw(key, "ru"), dict) and not {"one", "few", "many"} <= set(value))
