"""The rules in force, and reloading them when their file (or a model file it names) changes.

Checking for a change is one ``stat`` call per file. A file that fails to load leaves
the rules in force untouched; the mistake is reported once per change of the file (or of
a model file it names, which may appear after it).
"""
from __future__ import annotations

import asyncio
import os
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from .engine import ConfigError, RuleSet
from .engine.rules_file import DEFAULT_FILE, DEFAULT_PACKAGE, named_model_files

Signature = tuple[int, int] | None
Signatures = tuple[Signature, ...]


def default_rules_path() -> Path | None:
    """The packaged ``rules.yaml`` as a file on disk, when it is one (it is, installed normally)."""
    path = Path(str(resources.files(DEFAULT_PACKAGE) / DEFAULT_FILE))
    return path if path.is_file() else None


def _signature(path: Path) -> Signature:
    try:
        stat = os.stat(path)
    except OSError:
        return None
    return stat.st_mtime_ns, stat.st_size


@dataclass(frozen=True, slots=True)
class Reload:
    """What happened when the file changed: new rules, or the error that kept the old ones."""

    rules: RuleSet | None = None
    error: ConfigError | None = None


class RulesSource:
    """Holds the :class:`RuleSet` in force and notices when its file changes."""

    def __init__(self, path: Path | None) -> None:
        self.custom = path is not None
        self.path = path if path is not None else default_rules_path()
        self.rules = RuleSet.load(path) if path is not None else RuleSet.from_default()
        self._watched: list[Path] = self._files(self.rules)
        self._seen = self._signatures()
        self.last_error: ConfigError | None = None

    def changed(self) -> bool:
        """Whether the rules file or one of its model files changed since the last look (one ``stat`` each)."""
        return self.path is not None and self._signatures() != self._seen

    async def reload(self) -> Reload:
        """Load the changed file; compiling runs in a worker thread, so the bot keeps answering meanwhile."""
        assert self.path is not None
        self._seen = self._signatures()
        try:
            rules = await asyncio.to_thread(RuleSet.load, self.path)
        except ConfigError as exc:
            self.last_error = exc
            # Its model files may simply not be there yet ("cannot read the model file"): watch them too.
            self._watched = list(dict.fromkeys([*self._watched, *named_model_files(self.path)]))
            self._seen = self._signatures()
            return Reload(error=exc)
        self.rules = rules
        self._watched = self._files(rules)
        self._seen = self._signatures()
        self.last_error = None
        return Reload(rules=rules)

    def _files(self, rules: RuleSet) -> list[Path]:
        """The rules file, the model files in use, and where a model of one's own would go (beside the rules)."""
        if self.path is None:
            return []
        return [self.path, *rules.model_files(), *rules.model_files(beside_only=True)]

    def _signatures(self) -> Signatures:
        return tuple(_signature(path) for path in self._watched)
