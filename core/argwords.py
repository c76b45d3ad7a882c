"""What members call command arguments and choices: shown in their language, accepted in any.

An argument's words live in the catalog under its ``label`` (default ``core.args.<name>``)::

    checkin:
      args:
        mode:
          name: "как делиться"              # shown in usage lines and errors
          choices:
            private: ["приватно", "лично"]  # the first is shown; every one is accepted

A choice without words of its own under the label takes ``core.choices.<value>``
(``on``/``off``/``yes``/``no`` ...), else the declared word itself. The declared word
always works too, and the handler always receives it. Words of every language are
accepted from everyone; the table of them is built once per argument, on the first
word that is not a declared choice, so English words never pay for it.
"""
from __future__ import annotations

from typing import Any

from .commands import Arg, Command, UsageError
from .i18n import LANGUAGES, Catalog

ARGS = "core.args"
SHARED_CHOICES = "core.choices"


def normal(word: str) -> str:
    """A word as compared with the catalog's: lower case, ``ё`` read as ``е``."""
    return word.lower().replace("ё", "е")


class ArgWords:
    """Argument names and choice words from ``catalog``, for one bot."""

    def __init__(self, catalog: Catalog) -> None:
        self.catalog = catalog
        self._aliases: dict[int, tuple[Arg, dict[str, str]]] = {}

    # ----- reading what a member typed ---------------------------------------------------

    def canonical(self, arg: Arg, word: str) -> str | None:
        """The declared choice of ``arg`` that ``word`` (lower case) stands for, or None."""
        entry = self._aliases.get(id(arg))
        if entry is None or entry[0] is not arg:
            entry = self._aliases[id(arg)] = (arg, self._alias_table(arg))
        return entry[1].get(normal(word))

    def _alias_table(self, arg: Arg) -> dict[str, str]:
        table: dict[str, str] = {}
        for value in arg.choices:  # the first declared choice to claim a word keeps it
            for lang in LANGUAGES:
                for word in self._choice_words(arg, value, lang):
                    table.setdefault(normal(word), value)
        for value in arg.choices:  # a declared word always means itself
            table[normal(value)] = value
        return table

    # ----- showing arguments to a member -------------------------------------------------

    def name(self, arg: Arg, lang: str) -> str:
        """What ``arg`` is called in ``lang`` (its code name when the catalog has no name for it)."""
        value = self.catalog.raw(f"{self._label(arg)}.name", lang)
        return str(value) if value else arg.name

    def choices(self, arg: Arg, lang: str) -> list[str]:
        """The words for ``arg``'s choices that a member writing in ``lang`` would type, once each."""
        shown: dict[str, None] = {}
        for value in arg.choices:
            words = self._choice_words(arg, value, lang)
            shown[words[0] if words else value] = None
        return list(shown)

    def usage(self, command: Command, prefix: str, lang: str, name: str | None = None) -> str:
        """A usage line such as ``!checkin pause <срок>`` in ``lang`` (``name``: the command as written there)."""
        parts = [arg.usage(self.name(arg, lang), self.choices(arg, lang) if arg.choices else None)
                 for arg in command.args]
        return " ".join([prefix + (name or command.name), *parts])

    def explain(self, error: UsageError, command: Command, prefix: str, lang: str) -> str:
        """What was wrong, then how to use ``command``, both in ``lang``."""
        values: dict[str, Any] = dict(error.values)
        arg = error.argument
        if arg is not None:
            values["arg"] = self.name(arg, lang)
            if arg.choices:
                values["choices"] = ", ".join(self.choices(arg, lang))
        return (self.catalog.t(error.key, lang, **values) + "\n"
                + self.catalog.t("core.usage.line", lang, usage=self.usage(command, prefix, lang)))

    # ----- the catalog ---------------------------------------------------------------------

    @staticmethod
    def _label(arg: Arg) -> str:
        return arg.label or f"{ARGS}.{arg.name}"

    def _choice_words(self, arg: Arg, value: str, lang: str) -> list[str]:
        for key in (f"{self._label(arg)}.choices.{value}", f"{SHARED_CHOICES}.{value}"):
            if self.catalog.has(key, lang):
                raw = self.catalog.raw(key, lang)
                return [str(w) for w in raw] if isinstance(raw, list) else [str(raw)]
        return []
